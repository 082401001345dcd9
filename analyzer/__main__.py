"""``python -m analyzer`` is the ``jingzi`` command."""
from .cli import main

main(prog_name="jingzi")
