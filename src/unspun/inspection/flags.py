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
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from unspun.align.features import zipf
from unspun.forensics.artifacts import fragments, furniture
from unspun.forensics.lexicon import SPEECH_VERBS
from unspun.inspection.types import Flag
from unspun.text.names import sentence_starts
from unspun.text.tokens import STOPWORDS, Token, text_tokens, tokenize


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
#: Content words below this Zipf (but known) are rare: a spinner's thesaurus picks.
RARE_ZIPF = 2.5
#: Paragraphs with at least this many words count when printed twice.
DUPLICATE_MIN_WORDS = 5
#: A text mixes spellings when it has at least this many words of each kind.
SPELLING_MIN = 2
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


def nonsense_words(page: PageText) -> list[Flag]:
    """Words in no dictionary where a common word belongs (not a name: a name comes after a
    title or a first name, before another name, or is used more than once)."""
    text = page.text
    toks = text_tokens(text)
    starts = sentence_starts(text)
    counts = Counter(t.lower for t in toks)
    out: list[Flag] = []
    last = toks[-1].start if toks else -1
    for k, t in enumerate(toks):
        if not _alpha_word(t) or zipf(t.lower) != 0.0 or t.lower in page.known_names:
            continue
        if _glued(text, t) or t.start == last or counts[t.lower] > 1:
            continue  # a handle, URL, glued or cut-off word; a word the text uses throughout
        if _typo_of(t.lower) is not None or _derived(t.lower):
            continue  # a typo of a common word, a compound or derived form: not invented
        if t.is_capitalized:
            if t.start in starts or t.text.isupper():
                continue
            prev = toks[k - 1] if k and text[toks[k - 1].end : t.start].strip() == "" else None
            nxt = toks[k + 1] if k + 1 < len(toks) and text[t.end : toks[k + 1].start] == " " \
                else None
            if nxt is not None and nxt.is_capitalized:
                continue  # part of a longer name
            if prev is None or not _demonym(prev.lower):
                continue  # after a first name, a title, or alone: most often a name or a brand
            reason = (f"{t.text!r} is in no English dictionary and follows the common word "
                      f"{prev.text!r}: spinner nonsense where an ordinary word belongs")
        else:
            reason = (f"{t.text!r} is in no English dictionary: spinner nonsense where an "
                      f"ordinary word belongs")
        out.append(Flag("nonsense-word", t.start, t.end, t.text, reason))
    return out


_LETTERS = "abcdefghijklmnopqrstuvwxyz"
#: A word one edit from a word at least this common is a typo of it.
TYPO_ZIPF = 3.0


@lru_cache(maxsize=50_000)
def _typo_of(word: str) -> str | None:
    """A common word one edit (deletion, swap, replacement, insertion) from `word`, if any.
    (Kept per word: the same unknown names recur across the pages of one story.)"""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = {a + b[1:] for a, b in splits if b}
    edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    edits |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    edits |= {a + c + b for a, b in splits for c in _LETTERS}
    edits.discard(word)
    freqs = _frequencies()
    floor = 10 ** (TYPO_ZIPF - 9)  # Zipf = log10(frequency per billion words)
    best = max(edits, key=lambda w: freqs.get(w, 0.0), default=None)
    return best if best is not None and freqs.get(best, 0.0) >= floor else None


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    """wordfreq's English frequencies (loaded once, on the first unknown word: looking up
    hundreds of one-edit variants one `zipf_frequency` call at a time is too slow)."""
    from wordfreq import get_frequency_dict

    return dict(get_frequency_dict("en", wordlist="best"))


_PREFIXES = ("re", "over", "under", "un", "out", "non", "pre", "co", "mis", "sub", "super",
             "up", "de", "dis", "anti", "inter", "multi", "post")
_SUFFIXES = ("isations", "izations", "isation", "ization", "ised", "ized", "ising", "izing",
             "ness", "ment", "ments", "able", "ably", "ier", "iest", "ies", "ied", "ing", "ings",
             "ers", "er", "est", "ed", "es", "s", "ly", "ish", "ful")
#: Parts of a compound or derived word are known words at least this common.
PART_ZIPF = 3.0


def _known(word: str) -> bool:
    freqs = _frequencies()
    return len(word) >= 3 and freqs.get(word, 0.0) >= 10 ** (PART_ZIPF - 9)


@lru_cache(maxsize=50_000)
def _derived(word: str, depth: int = 2) -> bool:
    """`word` is a compound of two known words ("carmaking", "planemaker") or a known word
    with prefixes and suffixes ("overbalancing", "recapitalised", "patchier")."""
    if _known(word) or any(_known(word[:i]) and _known(word[i:])
                           for i in range(3, len(word) - 2)):
        return True
    if depth == 0:
        return False
    for p in _PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= 4 and _derived(word[len(p):], depth - 1):
            return True
    for suf in _SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            stem = word[: -len(suf)]
            for cand in (stem, stem + "e", stem[:-1] + "y" if stem.endswith("i") else stem,
                         stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else stem):
                if _known(cand) or _derived(cand, depth - 1):
                    return True
    return False


def _glued(text: str, t: Token) -> bool:
    """A token inside a handle, hashtag or URL, or glued camelCase ("IconThe")."""
    before = text[max(0, t.start - 1) : t.start]
    after = text[t.end : t.end + 1]
    if before in ("@", "#", "/", ".", "_") or after in ("/", "_", "@") or (
            after == "." and text[t.end + 1 : t.end + 2].isalnum()):
        return True
    return any(c.isupper() for c in t.text[1:])


#: Capitalised words before a noun that are no first names: nationalities and bodies.
_DEMONYM_WORDS = frozenset(_split("""
    american african korean mexican german dutch french greek thai swiss police army
    military state government security federal national border riot"""))
_NOT_DEMONYM = frozenset(_split("""
    ian brian julian christian adrian damian fabian sebastian cristian vivian lillian
    gillian marian"""))


def _demonym(word: str) -> bool:
    """`word` (lower case) is a nationality or body adjective ("Russian", "Chinese")."""
    if word in _DEMONYM_WORDS:
        return True
    return (word.endswith(("ian", "ese", "ish", "ean")) and word not in _NOT_DEMONYM
            and zipf(word) >= 3.0)


def _speech_clause(text: str) -> bool:
    toks = tokenize(text)
    return 1 <= len(toks) <= 3 and toks[-1].lower in SPEECH_VERBS


#: Verbs that make a short run of function words a clause ("said it is.", "I'm here.").
_DEBRIS_VERBS = frozenset(_split("""
    is are was were be been am i'm it's he's she's that's added said says told tells do does
    did has have had"""))


def _debris(text: str, toks: list[Token]) -> bool:
    """A fragment made only of function words and a verb, not a question or a credit."""
    if text.rstrip().endswith("?") or text.lstrip().startswith("("):
        return False
    low = [t.lower.replace("\u2019", "'") for t in toks]
    return (all(w in STOPWORDS or w in _DEBRIS_VERBS or w in SPEECH_VERBS for w in low)
            and any(w in _DEBRIS_VERBS or w in SPEECH_VERBS for w in low))


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
        joined = prev is not None and prev.end >= a.start - 2
        told = len(toks) >= 2 and toks[0].lower in ("told", "tells") and all(
            t.is_capitalized for t in toks[1:])
        if told or (names and ((joined and prev is not None and _speech_clause(prev.text))
                               or re.search(r"\b(?:said|says|told|added)\.$", before))):
            start = prev.start if prev is not None and prev.end >= a.start - 2 else a.start
            out = [f for f in out if f.start != start]
            out.append(Flag("broken-attribution", start, a.end, text[start : a.end],
                            f"{a.text!r} stands alone after the speech verb: an attribution "
                            f"(\"told {a.text.rstrip('.')}\") broken by rewriting"))
            continue
        if not _debris(a.text, toks):
            continue  # a photo credit, a number, an exclamation: ordinary page text
        reason = (f"a {len(toks)}-word sentence of function words inside a longer paragraph: "
                  f"debris typical of round-trip machine translation")
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
    starts = sentence_starts(page.text)
    quoted = [(m.start(), m.end()) for m in re.finditer(r"\"[^\"\n]*\"", page.text)]
    for t in text_tokens(page.text):
        if t.start < page.headline_end or (t.is_capitalized and t.start not in starts) \
                or any(a <= t.start < b for a, b in quoted):
            continue  # names ("Dolby Theatre"), quoted words and headlines keep their spelling
        v = _variant(t.lower)
        if v is not None:
            found[v[0]].append((t, v[1]))
    if min(len(found["uk"]), len(found["us"])) < SPELLING_MIN:
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


def function_divergence(tokens: Sequence[Token]) -> float:
    """L1 distance (0..2) between the page's function-word shares and ordinary English."""
    counts = Counter(t.lower for t in tokens if t.lower in PROFILE_WORDS)
    total = sum(counts.values())
    if total < 20:
        return 0.0
    ref = _reference_profile()
    return sum(abs(counts[w] / total - r) for w, r in zip(PROFILE_WORDS, ref, strict=True))


def rare_share(tokens: Sequence[Token]) -> tuple[float, float]:
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
    head = {t.lower[:5] for t in text_tokens(text[:headline_end])
            if t.lower not in STOPWORDS and len(t.text) > 2}
    if not head:
        return 1.0
    body = {t.lower[:5] for t in text_tokens(text[headline_end:])}
    return len(head & body) / len(head)
