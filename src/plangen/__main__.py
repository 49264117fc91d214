"""`python -m plangen`: the same command as `plangen`, where no script was installed."""

from plangen.cli import main

main(prog_name="plangen")
