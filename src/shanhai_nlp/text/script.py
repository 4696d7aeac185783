"""Script views: Traditional/Simplified detection and a length-preserving Simplified view.

OpenCC converts phrases and may change a text's length; the detectors need a view whose offsets
equal the raw text's. :func:`simplify_chars` therefore converts character by character with a
table built once from OpenCC's ``t2s`` conversion, keeping only one-to-one mappings.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

import numpy as np
import numpy.typing as npt

Script = Literal["traditional", "simplified", "unknown"]

#: CJK Unified Ideographs (basic block and extension A), where the conversions apply.
_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF))


CJK_RUN_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]+")


def is_cjk(char: str) -> bool:
    """True for a CJK unified ideograph (basic block or extension A)."""
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


@lru_cache(maxsize=2)
def char_table(config: str) -> dict[int, str]:
    """One-to-one character mappings of an OpenCC config (``t2s`` or ``s2t``), for str.translate."""
    import opencc

    converter = opencc.OpenCC(f"{config}.json" if not config.endswith(".json") else config)
    chars = [chr(c) for lo, hi in _CJK_RANGES for c in range(lo, hi + 1)]
    # convert all characters in one call, separated by newlines, then split back
    converted = converter.convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # pragma: no cover - OpenCC keeps newlines
        raise RuntimeError("OpenCC changed the number of lines of a per-character conversion")
    return {ord(a): b for a, b in zip(chars, converted, strict=True) if a != b and len(b) == 1}


#: below this many characters, plain Python beats the cost of building an array
_SHORT = 64
#: the conversions only touch the Basic Multilingual Plane
_BMP = 0x10000


def code_points(text: str) -> npt.NDArray[np.uint32]:
    """The code points of ``text`` as an array (one element per Python character)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def cjk_mask(codes: npt.NDArray[np.uint32]) -> npt.NDArray[np.bool_]:
    """:func:`is_cjk` for every code point of an array (see :func:`code_points`)."""
    mask = np.zeros(codes.shape, dtype=np.bool_)
    for low, high in _CJK_RANGES:
        mask |= (codes >= low) & (codes <= high)
    return mask


@lru_cache(maxsize=1)
def _bmp_digits() -> npt.NDArray[np.bool_]:
    """:meth:`str.isdigit` of every character of the BMP, indexed by code point."""
    return np.array([chr(c).isdigit() for c in range(_BMP)], dtype=np.bool_)


def digit_mask(codes: npt.NDArray[np.uint32]) -> npt.NDArray[np.bool_]:
    """:meth:`str.isdigit` for every code point of an array (Unicode digits, as Python says)."""
    mask = _bmp_digits()[np.minimum(codes, _BMP - 1)]  # U+FFFF is no digit
    for k in np.flatnonzero(codes >= _BMP).tolist():  # rare: emoji and other astral characters
        mask[k] = chr(codes[k]).isdigit()
    return mask


@lru_cache(maxsize=1)
def _t2s_lookup() -> npt.NDArray[np.uint32]:
    """:func:`char_table` ("t2s") as an array indexed by code point, identity elsewhere."""
    lookup = np.arange(_BMP, dtype=np.uint32)
    for code, char in char_table("t2s").items():
        lookup[code] = ord(char)
    return lookup


def simplify_chars(text: str) -> str:
    """The Simplified view of ``text``, character by character, same length.

    Example:
        >>> simplify_chars("雲南省鎮雄縣")
        '云南省镇雄县'
    """
    if len(text) < _SHORT:
        return text.translate(char_table("t2s"))
    return from_code_points(simplify_codes(code_points(text)))


def from_code_points(codes: npt.NDArray[np.uint32]) -> str:
    """The text of an array of code points (the inverse of :func:`code_points`)."""
    return codes.tobytes().decode("utf-32-le", "surrogatepass")


def simplify_codes(codes: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint32]:
    """:func:`simplify_chars` on code points."""
    lookup = _t2s_lookup()
    if not codes.size or int(codes.max()) < _BMP:
        return lookup[codes]
    out = codes.copy()  # characters beyond the BMP (emoji) pass through
    small = codes < _BMP
    out[small] = lookup[codes[small]]
    return out


@lru_cache(maxsize=1)
def _script_only_chars() -> tuple[frozenset[str], frozenset[str]]:
    """Characters only Traditional uses, and characters only Simplified uses."""
    t2s, s2t = char_table("t2s"), char_table("s2t")
    traditional = frozenset(chr(c) for c in t2s)
    simplified = frozenset(chr(c) for c in s2t if c not in t2s)
    return traditional, simplified


@lru_cache(maxsize=1)
def _script_only_lookup() -> npt.NDArray[np.int8]:
    """Per code point: 1 for characters only Traditional uses, 2 for only Simplified, else 0."""
    lookup = np.zeros(_BMP, dtype=np.int8)
    traditional, simplified = _script_only_chars()
    lookup[[ord(c) for c in traditional]] = 1
    lookup[[ord(c) for c in simplified]] = 2
    return lookup


def script_counts(text: str) -> tuple[int, int]:
    """(characters only Traditional uses, characters only Simplified uses) in ``text``.

    Example:
        >>> script_counts("雲南云南")
        (1, 1)
    """
    if len(text) < _SHORT:
        traditional, simplified = _script_only_chars()
        return sum(map(traditional.__contains__, text)), sum(map(simplified.__contains__, text))
    kinds = np.bincount(script_kinds(code_points(text)), minlength=3)
    return int(kinds[1]), int(kinds[2])


def script_kinds(codes: npt.NDArray[np.uint32]) -> npt.NDArray[np.int8]:
    """Per code point: 1 for a character only Traditional uses, 2 for one only Simplified uses,
    0 for any other."""
    return _script_only_lookup()[np.minimum(codes, _BMP - 1)]  # U+FFFF is neither


def running_script_counts(
    kinds: npt.NDArray[np.int8],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Running counts of Traditional-only and Simplified-only characters, from
    :func:`script_kinds`: element ``k`` counts the first ``k`` characters, so
    ``t[end] - t[start]`` counts any slice in constant time.

    Example:
        >>> t, s = running_script_counts(script_kinds(code_points("雲南云南")))
        >>> t.tolist(), s.tolist()
        ([0, 1, 1, 1, 1], [0, 0, 0, 1, 1])
    """
    traditional = np.concatenate(([0], np.cumsum(kinds == 1)))
    simplified = np.concatenate(([0], np.cumsum(kinds == 2)))
    return traditional, simplified


def script_from_counts(traditional: int, simplified: int, *, min_evidence: int = 3) -> Script:
    """The script that counts of script-only characters show (see :func:`detect_script`)."""
    if max(traditional, simplified) < min_evidence:
        return "unknown"
    return "traditional" if traditional >= simplified else "simplified"


def detect_script(text: str, *, min_evidence: int = 3) -> Script:
    """Guess the script from characters that differ between the scripts.

    Example:
        >>> detect_script("東西部協作讓群眾受益"), detect_script("东西部协作让群众受益")
        ('traditional', 'simplified')
    """
    traditional, simplified = script_counts(text)
    return script_from_counts(traditional, simplified, min_evidence=min_evidence)
