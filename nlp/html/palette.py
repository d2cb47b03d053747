"""Stance colours for the HTML pages and plots, and the WCAG contrast check they pass.

Each label has a strong colour (pills, bars, plot fills: white text on it) and a light tint
(the highlight behind article text: dark text on it), plus a pattern (underline style and
plot hatch), so colour is never the only way a label is told apart. Known labels keep
fixed colours (blue conciliatory, vermillion confrontational, grey neutral, after the
Okabe-Ito colour-blind-safe set); any other label set takes colours in order.
"""

from __future__ import annotations

from dataclasses import dataclass

TEXT = "#1a1a1a"
BACKGROUND = "#ffffff"
MUTED = "#595959"  # secondary text on white: 7.0:1


@dataclass(frozen=True)
class Swatch:
    strong: str
    tint: str
    line: str   # CSS border-bottom style of a highlight
    hatch: str  # matplotlib hatch of a plot fill


KNOWN = {
    "conciliatory": Swatch("#005a9c", "#d6e9f8", "solid", ""),
    "confrontational": Swatch("#b33c00", "#fbe1d2", "double", "///"),
    "neutral": Swatch("#595959", "#e9e9e9", "dotted", ".."),
    "absent": Swatch("#6b6b6b", "#f2f2f2", "dashed", "xx"),
}
OTHERS = (
    Swatch("#6a3d9a", "#ebe1f5", "solid", "\\\\"),
    Swatch("#1b7837", "#dcf0e1", "dashed", "++"),
    Swatch("#8c510a", "#f6e8d5", "double", "--"),
    Swatch("#01665e", "#d5efec", "dotted", "oo"),
)


def swatches(labels: list[str]) -> dict[str, Swatch]:
    """A swatch for each label: the known ones fixed, the rest in order."""
    out, spare = {}, iter(OTHERS * (1 + len(labels) // len(OTHERS)))
    for label in labels:
        out[label] = KNOWN.get(label) or next(spare)
    return out


def _channel(c: int) -> float:
    s = c / 255
    return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours (1 to 21); AA asks 4.5 for body text."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


#: Shades of a table cell by value (confusion matrices), light to dark, with their text colour.
HEAT = (("#ffffff", TEXT), ("#e3eef8", TEXT), ("#bcd6ee", TEXT), ("#2f6da3", BACKGROUND), ("#0b4f8a", BACKGROUND))
LINK = "#0b4f8a"


def pairs() -> list[tuple[str, str, str]]:
    """Every (what, foreground, background) pair the pages draw text with."""
    out = [("text", TEXT, BACKGROUND), ("muted text", MUTED, BACKGROUND), ("link", LINK, BACKGROUND)]
    out += [(f"heat {i}", fg, bg) for i, (bg, fg) in enumerate(HEAT)]
    for name, s in [*KNOWN.items(), *((f"other {i}", s) for i, s in enumerate(OTHERS))]:
        out += [(f"{name} pill", BACKGROUND, s.strong), (f"{name} highlight", TEXT, s.tint),
                (f"{name} label text", s.strong, BACKGROUND)]
    return out
