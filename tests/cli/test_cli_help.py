"""Help texts: every option of every command says what it is for, and flags show as flags."""

from __future__ import annotations

from typing import Any

import typer.main

from shanhai_nlp.cli import app


def _commands(group: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    if hasattr(group, "commands"):
        return [
            found
            for name, command in sorted(group.commands.items())
            for found in _commands(command, (*path, name))
        ]
    return [(path, group)]


def test_every_option_has_help_and_flags_show_as_flags() -> None:
    commands = _commands(typer.main.get_command(app))
    assert len(commands) > 20
    options = 0
    for path, command in commands:
        for param in command.params:
            if param.param_type_name == "option":
                options += 1
                assert param.help, f"shanhai {' '.join(path)} {param.opts[0]} has no help"
        ctx = command.make_context(" ".join(path), ["--help"], resilient_parsing=True)
        assert "<bool>" not in command.get_help(ctx), path
    assert options > 50
