"""The two Simplified views of a text, each for its own purpose; both keep every offset.

- :func:`simplified_view` (here): OpenCC ``t2s`` phrase by phrase, a line whose length it
  would change falling back to characters. For models trained on Simplified text, which read
  words: the pkuseg tokenizer, the section baseline, entity look-ups.
- :func:`~shanhai_nlp.text.script.simplify_chars`: a character table, one character at a
  time. For the spam detectors and repair, which compare characters and n-grams at fixed
  places and must not depend on their neighbours (a window's view equals the whole text's
  view at the window's offsets).

The two differ only where a Traditional character maps to different Simplified ones in
different words (乾 in 乾淨 and 乾隆, say).
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
