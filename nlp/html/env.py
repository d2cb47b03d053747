"""The Jinja2 environment every page renders through: templates are package data,
autoescaping is always on, and a few filters format numbers and labels."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from .palette import swatches

#: Label names shortened where space is tight (the full name is always in the page too).
SHORT = {"conciliatory": "conc.", "confrontational": "conf.", "neutral": "neut."}
ABSENT = "absent"


@lru_cache(maxsize=1)
def environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("nlp.html", "templates"),
        autoescape=True,  # every value is escaped: article text can never become markup
        trim_blocks=True, lstrip_blocks=True, undefined=jinja2.ChainableUndefined,  # optional keys may be missing
    )
    env.filters["num"] = lambda x, digits=2: "–" if x is None else f"{x:.{digits}f}"
    env.filters["pct"] = lambda x: "–" if x is None else f"{100 * x:.0f}%"
    env.filters["short"] = lambda label: SHORT.get(label, label)
    return env


class Labels:
    """The labels a page shows, each with a CSS class ``lab-N`` carrying its colours."""

    def __init__(self, labels: list[str]):
        self.names = [x for x in dict.fromkeys(labels) if x != ABSENT]
        self.swatches = swatches([*self.names, ABSENT])
        self._index = {label: i for i, label in enumerate(self.swatches)}

    def cls(self, label: str) -> str:
        if label not in self._index:  # a label first seen late (e.g. a runner-up): give it a slot
            self._index[label] = len(self._index)
            self.swatches = swatches(list(self._index))
        return f"lab-{self._index[label]}"

    def css(self) -> str:
        return "\n".join(f".lab-{self._index[label]}{{--strong:{s.strong};--tint:{s.tint};--line:{s.line}}}"
                         for label, s in self.swatches.items())


def render(template: str, *, labels: Labels, **context) -> str:
    """Render a template of this package; ``labels`` gives the page its colour classes."""
    page = environment().get_template(template).render(labels=labels, **context)
    return page


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def page_name(record_id: str) -> str:
    """The file name of an article's page: readable, filesystem-safe and unique per id."""
    stem = _UNSAFE.sub("-", record_id).strip("-.")[:60] or "article"
    return f"{stem}-{hashlib.sha1(record_id.encode('utf-8')).hexdigest()[:8]}.html"
