"""``python -m eval`` is ``nlp eval``."""

import sys

from nlp.cli import app

app(args=["eval", *sys.argv[1:]], prog_name="python -m eval")
