"""``emoji.v1``: pictographs scattered through prose.

News prose holds no emoji; SEO pages sprinkle them between the words of a copied article
(记者从市人社局🎰了解到) or around the keywords they push (🔥…🔥). Every run of pictographs
(with its joiners, variation selectors and skin tones) on a line of Chinese text is a
candidate. Stars, squares and brackets (★ ■ 【】) are not pictographs: pages use them as bullets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from shanhai_nlp.spam.signals.base import signals
from shanhai_nlp.spam.window import Candidate, Window
from shanhai_nlp.text.script import is_cjk

#: a run of pictographs: the emoji blocks, the dingbats and miscellaneous symbols but the
#: stars, with the zero-width joiner, variation selectors and keycap mark that join them
EMOJI_RUN_RE = re.compile(
    "(?![★☆])[\U0001f000-\U0001faff\u2600-\u27bf\u2b50\u2b55]"
    "[\U0001f000-\U0001faff\u2600-\u27bf\u2b50\u2b55\u200d\ufe0e\ufe0f\u20e3]*"
)


@dataclass(frozen=True, slots=True)
class EmojiConfig:
    min_cjk: int = 4  # CJK characters on the line that make it Chinese text
    score: float = 0.6


@dataclass(frozen=True, slots=True)
class EmojiSignal:
    """Runs of pictographs on lines of Chinese text.

    Example:
        >>> from shanhai_nlp.spam.window import WindowConfig, build_windows
        >>> text = "記者從市人力資源和社會保障局🎰了解到，今年全市城鎮新增就業八萬人。"
        >>> window = build_windows([text], WindowConfig()).windows[0]
        >>> [text[c.start : c.end] for c in EmojiSignal()(window)]
        ['🎰']
    """

    config: EmojiConfig = EmojiConfig()
    name: str = "emoji"

    def __call__(self, window: Window) -> list[Candidate]:
        cfg = self.config
        found = []
        chinese: dict[int, bool] = {}  # line start -> whether it is a line of Chinese text
        for m in EMOJI_RUN_RE.finditer(window.raw):
            start, line = window.line_at(m.start())
            if start not in chinese:
                chinese[start] = sum(map(is_cjk, line)) >= cfg.min_cjk
            if chinese[start]:
                found.append(Candidate(m.start(), m.end(), cfg.score, self.name))
        return found


def make_emoji(config: EmojiConfig = EmojiConfig()) -> EmojiSignal:
    return EmojiSignal(config)


signals.register("emoji.v1", func=make_emoji)
