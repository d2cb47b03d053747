"""Self-contained HTML pages: an annotated article, a corpus stance report and an
evaluation report.

Every function returns strings (pages, CSV text, inline SVG) and writes nothing; the CLI
writes the files. Jinja2 and matplotlib are imported on first use only, so commands that
make no page start as fast as before.
"""

from __future__ import annotations

from .article import article_page
from .env import page_name

__all__ = ["article_page", "page_name"]
