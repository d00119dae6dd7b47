"""Typed edits inside aligned passages: what the copy changed, word by word.

Each passage is cut into segments at its sentence pairs (so an inserted or dropped
sentence stays whole), each segment is diffed over lower-cased tokens (Levenshtein
opcodes), tiny runs of unchanged function words between two changes are absorbed (so an
unrelated sentence is one change, not ten), and every change gets exactly one type.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from rapidfuzz.distance import Indel

from unspun.align.features import PreparedText, SentenceFeatures, derived, zipf
from unspun.align.passages import AlignedPassage, Alignment
from unspun.forensics.lexicon import (
    DATE_WORDS,
    NUMBER_WORDS,
    SPEECH_VERBS,
    is_negation,
    number_value,
)
from unspun.model import Edit, EditType
from unspun.text.tokens import STOPWORDS, Token

#: A change with at least this many tokens on one side and little in common is an
#: insertion/deletion of text, not a rewording.
BIG_CHANGE = 6
#: A new name this close in spelling to a lost one is the same name misspelled.
GARBLED = 0.66
#: Note prefix of a name edit that only misspells the name (spinners, transliteration).
MISSPELLED = "name misspelled"
#: Note prefixes of a name or a figure replaced by another one (not only left out or added):
#: what a template filled for another event changes, and what the copy decision counts.
NAME_SWAPPED = "name changed: "
NUMBER_SWAPPED = "number or date changed"
#: Pure insertions/deletions shorter than this are wording, not new text.
MIN_INSERTION = 4


#: The only words besides digits `number_value` reads as a number or date.
_NUMBER_LIKE = frozenset(NUMBER_WORDS) | DATE_WORDS
#: `_Tok.proper`: not a name; a name; a name only if the pair's texts use it as one.
_NOT_PROPER, _PROPER, _PROPER_IF_NAMED = 0, 1, 2


@dataclass(slots=True)
class _Tok:
    """A token with what typing an edit asks of it, all from its own text (made once per
    sentence by `_sentence_toks`, shared by every pair the text is in; never changed, but
    not frozen: a frozen dataclass is ~3x slower to make, and every typed sentence's tokens
    are made)."""

    tok: Token
    key: str  # its match key (`stem`), as the sentence features have it
    quoted: bool
    initial: bool  # first token of its sentence (capitals there prove nothing)
    titled: bool  # in a title-case line (a headline)
    function: bool  # a stopword
    number: str | None  # `number_value`
    negation: bool
    proper: int  # `_NOT_PROPER`, `_PROPER` or `_PROPER_IF_NAMED` (see `_proper`)


@dataclass(slots=True)
class DiffStats:
    """How much of the aligned query text the copy kept word for word."""

    query_tokens: int = 0
    kept_tokens: int = 0
    query_function: int = 0
    kept_function: int = 0
    query_content: int = 0
    kept_content: int = 0

    @property
    def kept(self) -> float:
        return self.kept_tokens / self.query_tokens if self.query_tokens else 0.0

    @property
    def function_kept(self) -> float:
        return self.kept_function / self.query_function if self.query_function else 0.0

    @property
    def content_kept(self) -> float:
        return self.kept_content / self.query_content if self.query_content else 0.0


def _titled(sent: SentenceFeatures) -> bool:
    caps = [t.is_capitalized for t in sent.tokens if t.lower not in STOPWORDS]
    return len(caps) >= 3 and sum(caps) >= 0.7 * len(caps)


def mid_sentence_capitals(p: PreparedText) -> frozenset[str]:
    """Lower-cased words written with a capital inside a sentence of running text.

    There a capital is a name's ("officials in Glasgow said"), so the same word at a
    sentence start or in a headline ("Glasgow City Council ...", "GLASGOW PLAN") is that
    name too, however common the word. Words of title-case body lines count when the text
    never writes them in lower case.
    """
    out: set[str] = set()
    titled: set[str] = set()
    lower: set[str] = set()
    for sent in p.sentences:
        caps = {t.lower for t in sent.tokens[1:]
                if t.is_capitalized and t.lower not in STOPWORDS and t.text != "I"}
        lower.update(t.lower for t in sent.tokens if t.text[:1].islower())
        if not _titled(sent):
            out |= caps
        elif sent.start >= p.body_start:
            titled |= caps  # a line of names in the body ("NOTE: Franklin Ohio Fund.")
    # in a title-case body line a capital proves a name only for a word never written in
    # lower case (headline-style capitals: "Fund" is a name there, "Plan" is not)
    return frozenset(out | (titled - lower))


def pair_names(q: PreparedText, s: PreparedText) -> frozenset[str]:
    """The words either text uses as names (`mid_sentence_capitals` of both, each computed
    once per text)."""
    return derived(q, mid_sentence_capitals) | derived(s, mid_sentence_capitals)


def _sentence_toks(p: PreparedText, k: int) -> tuple[_Tok, ...]:
    """The `_Tok`s of sentence `k` of `p`, made on first use and kept with the text (most
    of a text's sentences are in no segment of any pair; those typed are typed again for
    every pair the text is in)."""
    made = derived(p, _no_sentences)
    toks = made.get(k)
    if toks is None:
        sent = p.sentences[k]
        titled = _titled(sent)
        # (the checks before each call are exact: they skip the calls that must say no)
        toks = made[k] = tuple(
            _Tok(t, key, q, n == 0, titled, low in STOPWORDS,
                 number_value(t.text) if low[:1].isdigit() or low in _NUMBER_LIKE else None,
                 is_negation(low),
                 _proper_kind(t.text, n == 0 or titled) if t.text[:1].isupper()
                 else _NOT_PROPER)
            for n, (t, key, q) in enumerate(zip(sent.tokens, sent.keys, sent.quoted,
                                                strict=True)) for low in (t.lower,))
    return toks


def _no_sentences(p: PreparedText) -> dict[int, tuple[_Tok, ...]]:
    """An empty per-text store for `_sentence_toks` (`derived` keeps it with the text)."""
    return {}


def _toks(p: PreparedText, first: int, last: int) -> list[_Tok]:
    return [t for k in range(first, last + 1) for t in _sentence_toks(p, k)]


def _segments(
    q: PreparedText, s: PreparedText, ap: AlignedPassage
) -> list[tuple[int, int, int, int]]:
    """Cut a passage at its sentence pairs: [(q_first, q_last, s_first, s_last)], inclusive.

    Pairs that share a query or a source sentence (a merged or duplicated sentence) stay in
    one segment; unpaired sentences join the segment of the next pair.
    """
    groups: list[list[tuple[int, int]]] = []
    for i, j, _ in sorted(ap.pairs):
        if groups and (i == groups[-1][-1][0] or j <= max(x[1] for x in groups[-1])):
            groups[-1].append((i, j))
        else:
            groups.append([(i, j)])
    segs: list[list[int]] = []
    qi, sj = ap.q_first, ap.s_first
    for g in groups:
        qe = max(x[0] for x in g)
        se = max(x[1] for x in g)
        if segs:
            # unpaired query sentences right after a pair that share its rarer words
            # (a sentence split off: "she said. Gazette.") belong to that pair
            prev_bag = _source_bag(s, segs[-1][2], segs[-1][3])
            while qi < min(g)[0] and _tails(q.sentences[qi].bag, prev_bag):
                segs[-1][1] = qi
                qi += 1
        segs.append([qi, qe, sj, se])
        qi, sj = qe + 1, se + 1
    return [(a, b, c, d) for a, b, c, d in segs]


def _source_bag(s: PreparedText, first: int, last: int) -> set[str]:
    return {k for x in s.sentences[first : last + 1] for k, w in x.bag.items() if w >= 0.8}


def _tails(bag: dict[str, float], prev: set[str]) -> bool:
    heavy = [k for k, w in bag.items() if w >= 0.8]
    return bool(heavy) and len(bag) <= 4 and all(k in prev for k in heavy)


def _chunks(a: list[str], b: list[str]) -> tuple[list[tuple[int, int, int, int]], int]:
    """Non-equal regions of the diff of a and b, with short function-word equals absorbed."""
    raw: list[list[int]] = []
    kept = 0
    # LCS-based (insert/delete only) finds the most shared words; adjacent delete+insert
    # pairs are then merged into one replacement below
    for op in Indel.opcodes(a, b):
        if op.tag == "equal":
            continue
        raw.append([op.src_start, op.src_end, op.dest_start, op.dest_end])
    merged: list[list[int]] = []
    for c in raw:
        if merged:
            prev = merged[-1]
            between = a[prev[1] : c[0]]
            if len(between) <= 2 and all(w in STOPWORDS or not w[:1].isalnum() for w in between):
                prev[1], prev[3] = c[1], c[3]
                continue
        merged.append(c)
    changed = sum(c[1] - c[0] for c in merged)
    kept = len(a) - changed
    return [(c[0], c[1], c[2], c[3]) for c in merged], kept


def passage_edits(
    q: PreparedText, s: PreparedText, ap: AlignedPassage, index: int, stats: DiffStats,
    names: frozenset[str],
) -> list[Edit]:
    """The typed edits of one passage pair (offsets into the full texts); updates `stats`.
    `names`: the pair's names (`pair_names`)."""
    edits: list[Edit] = []
    for qf, ql, sf, sl in _segments(q, s, ap):
        qt = _toks(q, qf, ql) if qf <= ql else []
        st = _toks(s, sf, sl) if sf <= sl else []
        a = [t.tok.lower for t in qt]
        b = [t.tok.lower for t in st]
        chunks, _ = _chunks(a, b)
        seg = _Segment(qt, st, names)
        changed = [False] * len(a)
        added = [False] * len(a)  # inside a whole added sentence: counted apart, not as rewording
        for qa, qb, sa, sb in chunks:
            typed = _typed(q, s, seg, qa, qb, sa, sb, index)
            edits.extend(typed)
            whole = not sside_len(sa, sb) and _whole_sentences(qt, qa, qb)
            for k in range(qa, qb):
                changed[k] = True
                added[k] = whole
        for k, t in enumerate(qt):
            if added[k] or t.tok.start < q.body_start:
                continue  # the headline may differ on purpose (syndication); see verdict
            function = t.function
            stats.query_tokens += 1
            stats.query_function += function
            stats.query_content += not function
            if not changed[k]:
                stats.kept_tokens += 1
                stats.kept_function += function
                stats.kept_content += not function
    return edits


def sside_len(sa: int, sb: int) -> int:
    return sb - sa


def _span(toks: list[_Tok], a: int, b: int, text_len: int, fallback: int) -> tuple[int, int]:
    if a < b:
        return toks[a].tok.start, toks[b - 1].tok.end
    # empty side: the position between the neighbouring tokens
    if a < len(toks):
        return toks[a].tok.start, toks[a].tok.start
    if toks:
        return toks[-1].tok.end, toks[-1].tok.end
    return fallback, min(fallback, text_len)


def _typed(
    q: PreparedText,
    s: PreparedText,
    seg: _Segment,
    qa: int,
    qb: int,
    sa: int,
    sb: int,
    index: int,
) -> list[Edit]:
    qt, st = seg.q, seg.s
    qs, qe = _span(qt, qa, qb, len(q.text), 0)
    ss, se = _span(st, sa, sb, len(s.text), 0)
    qside, sside = qt[qa:qb], st[sa:sb]
    big = max(len(qside), len(sside)) >= BIG_CHANGE
    if (qside and sside and big and _overlap(qside, sside, qt, st) < 0.25
            and not _reworded_in_place(qt, st, qa, qb, sa, sb)):
        # unrelated text in place of the source's: a deletion and an insertion
        return [
            _edit("deletion", q, s, qs, qs, ss, se, index, "the copy drops this"),
            _edit("insertion", q, s, qs, qe, se, se, index, "the source has no such text"),
        ]
    if not sside and qb - qa > 1 and any(t.initial for t in qt[qa + 1 : qb]):
        # several inserted sentences (a fragment, then a furniture line): one edit each
        cuts = [k for k in range(qa + 1, qb) if qt[k].initial]
        out: list[Edit] = []
        for a, b in zip([qa, *cuts], [*cuts, qb], strict=True):
            out.extend(_typed(q, s, seg, a, b, sa, sb, index))
        return out
    if not sside and _whole_sentences(qt, qa, qb):
        note = "a sentence the source does not have"
        return [_edit("insertion", q, s, qs, qe, ss, se, index, note)]
    if not qside and _whole_sentences(st, sa, sb):
        return [_edit("deletion", q, s, qs, qe, ss, se, index, "a sentence of the source left out")]
    ctx = _Context(seg, qt[max(0, qa - 3) : qb + 3], st[max(0, sa - 3) : sb + 3])
    kind, note = classify(qside, sside, ctx)
    return [_edit(kind, q, s, qs, qe, ss, se, index, note)]


def _reworded_in_place(
    qt: list[_Tok], st: list[_Tok], qa: int, qb: int, sa: int, sb: int
) -> bool:
    """A run of words swapped one for one inside a sentence (a heavy spin), not new text.

    A spinner replaces content words and leaves the sentence's frame: the run is about as
    long on both sides, is not a whole sentence on either, and its function words ("the",
    "to the") come in nearly the same order. Text replaced by other text shares none of that.
    """
    n, m = qb - qa, sb - sa
    if min(n, m) < 0.7 * max(n, m):
        return False
    if _whole_sentences(qt, qa, qb) or _whole_sentences(st, sa, sb):
        return False
    qf = [t.tok.lower for t in qt[qa:qb] if t.tok.lower in STOPWORDS]
    sf = [t.tok.lower for t in st[sa:sb] if t.tok.lower in STOPWORDS]
    if min(len(qf), len(sf)) < 2:
        return False
    return Indel.normalized_similarity(qf, sf) >= 0.7


@dataclass(slots=True, frozen=True)
class _SegmentFacts:
    """What classifying a change needs from its whole segment, per side."""

    q_numbers: Counter[str]
    s_numbers: Counter[str]
    q_names: frozenset[str]
    s_names: frozenset[str]
    q_negations: int
    s_negations: int


@dataclass(slots=True)
class _Segment:
    """One segment's tokens on both sides; its facts are computed on first use, once per
    segment rather than once per change in it."""

    q: list[_Tok]
    s: list[_Tok]
    #: The pair's names (`pair_names`).
    names: frozenset[str]
    cached: _SegmentFacts | None = None

    @property
    def facts(self) -> _SegmentFacts:
        if self.cached is None:
            self.cached = _SegmentFacts(
                _numbers(self.q), _numbers(self.s),
                frozenset(t.tok.text for t in self.q if _proper(t, self.names)),
                frozenset(t.tok.text for t in self.s if _proper(t, self.names)),
                sum(1 for t in self.q if t.negation),
                sum(1 for t in self.s if t.negation),
            )
        return self.cached


@dataclass(slots=True, frozen=True)
class _Context:
    """The whole segment on both sides (to tell a moved word from a changed one), and the
    few tokens around the change (to see a speech verb next to it)."""

    segment: _Segment
    q_near: list[_Tok]
    s_near: list[_Tok]

    @property
    def q_segment(self) -> list[_Tok]:
        return self.segment.q

    @property
    def s_segment(self) -> list[_Tok]:
        return self.segment.s


def _whole_sentences(toks: list[_Tok], a: int, b: int) -> bool:
    return a < b and toks[a].initial and (b == len(toks) or toks[b].initial)


def _edit(
    kind: EditType, q: PreparedText, s: PreparedText, qs: int, qe: int, ss: int, se: int,
    index: int, note: str,
) -> Edit:
    return Edit(kind, qs, qe, ss, se, q.text[qs:qe], s.text[ss:se], index, note)


def _overlap(a: list[_Tok], b: list[_Tok], a_seg: list[_Tok], b_seg: list[_Tok]) -> float:
    """Share of the content words of a change found on the other side (moved words count)."""
    a_keys = {t.key for t in a if not t.function}
    b_keys = {t.key for t in b if not t.function}
    if not a_keys or not b_keys:
        return 0.0
    a_all = {t.key for t in a_seg}
    b_all = {t.key for t in b_seg}
    found = len(a_keys & b_all) + len(b_keys & a_all)
    return found / (len(a_keys) + len(b_keys))


def _proper_kind(w: str, initial_or_titled: bool) -> int:
    """Whether the word `w` names someone or something, as far as its own text tells:
    a capitalised word does, except at a sentence start or in a headline, where only a rare
    one does and a common one only if the pair's texts use it as a name (`_proper`)."""
    if not w[:1].isupper() or w == "I" or w.lower() in STOPWORDS:
        return _NOT_PROPER
    if initial_or_titled and zipf(w.lower()) >= 3.5:
        return _PROPER_IF_NAMED
    return _PROPER


def _proper(t: _Tok, names: frozenset[str]) -> bool:
    """A capitalised word that names someone or something (not a sentence start or headline;
    `names`: the words the pair's texts write as names mid-sentence)."""
    return t.proper == _PROPER or (t.proper == _PROPER_IF_NAMED and t.tok.lower in names)


#: The note of a plain wording change (not a name's house style, not words that only moved).
WORDING_CHANGED = "wording changed"


def classify(qside: list[_Tok], sside: list[_Tok], ctx: _Context) -> tuple[EditType, str]:
    """One type for one change, most meaning-changing first; with a plain-words note.

    Order: number, negation (inside quotes too), quote (any other change inside quotation
    marks), attribution (the speaker or outlet changed or dropped, a quote given to
    someone else), name, then
    insertion/deletion of whole clauses, else harmless wording (synonym).

    A word that only moved (it is elsewhere in the other side's segment) is not a change
    of number, name or negation: translation reorders words.
    """
    qw = [t.tok.lower for t in qside]
    sw = [t.tok.lower for t in sside]
    seg = ctx.segment.facts
    qn = _numbers(qside)
    sn = _numbers(sside)
    q_alln = seg.q_numbers
    s_alln = seg.s_numbers
    # a clause dropped or added whole is a deletion/insertion, even with a number in it
    whole_clause = (not qside or not sside) and max(len(qside), len(sside)) >= MIN_INSERTION
    if ((qn - s_alln) or (sn - q_alln)) and not whole_clause:
        # a figure put in another's place changes the news; one only left out or added
        # while the sentence is re-said is weaker evidence (`is_slot_swap`)
        if qn and sn:
            return "number", NUMBER_SWAPPED
        return "number", "number or date left out" if sn else "number or date added"
    q_seg_names = seg.q_names
    s_seg_names = seg.s_names
    names = ctx.segment.names
    q_names = {t.tok.text for t in qside if _proper(t, names)} - s_seg_names
    s_names = {t.tok.text for t in sside if _proper(t, names)} - q_seg_names
    speech = any(w in SPEECH_VERBS for w in qw + sw)
    speech_near = speech or any(t.tok.lower in SPEECH_VERBS for t in ctx.q_near + ctx.s_near)
    quoted_sentence = any(t.quoted for t in ctx.q_near + ctx.s_near)
    quoted = any(t.quoted for t in qside + sside)
    qneg, sneg = sum(t.negation for t in qside), sum(t.negation for t in sside)
    if qneg != sneg and seg.q_negations != seg.s_negations:
        # a flipped "not" reverses what was said, inside a quote as much as outside one
        note = "negation added" if qneg > sneg else "negation removed"
        return "negation", note + (" inside a quotation" if quoted else "")
    if quoted:
        # inside quotation marks every other change alters the quote
        return "quote", "words inside a quotation changed"
    if q_names and s_names and _styled(qside) == _styled(sside):
        # "US" / "U.S.", "Al-Shabab" / "al Shabab": one name in another house style
        return "synonym", "the same name in another house style"
    garbled = _garbled(q_names, s_names)
    if speech_near and s_names and q_names != s_names and not garbled:
        if q_names and quoted_sentence:
            # the quote's words are intact, its speaker is not (the gold's "attribution")
            return "attribution", "the quote is given to someone else"
        return "attribution", "the speaker or outlet changed or dropped"
    if speech_near and q_names and not s_names and sside and not quoted_sentence:
        return "attribution", "words now given to a named speaker"
    q_content = [w for w in qw if w not in STOPWORDS]
    if speech and any(w in SPEECH_VERBS for w in sw) and (not q_content or len(sw) > len(qw) + 1):
        return "attribution", "who said it was dropped or changed"
    if s_names and q_names != s_names and not whole_clause:
        if garbled:
            return "name", MISSPELLED + " (garbled or transliterated)"
        lost = sorted(s_names - q_names)
        if not lost:
            return "name", "name added"
        if not q_names:
            # re-said without the name ("walks through Kiev" -> "strolls"): no other name
            # takes its place
            return "name", "name left out: " + ", ".join(lost)
        return "name", NAME_SWAPPED + ", ".join(lost)
    other = ctx.s_segment if qside else ctx.q_segment
    if (not sside or not qside) and _moved(qside or sside, other):
        return "synonym", "words moved"
    if not sside and len(qside) >= MIN_INSERTION:
        return "insertion", "text the source does not have"
    if not qside and len(sside) >= MIN_INSERTION:
        return "deletion", "text of the source left out"
    return "synonym", WORDING_CHANGED


def is_slot_swap(e: Edit) -> bool:
    """A name or a figure replaced by another one: the change a template makes."""
    return ((e.type == "name" and e.note.startswith(NAME_SWAPPED))
            or (e.type == "number" and e.note == NUMBER_SWAPPED))


def _numbers(toks: list[_Tok]) -> Counter[str]:
    return Counter(t.number for t in toks if t.number is not None)


def _moved(side: list[_Tok], other_segment: list[_Tok]) -> bool:
    """Most content words of a one-sided change sit elsewhere in the other side (reordering)."""
    keys = {t.key for t in side if not t.function}
    if not keys:
        return False
    there = {t.key for t in other_segment}
    return len(keys & there) >= 0.6 * len(keys)


def _styled(side: list[_Tok]) -> str:
    """A change's words with case, dots, hyphens and spaces taken out: what a house style
    changes ("U.S" is the tokens U and S)."""
    return "".join(ch for t in side for ch in t.tok.text.casefold() if ch.isalnum())


def _garbled(q_names: set[str], s_names: set[str]) -> bool:
    """Every changed name is a misspelling of a source name (Simmons -> Symonds)."""
    lost = s_names - q_names
    new = q_names - s_names
    if not lost or not new:
        return False
    return all(
        max(Indel.normalized_similarity(n.lower(), o.lower()) for o in lost) >= GARBLED
        for n in new
    )


def alignment_edits(
    q: PreparedText, s: PreparedText, alignment: Alignment
) -> tuple[list[Edit], DiffStats]:
    """Edits of every passage, plus query sentences outside any passage as insertions."""
    stats = DiffStats()
    edits: list[Edit] = []
    names = pair_names(q, s)
    for n, ap in enumerate(alignment.passages):
        edits.extend(passage_edits(q, s, ap, n, stats, names))
    edits.sort(key=lambda e: (e.q_start, e.s_start))
    return consistent_names(edits), stats


#: Types a mention of a name swap may get from its surroundings alone (a speech verb
#: nearby, quotation marks), which the same swap elsewhere shows to be a name change.
_RETYPED_AS_NAME = frozenset({"synonym", "attribution", "quote"})


def consistent_names(edits: list[Edit]) -> list[Edit]:
    """Type every mention of a name swap `name` once one mention is typed so.

    "Glasgow -> Edinburgh" is one change made at each mention; its context (a sentence
    start, "officials in Glasgow said") must not make it a synonym here and an
    attribution there.
    """
    swaps = {_swap(e) for e in edits if e.type == "name" and e.source_text and e.query_text}
    if not swaps:
        return edits
    out: list[Edit] = []
    for e in edits:
        if e.type in _RETYPED_AS_NAME and _swap(e) in swaps:
            e = replace(e, type="name",
                        note=f"{NAME_SWAPPED}{e.source_text} (the same change at every mention)")
        out.append(e)
    return out


def _swap(e: Edit) -> tuple[str, str]:
    return e.source_text.casefold(), e.query_text.casefold()
