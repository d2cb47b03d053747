"""Evidence: the sentences where an actor is involved, and the part it plays in each.

Sentence similarity sees the topic, not who does what to whom: in "the United States accused
Russia of disinformation" both countries sit in a confrontational sentence, but only the US
is confronting anyone. So every mention gets a *role* from its grammatical position, found
with light rules over the words around it (no parser model is available offline):

- ``speaker``: the actor says something ("Kuleba said…", "…, said the Pentagon",
  "according to Moscow"), or a later "he said" / a surname refers back to one of its people;
- ``agent``: the actor is the subject doing something ("Russian forces shelled…",
  "…was brokered by Turkey and the United States");
- ``patient``: something is done to it ("accused Russia of…", "strikes on Kyiv");
- ``place``: it is where something happens ("in Ukraine", "outside Kyiv");
- ``other``: any other mention (a modifier, an aside).

A sentence's weight for the actor is the weight of its strongest role; stance classifiers
lean on speaker and agent evidence and treat the rest as context.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .actors import Actor, Mention, find_mentions
from .article import Article, Sentence

ROLE_WEIGHTS = {"speaker": 1.0, "agent": 1.0, "other": 0.35, "patient": 0.2, "place": 0.1}
ACTIVE_ROLES = frozenset({"speaker", "agent"})


@dataclass(frozen=True)
class Evidence:
    """A sentence that involves an actor, with the actor's strongest role in it."""

    sentence: Sentence
    role: str
    weight: float
    mentions: tuple[Mention, ...]

    def as_dict(self) -> dict:
        return {**self.sentence.as_dict(), "role": self.role, "weight": round(self.weight, 3)}


def _forms(*bases: str) -> frozenset[str]:
    out = set()
    for b in bases:
        stem = b[:-1] if b.endswith("e") else b
        out |= {b, b + "s", stem + "ed", stem + "ing"}
        if b.endswith("y") and b[-2] not in "aeiou":
            out |= {b[:-1] + "ies", b[:-1] + "ied"}
    return frozenset(out)


SPEECH_VERBS = _forms(
    "say", "tell", "add", "state", "announce", "claim", "insist", "argue", "note", "declare",
    "warn", "accuse", "urge", "call", "demand", "pledge", "vow", "promise", "deny", "reject",
    "dismiss", "condemn", "welcome", "propose", "offer", "suggest", "stress", "reiterate",
    "acknowledge", "confirm", "threaten", "praise", "thank", "ask", "appeal", "respond",
    "reply", "counter", "allege", "describe", "brand", "label", "tweet", "post", "write",
    "blame", "criticise", "criticize", "assert", "predict", "express", "signal", "hail",
    "brief", "comment", "remark", "report", "estimate", "assess", "caution",
) | {"said", "says", "told", "wrote", "spoke", "according"}

ACTION_VERBS = _forms(
    "attack", "strike", "launch", "shell", "bomb", "fire", "invade", "advance", "push",
    "retake", "recapture", "capture", "seize", "occupy", "annex", "mobilise", "mobilize",
    "sanction", "impose", "ban", "freeze", "arm", "supply", "deliver", "send", "provide",
    "approve", "pass", "sign", "agree", "accept", "refuse", "decline", "withdraw", "pull",
    "retreat", "release", "free", "exchange", "swap", "return", "open", "close", "block",
    "allow", "permit", "resume", "suspend", "halt", "stop", "end", "extend", "renew",
    "join", "leave", "quit", "host", "hold", "meet", "negotiate", "broker", "mediate",
    "help", "support", "back", "oppose", "fight", "defend", "resist", "repel", "destroy",
    "kill", "target", "hit", "down", "intercept", "order", "deploy", "move", "expel",
    "summon", "recall", "vote", "adopt", "veto", "abstain", "pledge", "commit", "plan",
    "seek", "try", "want", "need", "hope", "expect", "move", "begin", "continue", "keep",
    "make", "take", "give", "use", "put", "set", "work", "lead", "win", "lose", "gain",
    "regain", "liberate", "escalate", "intensify", "step", "ramp", "scale", "cut",
    "shut", "restrict", "press", "force", "drive", "threaten", "vow", "reach", "announce",
) | {
    "struck", "sent", "took", "gave", "made", "began", "fought", "held", "met", "left",
    "brought", "sought", "won", "lost", "shot", "led", "drew", "froze", "broke", "chose",
    "rose", "fell", "stood", "kept", "put", "set", "hit", "cut", "shut", "ran", "went",
    "came", "saw", "got", "bought", "sold", "paid", "laid", "spent", "built",
    "will", "would", "could", "should", "can", "may", "might", "must", "has", "have",
    "had", "is", "are", "was", "were", "did", "does", "do", "been", "remains", "remained",
    "appeared", "appears", "seemed", "seems", "retook", "withdrew", "overran", "sank",
    "fled", "swept", "threw", "flew", "drove", "shook", "tore", "hid", "fed", "dealt",
    "meant", "felt", "caught", "thought", "found", "heard", "lent",
    "undertook", "overtook", "foresaw", "forgave", "spoke",
}
VERBS = SPEECH_VERBS | ACTION_VERBS

PLACE_PREPS = frozenset({
    "in", "at", "near", "across", "inside", "outside", "from", "into", "throughout",
    "around", "within", "beyond", "toward", "towards", "via", "through",
})
OBJECT_PREPS = frozenset({
    "against", "on", "to", "with", "for", "about", "over", "upon", "between", "among",
    "than", "like", "including", "onto", "off", "under", "without", "versus", "vs",
})
DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "our", "this", "that",
                         "these", "those", "both", "all", "some", "pro", "anti"})
OFFICIALS = frozenset({
    "president", "minister", "ministry", "spokesperson", "spokesman", "spokeswoman",
    "secretary", "ambassador", "envoy", "adviser", "advisor", "aide", "diplomat", "diplomats",
    "official", "officials", "negotiator", "negotiators", "delegation", "chief", "commander",
    "commanders", "general", "deputy", "head", "leader", "leaders", "leadership", "government",
    "forces", "troops", "army", "military", "navy", "authorities", "administration",
    "mission", "embassy", "office", "department", "parliament", "lawmakers", "senators",
    "prime", "foreign", "defence", "defense", "press", "national", "security", "top",
    "counterpart", "side", "team", "prosecutor", "prosecutors", "intelligence", "staff",
    "council", "command", "armed", "units", "soldiers", "officers", "representative",
    "representatives", "kremlin", "state", "speaker",
})
CLAUSE_OPENERS = frozenset({
    "but", "while", "as", "after", "before", "when", "because", "although", "though", "since",
    "whereas", "if", "unless", "that", "who", "which", "where", "and", "or", "yet", "so",
    "whether", "once", "until",
})
# Temporal clauses that set the scene rather than report what happened.
BACKGROUND_OPENERS = frozenset({"since", "after", "before", "until"})
BE_FORMS = frozenset({"is", "are", "was", "were", "be", "been", "being"})
CLAUSE_PUNCT = frozenset({",", ";", ":", "—", "–", "(", ")", "“", "”", '"'})
PRONOUNS = frozenset({"he", "she", "they", "his", "her", "their"})

_TOKEN = re.compile(r"[A-Za-z0-9][\w’'.-]*\w\.?|[A-Za-z0-9]|[^\w\s]")


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower().removesuffix("’s").removesuffix("'s").rstrip(".")


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]


ACTION_NOUNS = frozenset({
    "invasion", "offensive", "attack", "attacks", "assault", "strikes", "bombardment",
    "blockade", "war", "campaign", "shelling", "advance", "counter-offensive",
    "counteroffensive", "mobilisation", "mobilization", "annexation", "sanctions", "threat",
    "threats", "warning", "warnings", "accusation", "accusations", "claims", "demands",
    "proposal", "proposals", "offer", "plan", "decision", "refusal", "withdrawal", "call",
    "calls", "support", "aid", "help", "response", "retaliation", "position", "stance",
    "negotiators", "delegation", "peace", "push", "efforts", "effort", "approval", "veto",
    "vote", "move", "bid", "demand", "rejection", "denial", "pledge", "promise", "plans",
})
SPEECH_NOUNS = frozenset({
    "remarks", "comments", "statement", "statements", "words", "speech", "message", "address",
    "response", "reply", "view", "views", "announcement", "assessment", "rebuttal",
})
# Words that may sit between a subject and its verb: "Psaki on Thursday accused…".
ADJUNCTS = frozenset({
    "on", "last", "earlier", "later", "this", "also", "again", "previously", "then", "now",
    "already", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "week", "month", "year", "night", "morning", "evening", "today", "yesterday",
    "repeatedly", "once", "swiftly", "quickly", "publicly", "formally", "officially",
})
FUNCTION_WORDS = PLACE_PREPS | OBJECT_PREPS | DETERMINERS | CLAUSE_OPENERS | {
    "by", "of", "according", "on", "for", "not", "no", "it", "he", "she", "they", "we", "i",
    "there", "here", "then", "also", "still", "now", "yet", "meanwhile", "however",
}


def _is_verb(tok: _Token) -> bool:
    low = tok.low
    return low in VERBS or (len(low) > 4 and low.endswith("ed") and tok.text.islower())


def _is_name(tok: _Token) -> bool:
    return tok.text[:1].isupper() and tok.low not in FUNCTION_WORDS and tok.low not in VERBS


def _is_possessive(tok: _Token) -> bool:
    return tok.text.endswith(("’s", "'s")) or tok.text in {"’s", "'s"}


def mention_role(text: str, mention: Mention, others: Sequence[Mention] = ()) -> str:
    """The role of ``mention`` in the sentence ``text`` (see the module docstring).

    ``others`` are all actor mentions in the sentence (the mention itself may be among
    them); other actors' names bound the noun phrase, the same actor's names extend it.

    Example:
        >>> from nlp.actors import DEFAULT_ACTORS, find_mentions
        >>> s = "The United States accused Russia of spreading disinformation."
        >>> [(m.actor, mention_role(s, m)) for m in find_mentions(DEFAULT_ACTORS, s)]
        [('US', 'speaker'), ('Russia', 'patient')]
    """
    toks = _tokens(text)
    first = next(i for i, t in enumerate(toks) if t.end > mention.start)
    last = max(i for i, t in enumerate(toks) if t.start < mention.end)
    foreign = [(m.start, m.end) for m in others if m.actor != mention.actor]

    def is_foreign(t: _Token) -> bool:
        return any(a <= t.start < b for a, b in foreign)

    def in_phrase(t: _Token) -> bool:
        if is_foreign(t):
            return False
        return t.low in DETERMINERS or t.low in OFFICIALS or _is_name(t) or t.text in {"’s", "'s"}

    # The noun phrase around the mention: "Ukraine's foreign minister Dmytro Kuleba",
    # "US president Joe Biden", "Russian forces".
    i = first - 1
    while i >= 0 and in_phrase(toks[i]) and toks[i].low not in {"that", "this"}:
        i -= 1
    # "the foreign minister of Ukraine", "a spokesperson for the US Mission": the official's
    # phrase decides the role.
    if i >= 1 and toks[i].low in {"of", "for", "at"} and toks[i - 1].low in OFFICIALS:
        i -= 1
        while i >= 0 and in_phrase(toks[i]):
            i -= 1
    j = last + 1
    while j < len(toks) and in_phrase(toks[j]) and toks[j].low not in DETERMINERS:
        j += 1
    # A demonym before a plain noun ("Russian lines had collapsed"): the noun heads the phrase.
    if j + 1 < len(toks) and toks[j].text.islower() and toks[j].low not in FUNCTION_WORDS and (
        not _is_verb(toks[j]) and _is_verb(toks[j + 1])
    ):
        j += 1
    left = toks[i] if i >= 0 else None
    right = toks[j] if j < len(toks) else None

    if left is not None and left.low == "by":
        return "agent"
    if left is not None and (left.low == "according" or (
        left.low == "to" and i >= 1 and toks[i - 1].low == "according"
    )):
        return "speaker"
    if left is not None and left.low in SPEECH_VERBS:
        if right is None or right.text in CLAUSE_PUNCT or right.text in {".", "!", "?"}:
            return "speaker"  # "…,” said Kuleba." / "…, said the Pentagon."
        if _is_verb(right):
            return "agent"  # "said Russian forces had withdrawn": subject of the reported clause
        return "patient"  # "warned Moscow", "accused Russia of…"
    opens_clause = (
        left is None or left.text in CLAUSE_PUNCT or left.low in CLAUSE_OPENERS
        or left.low == "with" or is_foreign(left)
    )
    if opens_clause:
        if _is_possessive(toks[j - 1]) and right is not None:
            # "Putin's remarks", "Russia's invasion": a noun follows, never a verb.
            if right.low in SPEECH_NOUNS:
                return "speaker"
            return "agent" if right.low in ACTION_NOUNS else "other"
        verb = _verb_after_adjuncts(toks, j)
        if verb is not None:
            if _passive(toks, verb):
                return "patient"  # "Russia was not invited", "Kyiv was hit"
            if left is not None and left.low in BACKGROUND_OPENERS:
                return "other"  # "since Russia invaded", "after Russian forces withdrew"
            return "speaker" if verb.low in SPEECH_VERBS or _speech_follows(toks[j : j + 4]) else "agent"
        if right is not None and right.low in {"and", "or"}:
            verb = _verb_after_coordination(toks, j + 1)
            if verb is not None:
                return "speaker" if verb.low in SPEECH_VERBS else "agent"
        if right is not None and right.text in {",", "("} and _speech_after_apposition(toks, j):
            return "speaker"  # "Kuleba, Ukraine's top diplomat, said…"
        if left is not None and left.text == "," and _apposition_of_speaker(toks, i):
            return "speaker"  # "said Olivia Dalton, spokesperson for the US Mission"
        return "other"
    if left.low in PLACE_PREPS:
        return "place"
    if left.low in OBJECT_PREPS or left.low == "of" or _is_verb(left):
        return "patient"
    return "other"


def _verb_after_adjuncts(toks: list[_Token], j: int) -> _Token | None:
    """The verb that follows a subject, past short time adjuncts ("on Thursday")."""
    for k in range(j, min(j + 5, len(toks))):
        t = toks[k]
        if _is_verb(t) or (t.low.endswith("ly") and k + 1 < len(toks) and _is_verb(toks[k + 1])):
            return t if _is_verb(t) else toks[k + 1]
        if t.low not in ADJUNCTS and not t.text.isdigit():
            return None
    return None


def _passive(toks: list[_Token], verb: _Token) -> bool:
    """"was (not) invited" / "were hit": a form of *be* followed by a participle, no "by"."""
    k = toks.index(verb)
    if verb.low not in BE_FORMS:
        return False
    for t in toks[k + 1 : k + 4]:
        if t.low in {"not", "never", "also", "later", "then", "reportedly", "being", "been"}:
            continue
        if t.low.endswith(("ed", "en")) or t.low in {"hit", "struck", "shot", "held", "sent", "told",
                                                     "kept", "left", "cut", "shut", "put", "seen"}:
            by = [u.low for u in toks[k + 2 : k + 10]]
            return "by" not in by
        return False
    return False


def _speech_follows(ahead: list[_Token]) -> bool:
    return any(t.low in SPEECH_VERBS for t in ahead[:3])


def _verb_after_coordination(toks: list[_Token], k: int) -> _Token | None:
    """"Russia and Ukraine signed…": the verb after a coordinated subject, if any."""
    for t in toks[k : k + 8]:
        if _is_verb(t):
            return t
        if not (t.low in DETERMINERS or t.low in OFFICIALS or _is_name(t) or t.low in {"and", "’s", "'s"}):
            return None
    return None


def _speech_after_apposition(toks: list[_Token], j: int) -> bool:
    """An apposition closes within a few words and a speech verb follows it."""
    for k in range(j, min(j + 12, len(toks) - 1)):
        if toks[k].text in {",", ")"} and toks[k + 1].low in SPEECH_VERBS:
            return True
    return False


def _apposition_of_speaker(toks: list[_Token], comma: int) -> bool:
    """The phrase is an apposition to a name introduced by a speech verb ("said X, …")."""
    k = comma - 1
    while k >= 0 and _is_name(toks[k]):
        k -= 1
    return k < comma - 1 and k >= 0 and toks[k].low in SPEECH_VERBS


def gather_evidence(article: Article, actors: Sequence[Actor]) -> dict[str, list[Evidence]]:
    """Evidence for every actor: each sentence that involves it, with its role there.

    Besides alias matches, two kinds of reference carry an actor forward: a person's surname
    once the article has tied that person to an actor ("Olivia Dalton, spokesperson for the
    US Mission" makes a later "Dalton added" US evidence), and a sentence that opens with
    "He"/"She"/"They" or a quote, or ends in "he said", right after one where the actor was
    the only speaker (or, with no speaker, the only agent).
    """
    evidence: dict[str, list[Evidence]] = {a.name: [] for a in actors}
    people: dict[str, str] = {}  # surname -> actor name
    last_speaker: str | None = None
    for sentence in article.sentences:
        text = sentence.text
        mentions = find_mentions(actors, text)
        roles: dict[str, list[tuple[str, Mention]]] = {}
        for m in mentions:
            roles.setdefault(m.actor, []).append((mention_role(text, m, mentions), m))
        for surname, actor in people.items():
            if actor not in roles:
                for m in re.finditer(rf"(?<!\w){re.escape(surname)}(?!\w)", text):
                    pseudo = Mention(actor, surname, m.start(), m.end())
                    roles.setdefault(actor, []).append((mention_role(text, pseudo, mentions), pseudo))
        if last_speaker and last_speaker not in roles and _refers_back(text):
            roles[last_speaker] = [("speaker", Mention(last_speaker, "", 0, 0))]
        for surname, actor in _people_tied_to_actors(text, mentions).items():
            people.setdefault(surname, actor)

        # "He said…" refers to the latest sentence's subject: its one speaker, else its one agent.
        for role in ("speaker", "agent"):
            subjects = [a for a, rs in roles.items() if any(r == role for r, _ in rs)]
            if subjects:
                last_speaker = subjects[0] if len(subjects) == 1 else None
                break
        for actor, found in roles.items():
            role = max((r for r, _ in found), key=lambda r: ROLE_WEIGHTS[r])
            evidence[actor].append(
                Evidence(sentence, role, ROLE_WEIGHTS[role], tuple(m for _, m in found if m.alias))
            )
    return evidence


_REFERS_BACK = re.compile(
    r"^(?:[“\"]|(?:He|She|They)\b)|[,”\"]\s*(?:he|she|they)\s+(?:said|added|told|warned|noted)\b"
)


def _refers_back(text: str) -> bool:
    return bool(_REFERS_BACK.search(text))


_PERSON = re.compile(r"\b([A-Z][a-z]+(?:[- ][A-Z][a-z]+)*)\s+([A-Z][a-zA-Z’'-]+)\b")


def _people_tied_to_actors(text: str, mentions: Sequence[Mention]) -> dict[str, str]:
    """Surnames that an official title ties to an actor within a few words.

    "Ukraine's foreign minister Dmytro Kuleba" -> {"Kuleba": "Ukraine"}
    "Olivia Dalton, spokesperson for the U.S. Mission" -> {"Dalton": "US"}
    """
    out: dict[str, str] = {}
    for m in _PERSON.finditer(text):
        surname = m.group(2).removesuffix("’s").removesuffix("'s")
        if any(surname in mention.alias or mention.alias in m.group(0) for mention in mentions):
            continue
        best = None
        for mention in mentions:
            if mention.end <= m.start():
                gap = text[mention.end : m.start()]
            elif mention.start >= m.end():
                gap = text[m.end() : mention.start]
            else:
                continue
            words = [w.lower().strip("’'s,") for w in gap.split()]
            if len(words) <= 6 and any(w in OFFICIALS for w in words) and "said" not in words:
                if best is None or len(gap) < best[0]:
                    best = (len(gap), mention.actor)
        if best is not None:
            out[surname] = best[1]
    return out
