"""The signal interface and registry.

A signal finds stretches that look injected in a :class:`~shanhai_nlp.spam.window.Window`:
it is a callable ``window -> list[Candidate]`` with a ``name`` (what its candidates, and the
spans made of them, are named after) and a frozen ``config``. A signal that does array work
for many windows at once has a ``prepare(batch)`` method too, returning one value per window of
the batch; the window holds it in ``window.prepared[name]``.

Signals are registered under versioned names (``splice.v1``) by factories that take an
optional config. Another package registers its own through the ``shanhai_nlp_signals`` entry
point group or :data:`signals` directly; the contextual detector and the spam report then
use it by name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

import catalogue

from shanhai_nlp.errors import ShanhaiError
from shanhai_nlp.spam.window import Candidate, Window, WindowBatch


class Signal(Protocol):
    """Finds candidate injections in a window."""

    @property
    def name(self) -> str:
        """What its candidates, and the spans made of them, are named after."""
        ...

    def __call__(self, window: Window) -> list[Candidate]: ...


class PreparedSignal(Signal, Protocol):
    """A signal that does array work for a batch of windows first."""

    def prepare(self, batch: WindowBatch) -> Sequence[Any]: ...


#: versioned name -> factory taking an optional config and returning a :class:`Signal`
signals = catalogue.create("shanhai_nlp", "signals", entry_points=True)

SignalFactory = Callable[..., Signal]


def get_signal(name: str, config: Any = None) -> Signal:
    """A registered signal by versioned name, with its default config unless one is given.

    Example:
        >>> get_signal("keyword_line.v1").name
        'keyword_line'
    """
    try:
        factory = signals.get(name)
    except catalogue.RegistryError:
        known = ", ".join(sorted(signals.get_all()))
        raise ShanhaiError(f"unknown spam signal {name!r} (known: {known})") from None
    signal: Signal = factory() if config is None else factory(config)
    return signal


def prepare(batch: WindowBatch, chosen: Sequence[Signal]) -> None:
    """Let each signal that prepares do its array work on ``batch``."""
    if not batch.windows:
        return
    for signal in chosen:
        work = getattr(signal, "prepare", None)
        if work is not None:
            for window, value in zip(batch.windows, work(batch), strict=True):
                window.prepared[signal.name] = value
