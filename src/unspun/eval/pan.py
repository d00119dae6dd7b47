"""Read PAN text-alignment corpora (PAN 2012-2015 layout) and score an aligner on them.

Layout, read as it is::

    DIR/src/source-documentYYYYY.txt         source documents
    DIR/susp/suspicious-documentXXXXX.txt    suspicious documents
    DIR/pairs        one "suspicious-documentXXXXX.txt source-documentYYYYY.txt" per line
    DIR/<NN-obfuscation>/suspicious-documentXXXXX-source-documentYYYYY.xml   truth per pair

Each truth file is ``<document reference="susp.txt">`` with zero or more
``<feature name="plagiarism" this_offset= this_length= source_reference= source_offset=
source_length= obfuscation=.../>``. The folder a truth file lies in names the pair's
obfuscation type (``02-no-obfuscation`` -> ``no-obfuscation``); pairs without a truth file
are kept under ``unknown`` with no cases.

Offsets are characters of the raw files, read as UTF-8 exactly (no newline translation).
unspun aligns the normalised `Article.text`, so detections are mapped back to raw offsets
with an `OffsetMap`. (PAN's own tools count UTF-16 code units; the two agree unless a
document holds characters outside the Basic Multilingual Plane.)
"""

from __future__ import annotations

import importlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import quoteattr

from unspun.errors import InputError, UnspunError
from unspun.eval.offset_map import OffsetMap, build_offset_map
from unspun.eval.pan_measures import Annotation, PanScores, score
from unspun.ingest.assemble import build_article
from unspun.model import Article, Passage
from unspun.options import MAX_PAGE_BYTES
from unspun.text.normalize import split_paragraphs

#: An aligner: (suspicious, source) -> passage pairs over the two articles' texts.
Aligner = Callable[[Article, Article], Sequence[Passage]]

MAX_TRUTH_BYTES = 10 * 1024 * 1024
_PREFIX = re.compile(r"^\d+[-_]")
UNKNOWN = "unknown"


@dataclass(slots=True, frozen=True)
class PanPair:
    """One suspicious/source pair, its obfuscation group and its true cases."""

    susp: str
    source: str
    obfuscation: str
    cases: tuple[Annotation, ...] = ()


@dataclass(slots=True, frozen=True)
class PanCorpus:
    root: Path
    pairs: tuple[PanPair, ...]

    def susp_path(self, name: str) -> Path:
        return self.root / "susp" / name

    def source_path(self, name: str) -> Path:
        return self.root / "src" / name


@dataclass(slots=True)
class PanReport:
    """Scores overall and per obfuscation group, plus the pairs that could not be read."""

    overall: PanScores
    by_obfuscation: dict[str, PanScores]
    pairs: int
    errors: list[str] = field(default_factory=list)
    #: Every detection made, in raw offsets (see `write_detections`).
    detections: list[Annotation] = field(default_factory=list)
    #: The (suspicious, source) pairs that were aligned and scored.
    scored: list[tuple[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = dict(self.overall.as_dict())
        out["pairs"] = self.pairs
        out["by_obfuscation"] = {k: v.as_dict() for k, v in sorted(self.by_obfuscation.items())}
        out["errors"] = list(self.errors)
        return out


def group_name(folder: str) -> str:
    """`03-random-obfuscation` -> `random-obfuscation`."""
    return _PREFIX.sub("", folder) or folder


def read_pairs(path: Path) -> list[tuple[str, str]]:
    """The `pairs` file: one "suspicious source" file-name pair per non-empty line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read pairs file ({exc})") from exc
    pairs = []
    for n, line in enumerate(text.splitlines(), 1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) != 2 or any("/" in p or "\\" in p or p.startswith(".") for p in parts):
            raise InputError(
                f"{path}:{n}", "expected 'suspicious-document.txt source-document.txt'"
            )
        pairs.append((parts[0], parts[1]))
    return pairs


def read_truth(path: Path, feature: str = "plagiarism") -> tuple[str, list[Annotation]]:
    """One truth XML: the suspicious file it is about, and its plagiarism cases.

    `feature="detected-plagiarism"` reads a detection file (PAN's output format) instead.
    """
    try:
        if path.stat().st_size > MAX_TRUTH_BYTES:
            raise InputError(str(path), "truth file too large")
        # ElementTree never fetches external entities, and expat (>= 2.4) caps entity
        # expansion; with the size cap above a hostile truth file cannot blow up memory.
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise InputError(str(path), f"cannot read truth XML ({exc})") from exc
    ref = root.get("reference", "")
    cases = []
    for feat in root.iter("feature"):
        if feat.get("name") != feature:
            continue
        try:
            cases.append(
                Annotation(
                    ref,
                    int(feat.get("this_offset", "")),
                    int(feat.get("this_length", "")),
                    feat.get("source_reference", ""),
                    int(feat.get("source_offset", "")),
                    int(feat.get("source_length", "")),
                )
            )
        except ValueError as exc:
            raise InputError(str(path), f"bad offset in plagiarism feature ({exc})") from exc
    return ref, cases


def read_corpus(root: Path) -> PanCorpus:
    """Read the pairs file and every truth XML under `root`'s obfuscation folders."""
    root = Path(root)
    if (
        not (root / "pairs").is_file()
        or not (root / "susp").is_dir()
        or not (root / "src").is_dir()
    ):
        raise InputError(str(root), "not a PAN text-alignment corpus (needs pairs, src/ and susp/)")
    listed = read_pairs(root / "pairs")
    by_stem = {f"{Path(s).stem}-{Path(r).stem}": (s, r) for s, r in listed}
    truth: dict[tuple[str, str], tuple[str, list[Annotation]]] = {}
    for xml in sorted(root.glob("*/*.xml")):
        folder = xml.parent.name
        if folder in ("src", "susp"):
            continue
        ref, cases = read_truth(xml)
        key = by_stem.get(xml.stem)
        if key is None:  # unusual file name: fall back on what the XML says
            sources = {c.source for c in cases}
            if len(sources) != 1:
                continue
            key = (ref, sources.pop())
        truth[key] = (
            group_name(folder),
            [c for c in cases if c.susp == key[0] and c.source == key[1]],
        )
    pairs = []
    for s, r in listed:
        group, cases = truth.get((s, r), (UNKNOWN, []))
        pairs.append(PanPair(s, r, group, tuple(cases)))
    return PanCorpus(root, tuple(pairs))


def read_document(path: Path) -> str:
    """A PAN document's exact text: UTF-8, newlines kept as they are in the file."""
    try:
        if path.stat().st_size > MAX_PAGE_BYTES:
            raise InputError(str(path), "document too large")
        with path.open(encoding="utf-8", newline="") as f:
            return f.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read document ({exc})") from exc


def article_from_raw(raw: str, name: str) -> tuple[Article, OffsetMap]:
    """Build the Article unspun aligns, and the map of its text back to `raw`."""
    article = build_article([("body", p) for p in split_paragraphs(raw)], url=None, title=name)
    return article, build_offset_map(raw, article.text)


def detections_for(
    pair: PanPair,
    passages: Sequence[Passage],
    susp_map: OffsetMap,
    source_map: OffsetMap,
) -> list[Annotation]:
    """Passages (normalised offsets) as PAN detections (raw offsets)."""
    out = []
    for p in passages:
        t_off, t_len = susp_map.raw_span(p.q_start, p.q_end)
        s_off, s_len = source_map.raw_span(p.s_start, p.s_end)
        out.append(Annotation(pair.susp, t_off, t_len, pair.source, s_off, s_len))
    return out


def evaluate(
    corpus: PanCorpus,
    aligner: Aligner,
    *,
    limit: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> PanReport:
    """Run `aligner` on every pair (the first `limit`) and score it overall and per group.

    A pair whose documents cannot be read is recorded in `errors` and left out of the scores.
    `progress(done, total)` is called after each pair.
    """
    cache: dict[Path, tuple[Article, OffsetMap]] = {}

    def load(path: Path) -> tuple[Article, OffsetMap]:
        if path not in cache:
            if len(cache) > 256:  # sources repeat across pairs; keep memory bounded
                cache.clear()
            cache[path] = article_from_raw(read_document(path), path.name)
        return cache[path]

    cases: dict[str, list[Annotation]] = {}
    dets: dict[str, list[Annotation]] = {}
    errors: list[str] = []
    scored: list[tuple[str, str]] = []
    done = 0
    todo = corpus.pairs[:limit]
    for n, pair in enumerate(todo, 1):
        if progress is not None and n > 1:
            progress(n - 1, len(todo))
        try:
            susp, susp_map = load(corpus.susp_path(pair.susp))
            src, src_map = load(corpus.source_path(pair.source))
        except InputError as exc:
            errors.append(str(exc))
            continue
        found = detections_for(pair, aligner(susp, src), susp_map, src_map)
        scored.append((pair.susp, pair.source))
        cases.setdefault(pair.obfuscation, []).extend(pair.cases)
        dets.setdefault(pair.obfuscation, []).extend(found)
        done += 1
    if progress is not None and todo:
        progress(len(todo), len(todo))
    groups = sorted(set(cases) | set(dets))
    all_cases = [c for g in groups for c in cases.get(g, [])]
    all_dets = [d for g in groups for d in dets.get(g, [])]
    return PanReport(
        overall=score(all_cases, all_dets),
        by_obfuscation={g: score(cases.get(g, []), dets.get(g, [])) for g in groups},
        pairs=done,
        errors=errors,
        detections=all_dets,
        scored=scored,
    )


def detections_xml(susp: str, detections: Sequence[Annotation]) -> str:
    """One PAN detection file: `<document reference=susp>` with a `detected-plagiarism`
    feature per detection (the format PAN's own evaluation script reads)."""
    lines = [f"<document reference={quoteattr(susp)}>"]
    for d in detections:
        lines.append(
            f'<feature name="detected-plagiarism" this_offset="{d.this_offset}" '
            f'this_length="{d.this_length}" source_reference={quoteattr(d.source)} '
            f'source_offset="{d.source_offset}" source_length="{d.source_length}"/>'
        )
    lines.append("</document>")
    return "\n".join(lines) + "\n"


def write_detections(report: PanReport, out: Path) -> int:
    """Write one detection file per scored pair into `out` (PAN file names); returns the count."""
    by_pair: dict[tuple[str, str], list[Annotation]] = {}
    for d in report.detections:
        by_pair.setdefault(d.key, []).append(d)
    try:
        out.mkdir(parents=True, exist_ok=True)
        n = 0
        for susp, source in report.scored:
            found = by_pair.get((susp, source), [])
            name = f"{Path(susp).stem}-{Path(source).stem}.xml"
            (out / name).write_text(detections_xml(susp, found), encoding="utf-8")
            n += 1
    except OSError as exc:
        raise InputError(str(out), f"cannot write detections ({exc.strerror or exc})") from exc
    return n


def default_aligner() -> Aligner:
    """unspun's own aligner, `unspun.align.align(query, source, AlignOptions())`.

    Imported by name at call time: alignment is built by another part of unspun, and the
    PAN reader and measures must work (and be tested) with any aligner.
    """
    try:
        align = importlib.import_module("unspun.align").align
        options_cls = getattr(importlib.import_module("unspun.options"), "AlignOptions", None)
    except (ImportError, AttributeError) as exc:
        raise UnspunError(f"the aligner is not available ({exc})") from exc
    options = options_cls() if options_cls is not None else None

    def run(query: Article, source: Article) -> Sequence[Passage]:
        result: Sequence[Passage] = (
            align(query, source, options) if options is not None else align(query, source)
        )
        return result

    return run
