"""Length-preserving Simplified view of a text, for segmenters trained on Simplified Chinese.

OpenCC's ``t2s`` converts phrases (better than character by character), but may change the
length of a line; such a line falls back to the character table, so offsets never move.
"""

from __future__ import annotations

from functools import lru_cache

from shanhai_nlp.text.script import simplify_chars


@lru_cache(maxsize=1)
def _t2s() -> object:
    import opencc

    return opencc.OpenCC("t2s.json")


def simplified_view(text: str) -> str:
    """The Simplified view of ``text``, line by line, always of the same length.

    Example:
        >>> simplified_view("雲南省鎮雄縣位於烏蒙山區\\n")
        '云南省镇雄县位于乌蒙山区\\n'
    """
    converter = _t2s()
    lines = text.split("\n")
    out = []
    for line in lines:
        converted = converter.convert(line)  # type: ignore[attr-defined]
        out.append(converted if len(converted) == len(line) else simplify_chars(line))
    return "\n".join(out)
