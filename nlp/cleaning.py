"""Strip scraped-page furniture (ad markers, share buttons, newsletter prompts…) from articles.

Scrapers hand over whatever sat between the page's header and footer, one block per line.
Furniture lines are short and formulaic, story lines are sentences, so each line is judged
on its own by general rules (what the line *is*, not which site it came from), and every
removed line is kept with the rule that removed it so ``--verbose`` can show the work.

A line is furniture when it is
- a bracketed placeholder (``[ad_1]``, ``[embed]``, ``[caption id=…]``);
- a call to action or page chrome (share/follow/subscribe/sign up/read more/related/tags/
  comments/cookies/copyright/"Advertisement"/"Source link"…) that is short and reads as a
  label rather than a sentence;
- a photo caption or credit line;
- a run of social-network names;
- anything after the end-of-story markers (a "Tags:", "Related" or comment-form block) that
  is short and not a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A label-like line: short, no sentence-final punctuation needed. Furniture is rarely long.
_MAX_FURNITURE_WORDS = 18

_SOCIAL = (
    r"facebook|twitter|x|whatsapp|telegram|linkedin|pinterest|reddit|email|e-mail|print|"
    r"copy link|messenger|flipboard|tumblr|viber|vk|mastodon|threads|bluesky|instagram|youtube"
)

# (reason, pattern): matched case-insensitively against the whole stripped line.
_RULES: tuple[tuple[str, str], ...] = (
    ("placeholder", r"\[\s*/?\s*[a-z][\w -]*(?:\s+[^\]]*)?\]"),
    ("advertisement", r"(?:advertisement|advertising|sponsored(?: content)?|ads?|promoted|"
                      r"story continues below(?: advertisement)?|continue reading below)[\s.:!-]*"),
    ("share", rf"(?:share|spread|tweet|pin|send|post)(?: (?:this|the|on|via|to|it|with|love|"
              rf"article|story|page|post|link|your friends|{_SOCIAL}))*[\s.:!]*"),
    ("social", rf"(?:(?:{_SOCIAL})[\s|,/•·-]*){{1,12}}"),
    ("follow", r"(?:follow|like|join) us\b.*"),
    ("newsletter", r"(?:sign up|subscribe|get (?:our|the)\b|enter your e-?mail|"
                   r"don[’']t miss\b).*"),
    ("newsletter", r".*\b(?:newsletters?|inbox|unsubscribe)\b.*"),
    ("read-more", r"(?:read more|read also|also read|read next|see also|more on this|"
                  r"recommended(?: for you)?|related(?: articles| stories| posts| news| coverage|"
                  r" topics| content| reading)?|you may also like|more from|most read|trending|"
                  r"watch|listen)\b.*"),
    ("tags", r"(?:tags?|topics?|filed under|posted in|categories|category|keywords)\s*:.*"),
    ("source", r"(?:source link|source|via|originally published|this (?:article|story) "
               r"(?:was )?(?:originally )?(?:appeared|published)).*"),
    ("comments", r"(?:leave a (?:reply|comment)|comments?(?: \(\d+\))?|\d+ comments?|"
                 r"post a comment|add a comment|view comments|show comments|join the conversation|"
                 r"your email address will not be published|required fields are marked|"
                 r"(?:name|email|website|comment) ?\*|save my name, email).*"),
    ("cookies", r".*\b(?:cookies?|privacy policy|terms of (?:use|service))\b.*"),
    ("copyright", r"(?:©|\(c\)|copyright\b|all rights reserved).*"),
    ("caption", r"(?:photo|image|picture|video|file photo|caption|credit|photograph)s?"
                r"(?: by)?\s*[:|/-].*"),
    ("credit", r".*\((?:photo|image|picture)s? (?:by|credit|:)[^)]*\)\s*"),
    ("credit", r".*\b(?:getty images|via getty|reuters/|ap photo|epa-efe|shutterstock)\b.*"),
    ("byline", r"(?:by|posted by|written by|author|reporting by|editing by|"
               r"additional reporting by)\s+[^.]{0,60}"),
    ("timestamp", r"(?:published|updated|last updated|posted)\b[^.]{0,60}"),
    ("navigation", r"(?:home|menu|search|skip to (?:main )?content|back to top|next article|"
                   r"previous article|click here\b.*|tap here\b.*)[\s>»|/]*"),
)
_LINE_RULES = tuple((reason, re.compile(p, re.IGNORECASE)) for reason, p in _RULES)

# Markers after which the story is over: what follows is footer unless it reads as prose.
_END_REASONS = frozenset({"tags", "source", "comments", "read-more"})
# Rules that a sentence of the story can also trip ("Watch crews cleared…", "…will not
# subscribe to any plan…"): they never remove a line that reads as prose. Cookie notices,
# copyright lines and photo credits are furniture even when written as sentences.
_PROSE_SAFE = frozenset({"source", "read-more", "timestamp", "byline", "navigation", "newsletter"})

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


@dataclass(frozen=True)
class RemovedLine:
    """A line the cleaner dropped: where it was, what it said and which rule fired."""

    line: int  # 1-based line number in the raw input
    text: str
    reason: str


_SEPARATORS = re.compile(r"\s*[|•·]\s*")


def furniture_reason(line: str) -> str | None:
    """The rule that marks ``line`` (already stripped) as page furniture, or None for story text."""
    words = line.split()
    if not words or len(words) > _MAX_FURNITURE_WORDS:
        return None
    parts = [p for p in _SEPARATORS.split(line) if p]
    if len(parts) > 1:  # "Share on Facebook | Share on X | Email | Print": every item is furniture
        reasons = [_single_reason(p) for p in parts]
        if all(reasons):
            return reasons[0]
    return _single_reason(line)


def _single_reason(line: str) -> str | None:
    prose = _looks_like_prose(line)
    for reason, pattern in _LINE_RULES:
        # A line that reads as a sentence of the story ("Sources said the talks failed.") only
        # falls to rules that nothing but furniture can trip.
        if pattern.fullmatch(line) and not (prose and reason in _PROSE_SAFE):
            return reason
    return None


def _looks_like_prose(line: str) -> bool:
    return len(line.split()) >= 8 and bool(_SENTENCE_END.search(line))


def is_footer_line(line: str) -> bool:
    """After an end-of-story marker, short lines that are not sentences are footer."""
    return len(line.split()) <= _MAX_FURNITURE_WORDS and not _SENTENCE_END.search(line)


def looks_like_headline(line: str) -> bool:
    """A first line that names the story: short and not ending like a sentence."""
    words = line.split()
    return 2 <= len(words) <= 25 and not _SENTENCE_END.search(line.rstrip("\"'”’"))
