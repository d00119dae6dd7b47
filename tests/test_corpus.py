"""The benchmark generator: determinism, labels, recorded edits, spin rate, distractors."""

from __future__ import annotations

import difflib
import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from unspun.corpus import BenchOptions, generate_clusters, write_clusters
from unspun.corpus.copies import RECIPES
from unspun.model import PARAGRAPH_SEP
from unspun.text.normalize import normalize_paragraph
from unspun.text.tokens import is_content_word, tokenize, words

KINDS = {"verbatim", "edited", "spun", "translated", "paraphrase", "summary", "syndicated"}


def lines(seed: int, clusters: int, **kw: Any) -> list[str]:
    return [
        c.to_line() for c in generate_clusters(BenchOptions(seed=seed, clusters=clusters, **kw))
    ]


@pytest.fixture(scope="module")
def big() -> list[dict[str, Any]]:
    return [json.loads(x) for x in lines(11, 60, copies_per_cluster=len(RECIPES))]


def test_same_seed_same_bytes_different_seed_differs(tmp_path: Path) -> None:
    assert lines(7, 15) == lines(7, 15)
    assert lines(7, 15) != lines(8, 15)
    for name in ("a", "b"):
        write_clusters(
            generate_clusters(BenchOptions(seed=3, clusters=8)), tmp_path / name, html=True
        )
    assert (tmp_path / "a/clusters.jsonl").read_bytes() == (
        tmp_path / "b/clusters.jsonl"
    ).read_bytes()
    pages_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.html"))
    pages_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.html"))
    assert pages_a == pages_b and pages_a
    assert all(
        (tmp_path / "a" / p).read_bytes() == (tmp_path / "b" / p).read_bytes() for p in pages_a
    )


def test_prefix_of_a_larger_run_is_the_smaller_run() -> None:
    assert lines(5, 20)[:6] == lines(5, 6)


def test_every_kind_and_recipe_is_produced_and_labelled(big: list[dict[str, Any]]) -> None:
    kinds = {c["kind"] for cl in big for c in cl["copies"]}
    recipes = {c["recipe"] for cl in big for c in cl["copies"]}
    assert kinds == KINDS
    assert recipes == set(RECIPES)
    for cl in big:
        for c in cl["copies"]:
            assert RECIPES[c["recipe"]][0] == c["kind"]


def test_kinds_filter() -> None:
    got = [json.loads(x) for x in lines(2, 10, kinds=("spun", "summary"))]
    assert {c["kind"] for cl in got for c in cl["copies"]} == {"spun", "summary"}


def test_cluster_lines_follow_the_design_format(big: list[dict[str, Any]]) -> None:
    for cl in big:
        assert isinstance(cl["cluster_id"], str) and isinstance(cl["story"], str)
        docs = [cl["original"], *cl["copies"], *cl["distractors"]]
        for d in docs:
            assert {"url", "site", "title", "text"} <= d.keys()
            assert d["text"] and d["url"].startswith("https://")
            # the text is already in unspun's normalised form, so offsets survive ingestion
            assert all(normalize_paragraph(p) == p and p for p in d["text"].split(PARAGRAPH_SEP))
        for c in cl["copies"]:
            assert c["kind"] in KINDS
            if c["date"] is not None:
                assert c["published_time"] > cl["original"]["published_time"]
        assert all(d["relation"] == "same-story" for d in cl["distractors"])
        assert len({d["url"] for d in docs}) == len(docs)


def test_recorded_edits_sit_at_their_offsets(big: list[dict[str, Any]]) -> None:
    seen: set[str] = set()
    for cl in big:
        src = cl["original"]["text"]
        for c in cl["copies"]:
            for e in c.get("edits", []) + c.get("artifacts", []):
                assert src[e["source_start"] : e["source_end"]] == e["source_text"]
                assert c["text"][e["copy_start"] : e["copy_end"]] == e["copy_text"]
                assert e["source_text"] != e["copy_text"]
                seen.add(e["type"])
            if c["recipe"] == "meaning-edit":
                assert c["edits"], "a meaning-edit copy records its edits"
    assert {"name", "number", "quote", "attribution", "negation"} <= seen
    assert {"nonsense", "garbled-name", "transliteration"} <= seen


def changed_share(source: str, copy: str) -> float:
    """Share of the source's spinnable words that the copy no longer has in sequence."""
    a = words(source)
    b = words(copy)
    spinnable = [
        i
        for i, t in enumerate(tokenize(source))
        if is_content_word(t.text) and not t.is_number and t.text[:1].islower()
    ]
    kept: set[int] = set()
    for block in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
        kept.update(range(block.a, block.a + block.size))
    return sum(1 for i in spinnable if i not in kept) / max(1, len(spinnable))


def test_spin_rate_is_roughly_as_requested(big: list[dict[str, Any]]) -> None:
    by_rate: dict[float, list[float]] = {0.1: [], 0.3: [], 0.5: []}
    for cl in big:
        for c in cl["copies"]:
            if c["kind"] == "spun":
                by_rate[c["spin_rate"]].append(changed_share(cl["original"]["text"], c["text"]))
    means = {r: sum(v) / len(v) for r, v in by_rate.items()}
    for rate, mean in means.items():
        assert abs(mean - rate) < 0.1, (rate, mean)
    assert means[0.1] < means[0.3] < means[0.5]


_QUOTE = re.compile(r"“[^”]*”|\"[^\"]*\"")


def outside_quotes_ngrams(doc: dict[str, Any], n: int = 8) -> set[tuple[str, ...]]:
    grams = set()
    for para in [doc["title"], *doc["text"].split(PARAGRAPH_SEP)]:
        for seg in _QUOTE.split(para):
            w = words(seg)
            grams.update(tuple(w[i : i + n]) for i in range(len(w) - n + 1))
    return grams


def test_same_story_renderings_share_facts_not_sentences(big: list[dict[str, Any]]) -> None:
    for cl in big:
        renderings = [cl["original"], *cl["distractors"]]
        facts = cl["facts"]
        surnames = {p["name"].split()[-1] for p in facts["people"]}
        numbers = {
            f"{int(v):,}" if isinstance(v, int) else str(v) for v in facts["numbers"].values()
        }
        for r in renderings:
            text = r["title"] + " " + r["text"]
            assert facts["town"] in text or facts["region"] in text
            assert any(s in text for s in surnames) or any(n in text for n in numbers)
        for a, b in itertools.combinations(renderings, 2):
            shared = outside_quotes_ngrams(a) & outside_quotes_ngrams(b)
            assert not shared, (cl["cluster_id"], sorted(shared)[:3])
    # the trap: outlets quote the same words
    quoted = sum(
        1
        for cl in big
        for d in cl["distractors"]
        if any(
            q["text"] in d["text"] and q["text"] in cl["original"]["text"]
            for q in cl["facts"]["quotes"]
        )
    )
    assert quoted > len(big) // 4


def test_generation_streams_and_scales(tmp_path: Path) -> None:
    gen = generate_clusters(BenchOptions(seed=1, clusters=10**9))
    assert isinstance(gen, Iterator)
    first = list(itertools.islice(gen, 3))  # a lazy stream: an eager one would never return
    assert len(first) == 3
    stats = write_clusters(generate_clusters(BenchOptions(seed=4, clusters=270)), tmp_path)
    assert stats.articles >= 2000
    with open(tmp_path / "clusters.jsonl", encoding="utf-8") as f:
        assert sum(1 for _ in f) == 270


def test_from_corpus_derives_copies_from_real_text(tmp_path: Path) -> None:
    corpus = tmp_path / "mini" / "articles.jsonl"
    corpus.parent.mkdir()
    records = []
    for i in range(6):
        body = "\n\n".join(
            f"Paragraph {k} of story {i}: the harbour board in Quenmouth said on Monday that "
            f"{100 + 17 * i + k} moorings would be repaired before winter, officials said."
            for k in range(5)
        )
        records.append({"title": f"Harbour story {i}", "body": body, "category": "local"})
    corpus.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    got = [
        json.loads(c.to_line())
        for c in generate_clusters(BenchOptions(seed=1, clusters=5, source=str(corpus)))
    ]
    assert len(got) == 5
    assert all(cl["source"] == "corpus" for cl in got)
    assert got[0]["distractors"] == []
    assert all(d["relation"] == "unrelated" for cl in got[1:] for d in cl["distractors"])
    assert any(cl["distractors"] for cl in got[1:])
    for cl in got:
        assert cl["original"]["title"].startswith("Harbour story")
        for c in cl["copies"]:
            for e in c.get("edits", []) + c.get("artifacts", []):
                assert (
                    cl["original"]["text"][e["source_start"] : e["source_end"]] == e["source_text"]
                )
                assert c["text"][e["copy_start"] : e["copy_end"]] == e["copy_text"]


def test_output_does_not_depend_on_hash_randomisation() -> None:
    import subprocess
    import sys

    code = (
        "from unspun.corpus import BenchOptions, generate_clusters\n"
        "for c in generate_clusters(BenchOptions(seed=2, clusters=12, copies_per_cluster=12)):\n"
        "    print(c.to_line())\n"
    )
    outs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outs) == 1
