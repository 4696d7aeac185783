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
    codes = code_points(text)
    lookup = _t2s_lookup()
    if int(codes.max()) < _BMP:
        out = lookup[codes]
    else:  # characters beyond the BMP (emoji) pass through
        out = codes.copy()
        small = codes < _BMP
        out[small] = lookup[codes[small]]
    return out.tobytes().decode("utf-32-le", "surrogatepass")


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
    codes = code_points(text)
    kinds = np.bincount(_script_only_lookup()[codes[codes < _BMP]], minlength=3)
    return int(kinds[1]), int(kinds[2])


def cumulative_script_counts(text: str) -> tuple[list[int], list[int]]:
    """Running counts of Traditional-only and Simplified-only characters: element ``k`` counts
    ``text[:k]``, so ``t[end] - t[start]`` counts any slice in constant time.

    Example:
        >>> cumulative_script_counts("雲南云南")
        ([0, 1, 1, 1, 1], [0, 0, 0, 1, 1])
    """
    kinds = _script_only_lookup()[np.minimum(code_points(text), _BMP - 1)]  # U+FFFF is neither
    traditional = np.concatenate(([0], np.cumsum(kinds == 1)))
    simplified = np.concatenate(([0], np.cumsum(kinds == 2)))
    return traditional.tolist(), simplified.tolist()


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
