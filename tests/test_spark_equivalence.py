"""The Spark engine in local mode gives the local engine's stories, originals and edges.

Both engines read the same articles in the same order: the local one from a library built
with `Library.add`, the Spark one from a JSONL file of the same records. Tables are
compared row by row (Parquet read back, rows in the contract's order). There are no
allowed differences: below its bounds (`max_bucket`, `max_df`, never reached on these
corpora, as the run's stats confirm) the Spark engine computes exactly what the local one
computes.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pyspark = pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("no Java on this machine", allow_module_level=True)

import pyarrow.parquet as pq  # type: ignore[import-untyped]  # noqa: E402

from unspun.engines.spark import SparkStoriesOptions, run_stories  # noqa: E402
from unspun.engines.spark_read import spark_session  # noqa: E402
from unspun.errors import UsageError  # noqa: E402
from unspun.eval.stories import cluster_articles  # noqa: E402
from unspun.library import Library  # noqa: E402
from unspun.published import day_of  # noqa: E402
from unspun.stories import StoriesOptions, StoriesResult, build_stories  # noqa: E402
from unspun.stories.write import SCHEMAS, utc_timestamp, write_tables  # noqa: E402

pytestmark = pytest.mark.spark

DEMO = Path(__file__).resolve().parents[1] / "demo" / "clusters.jsonl"
TABLES = ("members", "stories", "edges", "sites")


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    s = spark_session("local[2]", app="unspun-test", conf={
        "spark.sql.shuffle.partitions": "4", "spark.default.parallelism": "2",
        "spark.ui.enabled": "false", "spark.driver.memory": "1g"})
    yield s
    s.stop()


def articles_jsonl(clusters: Path, out: Path) -> Path:
    """The clusters' articles as JSONL records, in `cluster_articles` order."""
    with out.open("w", encoding="utf-8") as f:
        for line in clusters.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            c = json.loads(line)
            for r in (c["original"], *c.get("copies", []), *c.get("distractors", [])):
                f.write(json.dumps({"id": r.get("id"), "url": r.get("url"),
                                    "site": r.get("site"), "title": r.get("title"),
                                    "text": r["text"], "published": r.get("date")}) + "\n")
    return out


def with_source_ids(clusters: Path, out: Path) -> Path:
    """The cluster file with the records' own ids, as a caller's records have them: most a
    string `id`, some an integer one, some none; the first cluster's original also comes
    again, under another id, as its last distractor (both engines keep the first's)."""
    lines = []
    k = 0
    for line in clusters.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        c = json.loads(line)
        for r in (c["original"], *c.get("copies", []), *c.get("distractors", [])):
            k += 1
            r["id"] = None if k % 5 == 0 else 7000 + k if k % 5 == 1 else f"rec-{k}"
        if not lines:
            c["distractors"] = [*c.get("distractors", []), {**c["original"], "id": "again"}]
        lines.append(json.dumps(c))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def local_run(clusters: Path, work: Path, window_days: int | None = None) -> StoriesResult:
    (work / "lib.db").unlink(missing_ok=True)
    with Library.open(work / "lib.db") as lib:
        lib.add(cluster_articles(clusters, []))
        res = build_stories(lib, StoriesOptions(workers=1, persist=False,
                                                window_days=window_days))
    write_tables(res, work / "local")
    return res


def read(out: Path, name: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = pq.read_table(out / f"{name}.parquet").to_pylist()
    return rows


def read_json(out: Path, name: str) -> list[dict[str, Any]]:
    """A table's JSON rows: the local engine's one array, or Spark's folder of JSON Lines
    part files (rows in order across the parts)."""
    p = out / f"{name}.json"
    if p.is_file():
        rows: list[dict[str, Any]] = json.loads(p.read_text(encoding="utf-8"))
        return rows
    assert (p / "_SUCCESS").exists(), p
    return [json.loads(line) for part in sorted(p.glob("part-*")) for line in
            part.read_text(encoding="utf-8").splitlines() if line.strip()]


def compare(spark: Any, clusters: Path, work: Path, folder: Path | None = None,
            opts: SparkStoriesOptions = SparkStoriesOptions()
            ) -> tuple[StoriesResult, dict[str, Any]]:
    clusters = with_source_ids(clusters, work / "clusters-with-ids.jsonl")
    res = local_run(clusters, work, opts.stories.window_days)
    stats = run_stories(spark, str(articles_jsonl(clusters, work / "articles.jsonl")),
                        str(work / "spark"), opts, None if folder is None else str(folder))
    assert stats["lsh_buckets_capped"] == 0 and stats["query_terms_over_max_df"] == 0
    # The records' own ids are compared as values, not only as nulls.
    given = {m.source_id for m in res.members}
    assert None in given and len(given) > 2
    assert "again" not in given
    for name in TABLES:
        local, dist = read(work / "local", name), read(work / "spark", name)
        assert pq.read_schema(work / "local" / f"{name}.parquet").names == \
            pq.read_table(work / "spark" / f"{name}.parquet").schema.names
        assert len(local) == len(dist), name
        for a, b in zip(local, dist, strict=True):  # both already in the contract's order
            assert a == b, (name, a, b)
        # The contract's types, not only its names (Spark's lists name their items
        # `element`, pyarrow's `item`: the same type otherwise).
        types = [str(f.type).replace("<item: ", "<element: ") for f in SCHEMAS[name]]
        assert [str(f.type).replace("<item: ", "<element: ") for f in
                pq.read_table(work / "spark" / f"{name}.parquet").schema] == types, name
        assert read_json(work / "local", name) == read_json(work / "spark", name), name
    return res, stats


def test_local_mode_binds_to_loopback(spark: Any) -> None:
    assert spark.sparkContext.getConf().get("spark.driver.host") in ("localhost", "127.0.0.1")


def test_demo_corpus_same_as_local_engine(spark: Any, tmp_path: Path) -> None:
    res, stats = compare(spark, DEMO, tmp_path)
    assert stats["candidate_pairs"] == stats["verified_pairs"] + stats["prechecked_out"]
    assert stats["verified_pairs"] > 0
    multi = [s for s in res.stories if s.size > 1]
    assert multi and any(s.copies for s in multi)
    assert (tmp_path / "spark" / "index.html").exists()


#: Site strings as JSONL files give them: free text with the separators packed columns
#: used (", ", ":", " | "), brackets, quotes, JSON-path and markup characters.
HOSTILE_SITES = ("example.com (stand-in: BBC News]', 'Reuters: 2')", "a:1, b:2 | c:3",
                 'say "hi", {x: 1}', "$.site[0]: <b>", "tab\tand\nnewline: 7")


def test_any_site_string_passes_through_both_engines(spark: Any, tmp_path: Path) -> None:
    lines = []
    for i, line in enumerate(DEMO.read_text(encoding="utf-8").splitlines()):
        c = json.loads(line)
        c["original"]["site"] = HOSTILE_SITES[i % len(HOSTILE_SITES)]
        for k, r in enumerate(c.get("copies", [])):
            r["site"] = HOSTILE_SITES[(i + k + 1) % len(HOSTILE_SITES)]
        lines.append(json.dumps(c))
    clusters = tmp_path / "hostile.jsonl"
    clusters.write_text("\n".join(lines) + "\n", encoding="utf-8")
    compare(spark, clusters, tmp_path)
    sites = read(tmp_path / "spark", "sites")
    assert set(HOSTILE_SITES) <= {r["site"] for r in sites}
    assert set(HOSTILE_SITES) & {c["site"] for r in sites for c in r["copied_from"]}
    sites_page = (tmp_path / "spark" / "sites.html").read_text(encoding="utf-8")
    assert "example.com (stand-in: BBC News]&#x27;, &#x27;Reuters: 2&#x27;)" in sites_page


def test_published_dates_and_datetimes_stored_as_the_local_writer_stores_them(
        spark: Any, tmp_path: Path) -> None:
    from unspun.engines.spark_output import parquet_typed

    given = ["2022-09-26", "2022-09-26T13:26:00Z", "2022-09-26T15:26:00+02:00",
             "2022-09-26T13:26:00.250000", None]
    df = spark.createDataFrame([(i, g) for i, g in enumerate(given)],
                               "k long, published string")
    parquet_typed(df, {"published"}).orderBy("k").write.parquet(str(tmp_path / "p"))
    got = [r["published"] for r in pq.read_table(tmp_path / "p").to_pylist()]
    assert got == [utc_timestamp(g) for g in given]


def test_generated_benchmark_same_as_local_engine(spark: Any, tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "unspun", "bench", "make", "--clusters", "30",
                    "--seed", "7", "--out", str(tmp_path / "bench")], check=True,
                   capture_output=True)
    # Components of more than 3 candidate pairs are cut into units (as a giant component is
    # at scale): the same tables all the same.
    res, stats = compare(spark, tmp_path / "bench" / "clusters.jsonl", tmp_path,
                         opts=SparkStoriesOptions(group_pairs=3))
    assert sum(1 for m in res.members if m.role == "copy") >= 30
    assert stats["components_cut"] >= 5


def test_a_window_gives_the_same_tables_as_the_local_engine(spark: Any, tmp_path: Path
                                                           ) -> None:
    subprocess.run([sys.executable, "-m", "unspun", "bench", "make", "--clusters", "30",
                    "--seed", "7", "--out", str(tmp_path / "bench")], check=True,
                   capture_output=True)
    res, _stats = compare(spark, tmp_path / "bench" / "clusters.jsonl", tmp_path,
                         opts=SparkStoriesOptions(stories=StoriesOptions(window_days=1)))
    day = {m.article_id: m.published for m in res.members}
    assert res.edges
    near = 0
    for e in res.edges:
        a, b = day[e.parent], day[e.child]
        if a is not None and b is not None:
            assert abs((day_of(a) - day_of(b)).days) <= 1
            near += 1
    assert near  # dated pairs were linked, inside the window


def test_a_stopped_run_goes_on_from_its_work_folder(spark: Any, tmp_path: Path) -> None:
    folder = tmp_path / "work"
    _, first = compare(spark, DEMO, tmp_path, folder)
    assert first["reused_stages"] == []
    for stage, kind in (("search", "slice"), ("verified", "units")):
        assert sorted(s.name for s in (folder / stage).iterdir()) == \
            [f"{kind}-{k:03d}-of-008.parquet" for k in range(8)]

    def stop_in(stage: str) -> list[str]:
        """Leave `stage` as a stopped run does: two slices done, one half-written, the rest
        not begun, nothing after it; the names of the two done."""
        slices = sorted((folder / stage).iterdir())
        (slices[2] / "_SUCCESS").unlink()
        for s in slices[3:]:
            shutil.rmtree(s)
        shutil.rmtree(tmp_path / "spark")
        return [s.relative_to(folder).as_posix() for s in slices[:2]]

    for stage, before in (("search", ["articles.parquet", "fingerprints.parquet"]),
                          ("verified", ["articles.parquet", "pairs.parquet",
                                        "groups.parquet"])):
        done = stop_in(stage)
        if stage == "search":
            for later in ("pairs.parquet", "groups.parquet", "verified"):
                shutil.rmtree(folder / later)
        _, again = compare(spark, DEMO, tmp_path, folder)  # the same tables as the local engine
        assert again["reused_stages"] == before + done, stage
        assert (again["candidate_pairs"], again["verified_pairs"], again["articles"]) == \
            (first["candidate_pairs"], first["verified_pairs"], first["articles"])
    # A run stopped while saving its stats: the half-written save is passed over; with no
    # stats left at all (a folder kept by older code), the articles are counted again.
    (folder / "stats" / "999999.json").mkdir()
    shutil.rmtree(tmp_path / "spark")
    _, again = compare(spark, DEMO, tmp_path, folder)
    assert again["candidate_group_rounds"] == first["candidate_group_rounds"]
    assert sorted(p.name for p in (folder / "stats").iterdir())[-1] == "999999.json"
    shutil.rmtree(folder / "stats")
    again = run_stories(spark, str(tmp_path / "articles.jsonl"), str(tmp_path / "lost"),
                        SparkStoriesOptions(), str(folder))
    assert again["articles"] == first["articles"] and "candidate_group_rounds" not in again
    assert read(tmp_path / "lost", "stories") == read(tmp_path / "spark", "stories")
    # A folder another run made is refused, not mixed in.
    other = tmp_path / "other.jsonl"
    other.write_text("".join((tmp_path / "articles.jsonl").read_text().splitlines(True)[:5]))
    with pytest.raises(UsageError, match="another run's stages"):
        run_stories(spark, str(other), str(tmp_path / "x"), SparkStoriesOptions(), str(folder))
