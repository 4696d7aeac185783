"""The detector interface and registry.

A detector is any callable ``text -> list[SpamSpan]`` (offsets into ``text``). Detectors are
registered by name in :data:`detectors`; :func:`get_detector` also resolves
``package.module:function`` so users can evaluate their own detectors through the same path.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from operator import itemgetter
from typing import Any, Protocol, TypeVar

import catalogue

from shanhai_nlp.document.model import SpamSpan
from shanhai_nlp.errors import ShanhaiError


class Detector(Protocol):
    """Finds injected spam in a text."""

    def __call__(self, text: str) -> list[SpamSpan]: ...


#: name -> factory returning a detector (factories are called once per process and cached).
detectors = catalogue.create("shanhai_nlp", "detectors", entry_points=True)

_instances: dict[str, Detector] = {}


def get_detector(name: str) -> Detector:
    """A registered detector by name, or any ``package.module:function`` taking a text.

    Example:
        >>> get_detector("lexicon")("幫包養網扶")[0].text
        '包養網'
    """
    if name in _instances:
        return _instances[name]
    if ":" in name:
        detector = _import_callable(name)
    else:
        try:
            factory = detectors.get(name)
        except catalogue.RegistryError:
            known = ", ".join(sorted(detectors.get_all()))
            raise ShanhaiError(f"unknown detector {name!r} (known: {known})") from None
        detector = factory()
    _instances[name] = detector
    return detector


def _import_callable(spec: str) -> Detector:
    module_name, _, attr = spec.partition(":")
    try:
        target = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise ShanhaiError(f"cannot import detector {spec!r}: {exc}") from None
    if not callable(target):
        raise ShanhaiError(f"detector {spec!r} is not callable")

    def detector(text: str) -> list[SpamSpan]:
        return coerce_spans(target(text), text, detector=spec)

    return detector


def coerce_spans(items: Iterable[Any], text: str, *, detector: str) -> list[SpamSpan]:
    """Accept SpamSpans, ``(start, end)`` pairs or dicts with start/end from foreign detectors."""
    spans = []
    for item in items:
        if isinstance(item, SpamSpan):
            spans.append(item)
            continue
        if isinstance(item, dict):
            start, end, score = item["start"], item["end"], float(item.get("score", 1.0))
        else:
            start, end = item[0], item[1]
            score = 1.0
        if not 0 <= start < end <= len(text):
            raise ShanhaiError(
                f"detector {detector!r} returned span [{start}:{end}] outside the text"
            )
        spans.append(
            SpamSpan(start=start, end=end, text=text[start:end], score=score, detector=detector)
        )
    return normalise_spans(spans, text)


def normalise_spans(spans: Iterable[SpamSpan], text: str) -> list[SpamSpan]:
    """Sort spans and merge overlapping or touching ones (keeping the highest score).

    Example:
        >>> a = SpamSpan(start=1, end=3, text="包養", score=0.5)
        >>> b = SpamSpan(start=3, end=4, text="網", score=0.9)
        >>> [(s.text, s.score) for s in normalise_spans([b, a], "幫包養網扶")]
        [('包養網', 0.9)]
    """
    merged: list[SpamSpan] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if merged and span.start <= merged[-1].end:
            last = merged[-1]
            end = max(last.end, span.end)
            merged[-1] = replace(
                last, end=end, text=text[last.start : end], score=max(last.score, span.score)
            )
            continue
        merged.append(span)
    return merged


#: a found span before it becomes a :class:`SpamSpan`: (start, end, score, detector)
Found = tuple[int, int, float, str]


def merge_found(found: Iterable[Found]) -> list[Found]:
    """:func:`normalise_spans` for spans not yet built (detectors build each span once).

    Example:
        >>> merge_found([(3, 4, 0.9, "b"), (1, 3, 0.5, "a")])
        [(1, 4, 0.9, 'a')]
    """
    merged: list[Found] = []
    # by start, the longest first: two stable sorts with C keys, a hot path
    ordered = sorted(found, key=itemgetter(1), reverse=True)
    ordered.sort(key=itemgetter(0))
    for start, end, score, name in ordered:
        if merged and start <= merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), max(last[2], score), last[3])
        else:
            merged.append((start, end, score, name))
    return merged


#: characters that end a line: a span never takes one (a CRLF file keeps its CR)
LINE_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def build_spans(text: str, found: Iterable[Found]) -> list[SpamSpan]:
    r"""Spans of ``text`` from found tuples, with any line-break characters at their edges left
    out.

    Example:
        >>> [s.text for s in build_spans("題包養網\r\n正文", [(1, 5, 0.8, "x")])]
        ['包養網']
    """
    spans = []
    for start, end, score, name in found:
        while start < end and text[end - 1] in LINE_BREAKS:
            end -= 1
        while start < end and text[start] in LINE_BREAKS:
            start += 1
        if start < end:
            spans.append(
                SpamSpan(start=start, end=end, text=text[start:end], score=score, detector=name)
            )
    return spans


DetectorFactory = Callable[[], Detector]

T = TypeVar("T")


def batched(
    items: Iterable[T], limit: int, *, size: Callable[[T], int] | None = None
) -> Iterator[list[T]]:
    """Consecutive lists of ``items``, each closed once its size reaches ``limit`` (its number
    of items, or the sum of ``size`` of them).

    Example:
        >>> list(batched("abcde", 2)), list(batched(["ab", "c", "def"], 3, size=len))
        ([['a', 'b'], ['c', 'd'], ['e']], [['ab', 'c'], ['def']])
    """
    batch: list[T] = []
    total = 0
    for item in items:
        batch.append(item)
        total += 1 if size is None else size(item)
        if total >= limit:
            yield batch
            batch, total = [], 0
    if batch:
        yield batch


def detect_many(detector: Detector, texts: Iterable[str]) -> Iterator[list[SpamSpan]]:
    """The spans of each text, in order: through the detector's ``pipe`` when it has one
    (detectors that share work across texts), else one call per text."""
    pipe = getattr(detector, "pipe", None)
    return iter(pipe(texts)) if pipe is not None else map(detector, texts)
