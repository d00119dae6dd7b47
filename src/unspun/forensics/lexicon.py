"""Small word lists the edit typer needs: negations, speech verbs, number words, furniture."""

from __future__ import annotations

import re


def _words_list(text: str) -> list[str]:
    return text.split()


def _words(text: str) -> frozenset[str]:
    return frozenset(_words_list(text))


NEGATIONS: frozenset[str] = _words(
    """not no never nobody none nothing neither nor nowhere without cannot n't"""
)

#: Verbs that attribute words to a speaker ("he told Politico", "according to").
SPEECH_VERBS: frozenset[str] = _words(
    """said says say saying told tells tell according added adds stated states claimed
    claims announced announces explained explains insisted insists warned warns wrote
    writes reported reports confirmed confirms noted notes tweeted posted argued argues
    asked replied replies declared declares admitted admits quoted"""
)

NUMBER_WORDS: dict[str, str] = {
    w: str(i)
    for i, w in enumerate(
        _words_list(
            "zero one two three four five six seven eight nine ten "
            "eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty"
        )
    )
}
NUMBER_WORDS.update(
    {"thirty": "30", "forty": "40", "fifty": "50", "hundred": "100", "thousand": "1000",
     "million": "1000000", "billion": "1000000000", "dozen": "12", "half": "0.5"}
)
#: Dates are numbers too: a changed month or weekday changes what the reader is told.
DATE_WORDS: frozenset[str] = _words(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday
    friday saturday sunday yesterday today tomorrow"""
)

RELATIVE_DAYS: frozenset[str] = _words("yesterday today tomorrow")

#: Abbreviations that end with a full stop without ending a sentence.
ABBREVIATIONS: frozenset[str] = _words(
    """mr mrs ms dr prof st gen col lt sgt rep sen gov jr sr inc ltd co corp vs no mt u.s
    u.k"""
)

#: Site furniture: whole lines a scraper leaves in (menus, ads, share buttons).
FURNITURE = re.compile(
    r"^(?:advertisement|advertising|ad|sponsored(?: content)?|exit mobile version|"
    r"share(?: this)?(?: article| story| on \w+)?|read more|read next|"
    r"related(?: articles| stories)?|"
    r"skip to (?:main )?content|click here[^.]*|subscribe[^.]*|sign up[^.]*|follow us[^.]*|"
    r"scroll down for video|continue reading|comments?|print|email|tweet|whatsapp|"
    r"back to top|more on this story|you may also like|recommended|trending|"
    r"(?:also read|read also|see also|don't miss(?: out)?|more from us):.{0,80})[.!:]?$",
    re.IGNORECASE,
)
#: Furniture glued to the start of a line ("advertisement Russian couple ...").
FURNITURE_PREFIX = re.compile(r"^(?:advertisement|advertising|sponsored)\b\s*", re.IGNORECASE)


def number_value(word: str) -> str | None:
    """The value a number-like token stands for ("1,200" -> "1200", "three" -> "3"), else None.

    Pass the token as written: month and weekday names count only when capitalised."""
    w = word.lower()
    if w[:1].isdigit():
        return w.replace(",", "").rstrip("%") + ("%" if w.endswith("%") else "")
    if w in NUMBER_WORDS:
        return NUMBER_WORDS[w]
    # "May", "March", "Sun" are dates only when capitalised ("may", "march" are verbs)
    if w in DATE_WORDS and (word[:1].isupper() or w in RELATIVE_DAYS):
        return w
    return None


def is_negation(word: str) -> bool:
    w = word.lower().replace("\u2019", "'")
    return w in NEGATIONS or w.endswith("n't")
