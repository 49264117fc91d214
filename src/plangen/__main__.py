"""`python -m plangen`: the same command as `plangen`, where no script was installed."""

from plangen.cli import run

run(prog_name="plangen")
