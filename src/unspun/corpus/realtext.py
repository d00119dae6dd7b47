"""Clusters from real articles (`--from CORPUS`): copies derived from real text.

The corpus is a JSONL file with `title` and `text` (or `body`); optional `url`, `site`,
`date`/`published`, `category`/`topics`. It is read as a stream; distractors are other
real articles of the corpus seen shortly before (same category when there is one).
No same-story renderings exist here. The text is read at run time only.
"""

from __future__ import annotations

import html
import json
import random
import re
from collections import deque
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

from unspun.corpus.copies import Context, derive
from unspun.corpus.doc import Cluster, Doc
from unspun.corpus.generate import copy_url, slug
from unspun.corpus.noise import proper_names
from unspun.corpus.options import BenchOptions
from unspun.corpus.outlets import COPY_SITES, NEWSROOMS, Outlet
from unspun.corpus.thesaurus import thesaurus_for
from unspun.errors import InputError
from unspun.options import MAX_TEXT_CHARS
from unspun.text.normalize import normalize_paragraph
from unspun.text.tokens import tokenize

_BLANK = re.compile(r"\n\s*\n")
_INDENTED = re.compile(r"\n(?=[ \t]+\S)")
_DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%SZ", "%d-%b-%Y %H:%M:%S.%f")
_BASE = datetime(2005, 1, 3, 8, 0)


def paragraphs(raw: str) -> list[str]:
    """Paragraphs of a real article: blank lines, else indented lines, else one paragraph."""
    raw = html.unescape(raw.replace("\r\n", "\n"))
    chunks = _BLANK.split(raw) if _BLANK.search(raw) else _INDENTED.split(raw)
    out = [normalize_paragraph(c) for c in chunks]
    out = [p for p in out if p]
    if out and out[-1].lower() in ("reuter", "reuters"):
        out.pop()
    elif out:
        out[-1] = re.sub(r"\s+Reuter$", "", out[-1])
    return out


def parse_date(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value.strip(), fmt)
        except ValueError:
            continue
    return None


def read_corpus(path: str) -> Iterator[tuple[int, dict[str, object]]]:
    """(line number, record) for each usable line; a broken line raises InputError."""
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{n}", f"not JSON ({exc.msg})") from None
            if isinstance(rec, dict):
                yield n, rec


def record_doc(n: int, rec: dict[str, object], corpus: str, rng: random.Random) -> Doc | None:
    raw = rec.get("text") or rec.get("body")
    if not isinstance(raw, str):
        return None
    paras = paragraphs(raw[:MAX_TEXT_CHARS])
    if len(paras) < 2 or sum(len(p) for p in paras) < 300:
        return None
    title = normalize_paragraph(str(rec.get("title") or paras[0][:80]))
    when = parse_date(rec.get("published") or rec.get("date")) or _BASE + timedelta(hours=7 * n)
    site = str(rec.get("site") or f"{corpus}.example")
    url = str(rec.get("url") or f"https://{site}/{when:%Y/%m}/{slug(title)}-{n}")
    return Doc(url, site, site, when, title, tuple(("body", p) for p in paras))


def _category(rec: dict[str, object]) -> str:
    cat = rec.get("category") or rec.get("topics") or ""
    return ",".join(map(str, cat)) if isinstance(cat, list) else str(cat)


def corpus_clusters(options: BenchOptions, recipes: list[str]) -> Iterator[Cluster]:
    """One cluster per usable article of `options.source`, up to `options.clusters`."""
    assert options.source is not None
    corpus = Path(options.source).parent.name or Path(options.source).stem
    thesaurus = thesaurus_for(True, options.wordnet_dir)
    recent: deque[tuple[str, Doc]] = deque(maxlen=64)
    made = 0
    for n, rec in read_corpus(options.source):
        if made >= options.clusters:
            return
        rng = random.Random(f"{options.seed}:{corpus}:{n}")
        doc = record_doc(n, rec, corpus, rng)
        if doc is None:
            continue
        cat = _category(rec)
        same = [d for c, d in recent if c == cat and cat]
        others = [d for _, d in recent]
        pool = same if len(same) >= options.corpus_distractors else others
        distractors = [
            _as_distractor(d) for d in rng.sample(pool, min(len(pool), options.corpus_distractors))
        ]
        cid = f"r{made:06d}"
        names = sorted({t.text for t in proper_names(doc.text, tokenize(doc.text))})
        copies = []
        for j, recipe in enumerate(
            rng.sample(recipes, min(options.copies_per_cluster, len(recipes)))
        ):
            crng = random.Random(f"{options.seed}:{corpus}:{n}:{j}:{recipe}")
            outlet: Outlet = crng.choice(NEWSROOMS if recipe == "syndicated" else COPY_SITES)
            ctx = Context(crng, thesaurus, outlet, "", None, None, names)
            copy = derive(recipe, doc, ctx)
            copy.url = copy_url(
                outlet, copy.published or doc.published or _BASE, copy.title, f"{cid}-{j}"
            )
            copy.extra = {"recipe": recipe, **copy.extra}
            copies.append(copy)
        yield Cluster(
            cid, doc.title, doc, copies, distractors, "corpus", {"corpus": corpus, "line": n}
        )
        recent.append((cat, doc))
        made += 1


def _as_distractor(d: Doc) -> Doc:
    return Doc(
        d.url, d.site, d.outlet, d.published, d.title, d.paras, extra={"relation": "unrelated"}
    )
