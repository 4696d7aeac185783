"""The signals of injected spam, one module each, registered under versioned names.

- ``splice.v1`` (:mod:`.splice`): a string repeated at unrelated places whose removal joins
  its neighbours into a common word (幫|扶) or a number (3|.77).
- ``keyword_line.v1`` (:mod:`.keyword_line`): short unpunctuated lines wedged between the two
  halves of a sentence.
- ``pipe_list.v1`` (:mod:`.pipe_list`): ``|``-separated keyword lists that mix Latin into CJK
  or use the other script.
- ``script.v1`` (:mod:`.script`): runs written in the other script than the window's.
- ``emoji.v1`` (:mod:`.emoji`): pictographs scattered through prose.

None of them reads a spam vocabulary.
"""

from __future__ import annotations

from shanhai_nlp.spam.signals import emoji, keyword_line, pipe_list, script, splice
from shanhai_nlp.spam.signals.base import PreparedSignal, Signal, get_signal, prepare, signals

#: the signals the contextual detector combines unless told otherwise
DEFAULT_SIGNALS = ("splice.v1", "keyword_line.v1", "pipe_list.v1", "script.v1", "emoji.v1")

__all__ = [
    "DEFAULT_SIGNALS",
    "PreparedSignal",
    "Signal",
    "emoji",
    "get_signal",
    "keyword_line",
    "pipe_list",
    "prepare",
    "script",
    "signals",
    "splice",
]
