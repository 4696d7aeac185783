"""Checking the shape of what annotation tools export, with pydantic models."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from shanhai_nlp.errors import AnnotationFormatError

M = TypeVar("M", bound=BaseModel)


def parse_shape(model: type[M], obj: Any, where: str) -> M:
    """``obj`` as ``model``; a wrong shape is an :class:`AnnotationFormatError` naming
    ``where`` and the first field at fault (``result.0.value.start``)."""
    try:
        return model.model_validate(obj)
    except ValidationError as exc:
        first = exc.errors()[0]
        place = ".".join(str(p) for p in first["loc"])
        raise AnnotationFormatError(where, place, first["msg"]) from None
