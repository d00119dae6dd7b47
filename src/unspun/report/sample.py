"""An invented spun copy and its source, with a hand-marked analysis, for report demos.

Used to show and test the reports without the analyser (and by
`scripts/screenshot_report.py` when the demo corpus or `unspun.forensics` is missing). The
text is our own invention, modelled on the kind of page unspun was made for: words swapped
for near-synonyms, a name garbled, a number changed, a quote altered, an attribution broken
into a fragment, a translation fragment and site furniture left in. The edits are marked by
locating the changed words, not computed: this is sample data, not an analysis.
"""

from __future__ import annotations

from datetime import date

from rapidfuzz import fuzz

from unspun.ingest.assemble import build_article
from unspun.model import (
    Analysis,
    Article,
    Artifact,
    BlockRole,
    Candidate,
    Edit,
    EditType,
    Evidence,
    Passage,
    TraceResult,
)

SOURCE_PARAGRAPHS: list[tuple[BlockRole, str]] = [
    ("headline", "Minister warns of border delays as reservists are called up"),
    (
        "body",
        "Defence minister Karin Holm said on Thursday that 12,000 reservists would be called "
        "up before the end of the month, the largest mobilisation since 1994.",
    ),
    (
        "body",
        '"We are not preparing for war, we are preparing to prevent one," Holm told the '
        "Baltic Courier in an interview.",
    ),
    (
        "body",
        "Queues at the Narva crossing stretched for nine kilometres on Wednesday as men of "
        "service age tried to leave, border officials said.",
    ),
    (
        "body",
        "Opposition leader Tomas Varga called the decision reckless and demanded a vote in "
        "parliament.",
    ),
]

COPY_PARAGRAPHS: list[tuple[BlockRole, str]] = [
    ("headline", "Minister cautions of border holdups as reservists are summoned"),
    (
        "body",
        "Defence minister Karin Holme said on Thursday that 21,000 reservists would be summoned "
        "before the close of the month, the biggest mobilisation since 1994.",
    ),
    (
        "body",
        '"We are not preparing for war, we are preparing to win one," Holme said. Baltic Courier.',
    ),
    (
        "body",
        "Lines at the Narva crossing stretched for nine kilometres on Wednesday as men of "
        "service age tried to depart, border officials said.",
    ),
    (
        "body",
        "Opposition leader Tomas Varga called the decision reckless and demanded a vote in "
        "parliament. I'm here.",
    ),
    ("body", "Advertisement"),
]

# (type, text in the copy, text in the source, which paragraph, note)
_EDITS: list[tuple[EditType, str, str, int, str]] = [
    ("synonym", "cautions", "warns", 0, ""),
    ("synonym", "holdups", "delays", 0, ""),
    ("synonym", "summoned", "called up", 0, ""),
    ("name", "Holme", "Holm", 1, "surname altered"),
    ("number", "21,000", "12,000", 1, "digits swapped"),
    ("synonym", "summoned", "called up", 1, ""),
    ("synonym", "close", "end", 1, ""),
    ("synonym", "biggest", "largest", 1, ""),
    ("quote", "win", "prevent", 2, "word inside the quotation changed"),
    ("name", "Holme", "Holm", 2, "surname altered"),
    ("attribution", "said. Baltic Courier.", "told the Baltic Courier in an interview.", 2, ""),
    ("synonym", "Lines", "Queues", 3, ""),
    ("synonym", "depart", "leave", 3, ""),
    ("insertion", " I'm here.", "", 4, "sentence the source never had"),
]


def _block_spans(article: Article) -> list[tuple[int, int]]:
    return [(b.start, b.end) for b in article.blocks]


def sample_pair() -> tuple[Article, Article]:
    """(copy, source): the invented spun copy and the page it was made from."""
    source = build_article(
        SOURCE_PARAGRAPHS,
        url="https://harbour-times.example/politics/reservists-called-up",
        published=date(2024, 3, 14),
        lang="en",
    )
    copy = build_article(
        COPY_PARAGRAPHS,
        url="https://daily-news-feed.example/2024/03/minister-cautions-border-holdups",
        published=date(2024, 3, 15),
        lang="en",
    )
    return copy, source


def _find(text: str, needle: str, start: int, end: int) -> int:
    i = text.find(needle, start, end)
    if i < 0:
        raise ValueError(f"sample text lost {needle!r}")
    return i


def sample_analysis(copy: Article, source: Article) -> Analysis:
    """The hand-marked analysis of `sample_pair()` (paragraph i of the copy ~ paragraph i)."""
    q_blocks, s_blocks = _block_spans(copy), _block_spans(source)
    passages = []
    for i, ((qs, qe), (ss, se)) in enumerate(zip(q_blocks, s_blocks, strict=False)):
        if i == 4:  # the copy's last sentence is an insertion: the passage ends before it
            qe = copy.text.index(" I'm here.")
        sim = fuzz.ratio(copy.text[qs:qe], source.text[ss:se]) / 100
        passages.append(Passage(qs, qe, ss, se, round(sim, 3)))
    edits = []
    cursor_q = {i: q_blocks[i][0] for i in range(len(q_blocks))}
    cursor_s = {i: s_blocks[i][0] for i in range(len(s_blocks))}
    for edit_type, new, old, para, note in _EDITS:
        q0 = _find(copy.text, new, cursor_q[para], q_blocks[para][1])
        q1 = q0 + len(new)
        if old:
            s0 = _find(source.text, old, cursor_s[para], s_blocks[para][1])
            s1 = s0 + len(old)
        else:
            s0 = s1 = s_blocks[para][1]
        cursor_q[para], cursor_s[para] = q1, s1
        edits.append(Edit(edit_type, q0, q1, s0, s1, new, old, min(para, len(passages) - 1), note))
    frag, furn = copy.text.index("I'm here."), copy.text.index("Advertisement")
    artifacts = [
        Artifact("fragment", frag, frag + 9, "I'm here.", "typical of round-trip translation"),
        Artifact("furniture", furn, furn + 13, "Advertisement", "site furniture left in the text"),
    ]
    counts: dict[str, int] = {}
    for e in edits:
        counts[e.type] = counts.get(e.type, 0) + 1
    covered_q = sum(p.q_end - p.q_start for p in passages)
    covered_s = sum(p.s_end - p.s_start for p in passages)
    evidence = Evidence(
        query_coverage=round(covered_q / len(copy.text), 3),
        source_coverage=round(covered_s / len(source.text), 3),
        passages=len(passages),
        edit_counts=counts,
        artifact_counts={"fragment": 1, "furniture": 1},
        notes=["every paragraph of the source is found in order in the copy"],
    )
    return Analysis(
        verdict="spun",
        confidence=0.9,
        passages=passages,
        edits=edits,
        artifacts=artifacts,
        evidence=evidence,
        derived="query",
        direction_reasons=[
            "published a day later (2024-03-15 vs 2024-03-14)",
            "the artifacts (a translation fragment, furniture) are on this side",
        ],
    )


def sample_result() -> TraceResult:
    """A trace of the spun copy: its source (analysed) and one unanalysed weak candidate."""
    copy, source = sample_pair()
    other = build_article(
        [
            ("headline", "Border queues grow as call-up begins"),
            (
                "body",
                "Hundreds of cars waited at the Narva crossing on Wednesday, officials said, "
                "after the government announced a call-up of reservists.",
            ),
        ],
        url="https://north-wire.example/border-queues",
        published=date(2024, 3, 13),
        lang="en",
    )
    return TraceResult(
        query=copy,
        candidates=[
            Candidate(
                source,
                score=0.81,
                coverage=0.9,
                signals={"minhash": 0.12, "terms": 0.81},
                analysis=sample_analysis(copy, source),
            ),
            Candidate(other, score=0.22, coverage=0.1, signals={"terms": 0.22}),
        ],
    )
