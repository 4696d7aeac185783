"""Spam cleaning inside the tools crawl builders already run.

- :mod:`.hf_datasets`: :func:`~.hf_datasets.clean_batch` for ``datasets.map(batched=True)``;
- :mod:`.datatrove`: :class:`~.datatrove.SpamCleaner`, a datatrove pipeline step (the
  ``shanhai_nlp[datatrove]`` extra).

Both add what ``shanhai spam clean-corpus`` adds to a record (:func:`~shanhai_nlp.spam.stream
.clean_records`): the clean text and the removed spans, which give the raw text back.
"""
