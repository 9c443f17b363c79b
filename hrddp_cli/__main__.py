"""``python -m hrddp_cli``: the same as the ``hrddp`` command."""

from hrddp_cli.cli import main

main()
