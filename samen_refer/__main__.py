"""``python -m samen_refer``."""

from samen_refer.cli.app import main

main()
