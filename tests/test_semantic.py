"""Dense article vectors (the `semantic` extra): embedding, storage, search, fusion.

Tests that need torch and the model package skip, saying so, when they are not installed
(scripts/test.sh installs them where torch==2.13.0 is available).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from unspun.errors import UnspunError, UsageError
from unspun.eval.clusters import copies_of, distractors_of, read_clusters, to_article
from unspun.library import Library
from unspun.library import vectors as vec
from unspun.model import Article
from unspun.options import RetrieveOptions
from unspun.retrieve.candidates import retrieve
from unspun.retrieve.semantic import (
    DIM,
    ArticleVectors,
    embed_library,
    embed_texts,
    missing,
    model_tag,
    semantic_candidates,
)

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "clusters.jsonl"
needs_semantic = pytest.mark.skipif(
    missing() is not None, reason=f"semantic extra not installed: {missing()}")


def _demo() -> tuple[list[Article], list[tuple[str, Article, str]]]:
    """Library articles (originals + same-story distractors) and (recipe, copy, original id)."""
    lib: list[Article] = []
    copies: list[tuple[str, Article, str]] = []
    for c in read_clusters(DEMO):
        orig = to_article(c["original"])
        lib.append(orig)
        lib.extend(to_article(d) for d in distractors_of(c))
        copies.extend((str(cp["recipe"]), to_article(cp), orig.id) for cp in copies_of(c))
    return lib, copies


@pytest.fixture(scope="module")
def semantic_lib(tmp_path_factory: pytest.TempPathFactory) -> Any:
    arts, copies = _demo()
    path = tmp_path_factory.mktemp("sem") / "lib.db"
    with Library.open(path) as lib:
        lib.add(iter(arts), vectors=ArticleVectors())
    return path, arts, copies


def test_library_without_vectors_says_how_to_add_them(tmp_path: Path) -> None:
    arts, copies = _demo()
    path = tmp_path / "plain.db"
    with Library.open(path) as lib:
        lib.add_articles(arts[:5])
        with pytest.raises(UsageError) as err:
            retrieve(lib, copies[0][1], RetrieveOptions(semantic=True))
    # Without the extra the message names the extra; with it, the backfill command.
    expected = "pip install" if missing() else "unspun embed"
    assert expected in str(err.value) and "\n" not in str(err.value)
    # The same through the CLI: a usage error (exit 2), one line, no traceback.
    copy = ROOT / "demo" / "corpus" / "demo-000001" / "copy-1-paraphrase.html"
    run = subprocess.run([sys.executable, "-m", "unspun", "trace", str(copy), "--library",
                          str(path), "--semantic"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert expected in run.stderr and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    # Without --semantic the same library still traces.
    with Library.open(path, readonly=True) as lib:
        assert retrieve(lib, copies[0][1], RetrieveOptions()) is not None


@needs_semantic
def test_embedding_is_deterministic_normalised_and_shaped() -> None:
    texts = ["Flood waters forced 720 households from their homes in Quenminster.",
             "The council approved a 5% tax rise on Tuesday."]
    a = embed_texts(texts)
    b = embed_texts(list(reversed(texts)))[::-1]
    assert a.shape == (2, DIM) and a.dtype == np.float32
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-4)
    assert np.allclose(a, b, atol=1e-5)  # same text, same vector, whatever the batch order
    assert embed_texts([]).shape == (0, DIM)
    # Related sentences are nearer than unrelated ones.
    c = embed_texts(["Hundreds of homes in Quenminster were evacuated after the river flooded."])
    assert float(a[0] @ c[0]) > float(a[1] @ c[0])


@needs_semantic
def test_vectors_stored_with_articles_under_the_model_tag(semantic_lib: Any) -> None:
    path, arts, _ = semantic_lib
    with Library.open(path, readonly=True) as lib:
        assert vec.count(lib.conn) == len(lib) == len({a.id for a in arts})
        assert vec.stored_tag(lib.conn) == model_tag()
        blob = lib.conn.execute("SELECT vec FROM vectors LIMIT 1").fetchone()[0]
        assert len(blob) == DIM * 2  # float16


@needs_semantic
def test_paraphrased_copy_finds_its_original_with_semantic_on(semantic_lib: Any) -> None:
    path, _, copies = semantic_lib
    rewritten = [(r, q, o) for r, q, o in copies if r in ("paraphrase", "summary", "translated")]
    assert rewritten
    with Library.open(path, readonly=True) as lib:
        for recipe, query, orig in rewritten:
            # The vector signal alone puts the original among the nearest few articles ...
            near = [d for d, _ in semantic_candidates(lib, query, 3)]
            docs = lib.articles_by_doc(near)
            assert orig in [docs[d].id for d in near], recipe
            # ... and fused, the original is the first candidate, its cosine recorded.
            cands = retrieve(lib, query, RetrieveOptions(top=5, semantic=True))
            assert cands and cands[0].article.id == orig, recipe
            assert cands[0].signals["semantic_cos"] > 0.5


@needs_semantic
def test_remove_keeps_vectors_consistent_and_mixing_is_refused(semantic_lib: Any,
                                                               tmp_path: Path) -> None:
    path, arts, _ = semantic_lib
    copy = tmp_path / "lib.db"
    with Library.open(path, readonly=True) as src, Library.open(copy) as dst:
        src.conn.backup(dst.conn)
    with Library.open(copy) as lib:
        site = next(a.site for a in arts if a.site)
        removed = lib.remove(sites=[site])
        assert removed > 0
        assert vec.count(lib.conn) == len(lib)
        assert lib.check() == []
        # Vectors of another pooling (another tag) are not mixed in.
        other = ArticleVectors(pooling="mean2")
        fresh = [a for a in arts if a.site == site][:1]
        with pytest.raises(UnspunError, match="cannot be mixed"):
            lib.add_articles(fresh, vectors=other)
        assert vec.count(lib.conn) == len(lib)


@needs_semantic
def test_embed_backfills_a_library_built_without_vectors(tmp_path: Path) -> None:
    arts, copies = _demo()
    with Library.open(tmp_path / "lib.db") as lib:
        lib.add(iter(arts))
        assert vec.count(lib.conn) == 0
        done, had = embed_library(lib, batch_size=7)
        assert (done, had) == (len(lib), 0)
        assert embed_library(lib) == (0, len(lib))  # idempotent
        assert lib.check() == []
        _, query, orig = next(c for c in copies if c[0] == "paraphrase")
        cands = retrieve(lib, query, RetrieveOptions(top=3, semantic=True))
        assert cands[0].article.id == orig
