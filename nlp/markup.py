"""HTML and Markdown turned into the plain text the analysis reads.

For both, the article's text *is* the extracted or rendered text: sentence offsets in the
output index into it, not into the markup.

- HTML: the main text, title and metadata (publication date, site) found by trafilatura.
  Pages are recognised by their ``.html``/``.htm`` name or by how they start (a doctype or
  an ``<html>`` tag), so a page piped to stdin is not read as text.
- Markdown (``.md``): rendered by markdown-it-py (CommonMark): headings, emphasis, links,
  quotes and list markers go, their text stays; a leading heading becomes the title.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

from .errors import InputError

MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")

_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>/]", re.I | re.S)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?=$|[T\s])")


def looks_like_html(text: str) -> bool:
    """Whether ``text`` starts like an HTML page (a doctype, ``<html>``, ``<head>`` or ``<body>``)."""
    return bool(_HTML_START.match(text[:4096]))


def iso_date(value: object) -> str | None:
    """``"2024-03-01"`` from an ISO date or timestamp string; None for anything else."""
    if not isinstance(value, str):
        return None
    match = _ISO_DATE.match(value.strip())
    if match is None:
        return None
    try:
        return date.fromisoformat(match.group()).isoformat()
    except ValueError:
        return None


def host(url: object) -> str | None:
    """The host of ``url`` without a leading ``www.``; None if it has none."""
    if not isinstance(url, str):
        return None
    try:
        name = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return name.removeprefix("www.") if name else None


def html_to_text(html: str, *, name: str) -> tuple[str, str | None, dict[str, str]]:
    """Main text, title and metadata of an HTML page (trafilatura), paragraphs on their own lines.

    Returns:
        ``(text, title, meta)``; ``meta`` may hold ``date`` (ISO), ``source`` (the site's name,
        else its host) and ``url``, when the page says.

    Raises:
        InputError: no article text in the page.
    """
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise InputError(f"{name}: no article text found in the HTML page")
    title = getattr(doc, "title", None) or None
    lines = text.splitlines()
    if title and lines and lines[0].strip() == title.strip():
        lines = lines[1:]
    url = getattr(doc, "url", None)
    meta = {"date": iso_date(getattr(doc, "date", None)),
            "source": getattr(doc, "sitename", None) or getattr(doc, "hostname", None) or host(url),
            "url": url if isinstance(url, str) and url.startswith(("http://", "https://")) else None}
    return "\n\n".join(line for line in lines if line.strip()), title, {k: v for k, v in meta.items() if v}


def markdown_to_text(source: str, *, name: str) -> tuple[str, str | None]:
    """The text of a Markdown document and its title (a heading that opens it).

    Blocks (paragraphs, headings, list items, quotes, table rows, code) are separated by
    blank lines; inside a paragraph, line breaks are kept.

    Raises:
        InputError: nothing but markup.
    """
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(source)
    blocks: list[str] = []
    cells: list[str] = []
    title = None
    in_cell = False
    for index, token in enumerate(tokens):
        if token.type in ("th_open", "td_open"):
            in_cell = True
        elif token.type in ("th_close", "td_close"):
            in_cell = False
        elif token.type == "tr_close":
            blocks.append(" | ".join(cells))
            cells = []
        elif token.type in ("fence", "code_block"):
            blocks.append(token.content.strip("\n"))
        elif token.type == "inline":
            text = _inline(token.children or [])
            if in_cell:
                cells.append(" ".join(text.split()))
            elif index == 1 and tokens[0].type == "heading_open" and text.strip():
                title = " ".join(text.split())
            else:
                blocks.append(text)
    text = "\n\n".join(b.strip() for b in blocks if b.strip())
    if not text:
        raise InputError(f"{name}: no text in the Markdown document")
    return text, title


def _inline(children) -> str:
    out = []
    for child in children:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif child.type == "image":
            out.append(_inline(child.children or []))  # the alt text
    return "".join(out)
