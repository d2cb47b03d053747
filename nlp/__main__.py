"""``python -m nlp`` runs the CLI."""

from .cli import main

main()
