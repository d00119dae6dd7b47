"""Signs of machine rewriting a page shows on its own, with no source to compare against.

Each flag has offsets in the page's text and a plain-words reason, like the edits of a
trace. The pair-level artifact detectors (`unspun.forensics.artifacts`) are reused where
they do not need a source: dangling fragments and site furniture. What is new here needs
only the page (and, optionally, the names the library knows):

* nonsense words: in no English dictionary (wordfreq Zipf 0), lower case, or capitalised
  where no name belongs ("Russian Kumbas in riot gear");
* broken attributions: a speech clause followed by a stray name ("he said. Politico.");
* duplicated paragraphs (a caption printed twice);
* mixed US/UK spelling inside one text;
* document profiles: function words far from ordinary English (translation), a high share
  of rare words where common ones belong (synonym spinning), a headline the body does not
  echo.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from unspun.align.features import zipf
from unspun.forensics.artifacts import fragments, furniture
from unspun.forensics.lexicon import SPEECH_VERBS
from unspun.inspection.types import Flag
from unspun.text.sentences import split_sentences
from unspun.text.tokens import STOPWORDS, Token, tokenize


def _split(text: str) -> list[str]:
    return text.split()


#: Words before a name that make the next capitalised word a name, not nonsense.
TITLES: frozenset[str] = frozenset(
    _split("""
    mr mrs ms dr sir lord lady king queen prince princess president minister secretary
    chancellor general foreign interior senator sen governor gov mayor judge justice
    professor prof ambassador chief captain capt colonel col lieutenant sergeant officer
    director spokesman spokeswoman spokesperson pope bishop rabbi imam sheikh emir saint
    st"""))
#: A capitalised word before an unknown one this rare or rarer is a first name.
FIRST_NAME_ZIPF = 4.0
#: Content words below this Zipf (but known) are rare: a spinner's thesaurus picks.
RARE_ZIPF = 2.5
#: Paragraphs with at least this many words count when printed twice.
DUPLICATE_MIN_WORDS = 5
#: Function words whose shares make the profile (translation disturbs them first).
PROFILE_WORDS: tuple[str, ...] = tuple(
    _split("""
    the a an of in to on for with by at from as that which who is was are were has have
    had will would it its this he she they his her their said says and or but not"""))

# UK/US spellings: whole-word pairs, plus the -ise/-ize family by rule (below).
_PAIRS: tuple[tuple[str, str], ...] = tuple(
    (p.split("/")[0], p.split("/")[1]) for p in _split("""
    colour/color favour/favor honour/honor labour/labor neighbour/neighbor
    behaviour/behavior harbour/harbor humour/humor rumour/rumor vigour/vigor
    flavour/flavor armour/armor endeavour/endeavor saviour/savior centre/center
    theatre/theater litre/liter fibre/fiber defence/defense offence/offense
     travelled/traveled travelling/traveling traveller/traveler
    cancelled/canceled cancelling/canceling labelled/labeled modelling/modeling
    fuelled/fueled jewellery/jewelry grey/gray aluminium/aluminum
    catalogue/catalog analyse/analyze analysed/analyzed
    paralysed/paralyzed pyjamas/pajamas plough/plow manoeuvre/maneuver
    oestrogen/estrogen foetus/fetus sceptical/skeptical moustache/mustache
    enrol/enroll fulfil/fulfill instalment/installment
    counselling/counseling signalling/signaling levelled/leveled marvellous/marvelous"""))
_UK: dict[str, str] = {uk: us for uk, us in _PAIRS}
_US: dict[str, str] = {us: uk for uk, us in _PAIRS}
#: -ise/-ize words that are not spelling variants.
_ISE_EXCEPTIONS = frozenset(
    _split("""
    size sizes sized seize seized seizes prize prizes prized capsize advertise
    advertised advertising exercise exercised exercises surprise surprised surprises
    compromise compromised promise promised promises premise premises precise concise
    wise rise rises raise raised raises noise otherwise franchise merchandise televise
    televised supervise supervised revise revised improvise improvised devise devised
    despise disguise disguised enterprise expertise chastise comprise comprised arise
    arises practise practised licensed"""))
_ISE = re.compile(r"^(\w{3,})(is|iz)(e|es|ed|ing|ation|ations|er|ers)$")


@dataclass(slots=True, frozen=True)
class PageText:
    """The page as inspection reads it: its text and where its headline and body start."""

    text: str
    headline_end: int = 0
    #: Lower-cased names the library knows (a word it knows is no nonsense).
    known_names: frozenset[str] = frozenset()


def _alpha_word(t: Token) -> bool:
    return len(t.text) >= 4 and t.text.isalpha()


@lru_cache(maxsize=256)
def _sentence_starts(text: str) -> frozenset[int]:
    starts = {s.start for s in split_sentences(text)}
    pos = 0
    for para in text.split("\n"):
        stripped = len(para) - len(para.lstrip())
        starts.add(pos + stripped)
        pos += len(para) + 1
    return frozenset(starts)


def nonsense_words(page: PageText) -> list[Flag]:
    """Words in no dictionary where a common word belongs (not a name: a name comes after a
    title or a first name, before another name, or is used more than once)."""
    text = page.text
    toks = tokenize(text)
    starts = _sentence_starts(text)
    counts = Counter(t.lower for t in toks)
    out: list[Flag] = []
    for k, t in enumerate(toks):
        if not _alpha_word(t) or zipf(t.lower) != 0.0 or t.lower in page.known_names:
            continue
        if t.is_capitalized:
            if t.start in starts or counts[t.lower] > 1 or t.text.isupper():
                continue
            prev = toks[k - 1] if k and text[toks[k - 1].end : t.start].strip() == "" else None
            nxt = toks[k + 1] if k + 1 < len(toks) and text[t.end : toks[k + 1].start] == " " \
                else None
            if nxt is not None and nxt.is_capitalized:
                continue  # part of a longer name
            if prev is not None and prev.is_capitalized and (
                    prev.lower in TITLES or zipf(prev.lower) < FIRST_NAME_ZIPF):
                continue  # a surname after a first name or a title
            if prev is None or not prev.is_capitalized:
                continue  # a lone capitalised unknown word: most often a name or a brand
            reason = (f"{t.text!r} is in no English dictionary and follows the common word "
                      f"{prev.text!r}: spinner nonsense where an ordinary word belongs")
        else:
            reason = (f"{t.text!r} is in no English dictionary: spinner nonsense where an "
                      f"ordinary word belongs")
        out.append(Flag("nonsense-word", t.start, t.end, t.text, reason))
    return out


def _speech_clause(text: str) -> bool:
    toks = tokenize(text)
    return 1 <= len(toks) <= 3 and toks[-1].lower in SPEECH_VERBS


def clause_flags(page: PageText) -> list[Flag]:
    """Broken attributions ("he said. Politico.") and dangling fragments ("I'm here.",
    "said it is."): very short clauses inside a longer paragraph (the artifact detector of
    `forensics.artifacts`, with no source to excuse them)."""
    text = page.text
    frags = [a for a in fragments(text, "") if a.start >= page.headline_end]
    out: list[Flag] = []
    used: set[int] = set()
    for n, a in enumerate(frags):
        if n in used:
            continue
        toks = tokenize(a.text)
        before = text[max(0, a.start - 40) : a.start].rstrip()
        prev = frags[n - 1] if n else None
        names = bool(toks) and all(t.is_capitalized for t in toks)
        if names and ((prev is not None and prev.end >= a.start - 2 and _speech_clause(prev.text))
                      or re.search(r"\b(?:said|says|told|added)\.$", before)):
            start = prev.start if prev is not None and prev.end >= a.start - 2 else a.start
            out = [f for f in out if f.start != start]
            out.append(Flag("broken-attribution", start, a.end, text[start : a.end],
                            f"{a.text!r} stands alone after the speech verb: an attribution "
                            f"(\"told {a.text.rstrip('.')}\") broken by rewriting"))
            continue
        reason = (f"a {len(toks)}-word sentence inside a longer paragraph: debris typical of "
                  f"round-trip machine translation")
        if _speech_clause(a.text):
            reason = "a speech verb standing alone as a sentence, cut off from its quote"
        out.append(Flag("fragment", a.start, a.end, a.text, reason))
    return out


def duplicates(page: PageText) -> list[Flag]:
    """Paragraphs printed twice (captions, standfirsts): each repeat after the first."""
    seen: dict[str, int] = {}
    out: list[Flag] = []
    pos = 0
    for para in page.text.split("\n"):
        line = para.strip()
        key = " ".join(line.lower().split())
        if len(key.split()) >= DUPLICATE_MIN_WORDS:
            start = pos + para.index(line) if line else pos
            if key in seen:
                out.append(Flag("duplicate", start, start + len(line), line,
                                f"this paragraph is printed twice (first at character "
                                f"{seen[key]}): a caption or block the page repeats"))
            else:
                seen[key] = start
        pos += len(para) + 1
    return out


def furniture_flags(page: PageText) -> list[Flag]:
    """Site furniture left in the text ("advertisement", "Exit mobile version")."""
    return [Flag("furniture", a.start, a.end, a.text,
                 "site furniture left in the article text by a scraper")
            for a in furniture(page.text)]


def _variant(word: str) -> tuple[str, str] | None:
    """("uk" | "us", the other spelling) of a spelling-variant word, else None."""
    if word in _UK:
        return "uk", _UK[word]
    if word in _US:
        return "us", _US[word]
    if word in _ISE_EXCEPTIONS:
        return None
    m = _ISE.match(word)
    if m is None:
        return None
    stem, mid, end = m.groups()
    other = stem + ("iz" if mid == "is" else "is") + end
    if other in _ISE_EXCEPTIONS or min(zipf(word), zipf(other)) < 1.5:
        return None
    return ("uk" if mid == "is" else "us"), other


def spelling_mix(page: PageText) -> list[Flag]:
    """US and UK spellings in one text: each word of the rarer kind is flagged."""
    found: dict[str, list[tuple[Token, str]]] = {"uk": [], "us": []}
    for t in tokenize(page.text):
        v = _variant(t.lower)
        if v is not None:
            found[v[0]].append((t, v[1]))
    if not found["uk"] or not found["us"]:
        return []
    minor, major = ("uk", "us") if len(found["uk"]) <= len(found["us"]) else ("us", "uk")
    examples = ", ".join(sorted({t.lower for t, _ in found[major]})[:3])
    return [Flag("spelling-mix", t.start, t.end, t.text,
                 f"{minor.upper()} spelling ({t.text!r}, {major.upper()}: {other!r}) in a "
                 f"text otherwise in {major.upper()} spelling ({examples}): stitched or "
                 f"machine-rewritten text")
            for t, other in found[minor]]


def page_flags(page: PageText) -> list[Flag]:
    """Every span-level flag of the page, in text order (a furniture line is not also a
    fragment or a duplicate)."""
    furn = furniture_flags(page)
    spans = [(f.start, f.end) for f in furn]
    rest = nonsense_words(page) + clause_flags(page) + duplicates(page) + spelling_mix(page)
    rest = [f for f in rest if not any(s <= f.start < e for s, e in spans)]
    return sorted(furn + rest, key=lambda f: (f.start, f.kind))


# ---- document profiles ---------------------------------------------------------------

@lru_cache(maxsize=1)
def _reference_profile() -> tuple[float, ...]:
    """The shares of `PROFILE_WORDS` among themselves in ordinary English (wordfreq)."""
    freqs = [10 ** zipf(w) for w in PROFILE_WORDS]
    total = sum(freqs)
    return tuple(f / total for f in freqs)


def function_divergence(tokens: list[Token]) -> float:
    """L1 distance (0..2) between the page's function-word shares and ordinary English."""
    counts = Counter(t.lower for t in tokens if t.lower in PROFILE_WORDS)
    total = sum(counts.values())
    if total < 20:
        return 0.0
    ref = _reference_profile()
    return sum(abs(counts[w] / total - r) for w, r in zip(PROFILE_WORDS, ref, strict=True))


def rare_share(tokens: list[Token]) -> tuple[float, float]:
    """Share of lower-case content words that are rare but known, and their mean Zipf
    (a spinner's synonyms are rarer than the words they replace)."""
    zs = [zipf(t.lower) for t in tokens if t.text.isalpha() and t.text.islower()
          and t.lower not in STOPWORDS and len(t.text) > 2]
    if not zs:
        return 0.0, 0.0
    return sum(1 for z in zs if 0.0 < z < RARE_ZIPF) / len(zs), sum(zs) / len(zs)


def headline_overlap(text: str, headline_end: int) -> float:
    """Share of the headline's content words (stems of 5 letters) the body uses; 1 when
    there is no headline."""
    head = {t.lower[:5] for t in tokenize(text[:headline_end])
            if t.lower not in STOPWORDS and len(t.text) > 2}
    if not head:
        return 1.0
    body = {t.lower[:5] for t in tokenize(text[headline_end:])}
    return len(head & body) / len(head)
