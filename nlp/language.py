"""Which language an article is written in: enough to refuse what the English models cannot read.

The models and the actors' aliases here are English. An article in Russian would come out
with a meaningless summary and every actor ``absent``, so the runner refuses it, naming the
language, unless the user asks for ``--language any``.

Detection is by script first (Cyrillic, Greek, Arabic, Han, ...), then, for Latin script,
by counting each language's commonest function words. Over a news article that is
decisive, needs no model and no dependency, and takes well under a millisecond per
kilobyte. Foreign names in English copy (Zelenskyy, Nebenzia, Erdoğan) are not function
words, so they never tip it; texts too short to judge are let through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import InputError

#: Characters looked at: the first 20,000 are plenty for a verdict.
SAMPLE = 20_000
#: Fewer letters than this (or Latin words than ``MIN_WORDS``) and no verdict is given.
MIN_LETTERS, MIN_WORDS = 40, 20

NAMES = {
    "en": "English", "ru": "Russian", "uk": "Ukrainian", "be": "Belarusian", "bg": "Bulgarian",
    "sr": "Serbian or Macedonian", "el": "Greek", "ar": "Arabic", "he": "Hebrew", "hi": "Hindi",
    "th": "Thai", "ka": "Georgian", "hy": "Armenian", "ko": "Korean", "ja": "Japanese",
    "zh": "Chinese", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "pl": "Polish", "tr": "Turkish", "sv": "Swedish",
    "ro": "Romanian", "cs": "Czech", "und": "not English (an unrecognised language)",
}

_SCRIPTS = {  # script -> (character class, language when it dominates)
    "Latin": ("A-Za-z\u00c0-\u024f", "en"), "Cyrillic": ("\u0400-\u04ff", "ru"),
    "Greek": ("\u0370-\u03ff", "el"), "Arabic": ("\u0600-\u06ff\u0750-\u077f", "ar"),
    "Hebrew": ("\u0590-\u05ff", "he"), "Devanagari": ("\u0900-\u097f", "hi"), "Thai": ("\u0e00-\u0e7f", "th"),
    "Georgian": ("\u10a0-\u10ff", "ka"), "Armenian": ("\u0530-\u058f", "hy"),
    "Hangul": ("\uac00-\ud7a3\u1100-\u11ff", "ko"), "Kana": ("\u3040-\u30ff", "ja"), "Han": ("\u4e00-\u9fff", "zh"),
}
_SCRIPT_RES = {name: re.compile(f"[{chars}]") for name, (chars, _) in _SCRIPTS.items()}
_CYRILLIC_MARKS = {"uk": "іїєґ", "be": "ў", "sr": "јљњџђћѓќѕ", "ru": "ыэё"}

# Function words, each list without words that are also common in English copy.
_WORDS = {
    "en": "the of and to in is that was for on with as by he it said from at his have has are were be "
          "this which not but they will an their had its been who would after about also",
    "fr": "le la les des est une du dans pour que qui pas sur au avec ce sont il elle nous mais ou aux "
          "été leur cette ces",
    "de": "der die und ist nicht das den dem mit sich auf des ein eine für von zu im sie wird auch wurde "
          "nach bei aus noch",
    "es": "el los las del que en por con una para es se lo como pero sus fue más ha este esta entre",
    "it": "il della che di gli una con sono nel alla del dei le si anche è ha più questo",
    "pt": "o os da que em para com uma não dos das ao mais pelo pela foi são está como",
    "nl": "de het een van en dat niet op te voor met zijn er ook maar bij werd door naar",
    "pl": "w się na nie że z jest o jak po przez od za ale był być tak",
    "tr": "ve bir bu da de için ile olarak olan çok gibi daha ama ancak sonra kadar değil",
    "sv": "och att det som en är av för med till den har inte om ett på var de",
    "ro": "și în de la cu că este pe din pentru nu o mai au fost sau",
    "cs": "se na je že jako od ale jsou byl není tak také když jsme",
}
_STOPWORDS = {lang: frozenset(words.split()) for lang, words in _WORDS.items()}
_LANGS_OF: dict[str, list[str]] = {}
for _lang, _stop in _STOPWORDS.items():
    for _word in _stop:
        _LANGS_OF.setdefault(_word, []).append(_lang)
_TOKEN = re.compile(r"[a-zà-ɏ]+")


@dataclass(frozen=True)
class Language:
    code: str
    how: str  # "script" or "words"

    @property
    def name(self) -> str:
        return NAMES.get(self.code, self.code)


def detect_language(text: str) -> Language | None:
    """The language of ``text``, or None when it is too short to tell.

    Example:
        >>> detect_language("Россия и Украина провели переговоры в Стамбуле. " * 3).code
        'ru'
    """
    sample = text[:SAMPLE]
    latin = len(_SCRIPT_RES["Latin"].findall(sample))
    if latin > len(sample) / 2:  # mostly Latin letters: the other scripts cannot dominate
        counts = {"Latin": latin}
    else:
        counts = {name: len(pattern.findall(sample)) for name, pattern in _SCRIPT_RES.items()}
    letters = sum(counts.values())
    if letters < MIN_LETTERS:
        return None
    script = max(counts, key=counts.get)
    if script != "Latin" and counts[script] > letters / 2:
        if script == "Cyrillic":
            return Language(_cyrillic(sample), "script")
        if script == "Han" and counts["Kana"] > counts["Han"] / 20:
            return Language("ja", "script")
        return Language(_SCRIPTS[script][1], "script")
    if counts.get("Kana"):
        return Language("ja", "script")
    words = _TOKEN.findall(sample.lower())
    if len(words) < MIN_WORDS:
        return None
    scores = dict.fromkeys(_STOPWORDS, 0)
    for word in words:
        for lang in _LANGS_OF.get(word, ()):
            scores[lang] += 1
    other = max((lang for lang in scores if lang != "en"), key=scores.get)
    if scores[other] >= max(2 * scores["en"], 8):
        return Language(other, "words")
    if len(words) >= 100 and scores["en"] < 0.03 * len(words) and scores[other] < 0.03 * len(words):
        return Language("und", "words")
    return Language("en", "words")


def _cyrillic(sample: str) -> str:
    marks = {lang: sum(sample.count(c) + sample.count(c.upper()) for c in chars)
             for lang, chars in _CYRILLIC_MARKS.items()}
    best = max(marks, key=marks.get)
    if marks[best] == 0:
        return "bg" if "ъ" in sample else "ru"
    return best


def check_english(text: str, *, name: str | None = None) -> None:
    """Refuse a text that is clearly not English.

    Raises:
        InputError: naming the language found, and the way out (``--language any``).
    """
    found = detect_language(text)
    if found is None or found.code == "en":
        return
    what = found.name if found.code == "und" else f"in {found.name} ({found.code})"
    prefix = f"{name}: " if name else ""
    raise InputError(f"{prefix}the article is {what}, not English; the models here read English "
                     "(--language any analyses it anyway)")
