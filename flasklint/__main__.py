"""Allow `python -m flasklint`."""

from flasklint.cli import main

main()
