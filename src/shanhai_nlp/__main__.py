"""``python -m shanhai_nlp``: the ``shanhai`` command."""

from shanhai_nlp.cli import main

main()
