"""Actors whose stance is tagged, and how their names are found in text.

An actor is a name plus aliases: leaders, officials, capitals and seats of government,
institutions, demonyms and spelling variants. Aliases written in capitals only ("US",
"USA", "NATO") match case-sensitively, so the pronoun "us" is never the United States;
every other alias matches in any case. Matches respect word edges, so "Russia" does not
fire inside "Belarussia" while "Russian-Ukrainian talks" names both sides.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .errors import UsageError


@dataclass(frozen=True)
class Mention:
    """One occurrence of an actor's alias: offsets are within the text that was searched."""

    actor: str
    alias: str
    start: int
    end: int


@dataclass(frozen=True)
class Actor:
    """An actor: ``name`` is how it is reported, ``aliases`` how the text may name it."""

    name: str
    aliases: tuple[str, ...] = field(default=())

    def __post_init__(self):
        name = self.name.strip()
        if not name:
            raise UsageError("an actor needs a name")
        aliases = tuple(dict.fromkeys(a.strip() for a in (name, *self.aliases) if a.strip()))
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "aliases", aliases)

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        # Longest aliases first so "United States" wins over "United".
        parts = []
        for alias in sorted(self.aliases, key=len, reverse=True):
            body = r"\s+".join(re.escape(w) for w in alias.split())
            flag = "" if _case_sensitive(alias) else "(?i:"
            parts.append(f"{flag}{body})" if flag else body)
        return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")

    def find(self, text: str) -> list[Mention]:
        """All mentions of this actor in ``text``, left to right."""
        return [Mention(self.name, m.group(0), m.start(), m.end()) for m in self.pattern.finditer(text)]


def _case_sensitive(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 5


DEFAULT_ACTORS: tuple[Actor, ...] = (
    Actor("Russia", (
        "Russian Federation", "Russian", "Russians", "Moscow", "Kremlin", "Putin",
        "Lavrov", "Peskov", "Shoigu", "Zakharova", "Medvedev", "Nebenzia", "Nebenzya",
        "Polyansky", "Medinsky", "Gerasimov", "Mishustin", "Ryabkov", "Ushakov", "Dmitriev",
        "Belousov", "Galuzin", "Grushko", "Kozak", "Konashenkov", "Fomin",
    )),
    Actor("Ukraine", (
        "Ukrainian", "Ukrainians", "Kyiv", "Kiev", "Zelensky", "Zelenskyy", "Zelenskiy",
        "Zelenskyi", "Kuleba", "Reznikov", "Zaluzhny", "Zaluzhnyi", "Yermak", "Podolyak",
        "Podoliak", "Shmyhal", "Kyslytsya", "Arakhamia", "Budanov", "Umerov", "Sybiha",
        "Syrskyi", "Syrsky", "Svyrydenko", "Zelenska", "Stefanchuk", "Kyslytsia",
        "Lubinets", "Klymenko",
    )),
    Actor("US", (
        "U.S.", "USA", "U.S.A.", "United States", "United States of America", "America",
        "American", "Americans", "Washington", "White House", "Pentagon", "State Department",
        "Biden", "Blinken", "Lloyd Austin", "Jake Sullivan", "John Kirby", "Psaki",
        "Jean-Pierre", "Thomas-Greenfield", "Kamala Harris", "Yellen", "Nuland", "Congress",
        "Capitol Hill", "Oval Office", "USAID", "Trump", "Vance", "Rubio", "Witkoff", "Kellogg",
        "Hegseth", "Bessent", "Waltz", "Driscoll", "Kushner", "Leavitt", "Whitaker", "Lutnick",
        "Ratcliffe", "Greer",
    )),
)


def parse_actor_spec(spec: str) -> Actor:
    """Parse ``--actor`` values: ``"NATO"`` or ``"NATO=NATO,Stoltenberg,alliance"``.

    Raises:
        UsageError: with a one-line reason when the spec does not parse.
    """
    name, sep, rest = spec.partition("=")
    if not name.strip():
        raise UsageError(f"--actor {spec!r}: expected NAME or NAME=alias1,alias2")
    aliases = [a.strip() for a in rest.split(",")] if sep else []
    if sep and not any(aliases):
        raise UsageError(f"--actor {spec!r}: no aliases after '='")
    if any(not a for a in aliases):
        raise UsageError(f"--actor {spec!r}: empty alias (check the commas)")
    return Actor(name.strip(), tuple(aliases))


def load_actors_file(path: str | Path) -> list[Actor]:
    """Read actors from TOML or JSON.

    Both accept a mapping of name to aliases, at the top level or under ``actors``::

        # actors.toml                         // actors.json
        [actors]                              {"actors": {"NATO": ["NATO", "Stoltenberg"]}}
        NATO = ["NATO", "Stoltenberg"]

    Raises:
        UsageError: the file is missing, does not parse, or has the wrong shape.
    """
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"--actors-file {p}: cannot read ({exc.strerror})") from None
    try:
        data = tomllib.loads(raw) if p.suffix.lower() == ".toml" else json.loads(raw)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        kind = "TOML" if p.suffix.lower() == ".toml" else "JSON"
        raise UsageError(f"--actors-file {p}: not valid {kind} ({exc})") from None
    table = data.get("actors", data) if isinstance(data, dict) else None
    if not isinstance(table, dict) or not table:
        raise UsageError(f"--actors-file {p}: expected a mapping of actor name to a list of aliases")
    actors = []
    for name, aliases in table.items():
        if not (isinstance(aliases, list) and all(isinstance(a, str) for a in aliases)):
            raise UsageError(f"--actors-file {p}: aliases of {name!r} must be a list of strings")
        actors.append(Actor(name, tuple(aliases)))
    return actors


def resolve_actors(extra: Iterable[Actor] = (), *, defaults: bool = True) -> list[Actor]:
    """The actor list for a run: defaults (unless switched off), then user actors.

    A user actor with a default's name (any case) replaces that default in place.
    """
    actors: dict[str, Actor] = {a.name.casefold(): a for a in (DEFAULT_ACTORS if defaults else ())}
    for actor in extra:
        actors[actor.name.casefold()] = actor
    if not actors:
        raise UsageError("no actors to tag: add --actor or drop --no-default-actors")
    return list(actors.values())


def find_mentions(actors: Sequence[Actor], text: str) -> list[Mention]:
    """Mentions of every actor in ``text``; where aliases of two actors overlap, the longer wins."""
    found = sorted(
        (m for a in actors for m in a.find(text)), key=lambda m: (m.start, -(m.end - m.start))
    )
    kept: list[Mention] = []
    for m in found:
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return kept
