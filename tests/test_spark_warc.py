"""WARC input for the Spark engine: files read in parallel by `unspun add`'s own WARC reader,
numbered as `unspun add` numbers them, so the Spark engine's stories over WARC files equal
the local engine's over a library built from the same files.

The WARC files are written here from the demo corpus's invented pages (`demo_clusters`,
rendered by the corpus's own `page`), two files in a folder, one gzipped in the folder
itself and one plain in a sub-folder: `unspun add` reads a folder's files before its
sub-folders, which is not the sorted order of the full paths, so the test also shows the
file order is the local engine's.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from unspun.corpus.demo import demo_clusters
from unspun.corpus.doc import Doc
from unspun.corpus.html import page
from unspun.engines.spark_warc import DOC_BITS, warc_inputs, warc_rows
from unspun.errors import InputError, UsageError
from unspun.ingest import iter_articles
from unspun.library import Library
from unspun.model import Article
from unspun.options import ReadOptions
from warc_fixtures import Response, cut_inside, write_warc

NO_LEARN = ReadOptions(learn_furniture=False)
TABLES = ("members", "stories", "edges", "sites")


def crawl_warc(path: Path, docs: list[Doc]) -> None:
    """A crawl of these pages: request + response records, plus one image response."""
    records = []
    for i, d in enumerate(docs):
        records.append(Response(d.url, page(d).encode()))
        if i == 1:  # not an article: skipped by the reader, as `unspun add` skips it
            records.append(Response(d.url + ".png", b"\x89PNG" + bytes(64),
                                    content_type="image/png", request=False))
    write_warc(path, records)


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """crawl/z.warc.gz (the first half of the demo clusters), crawl/more/b.warc (the rest)."""
    root = tmp_path_factory.mktemp("warcs") / "crawl"
    clusters = demo_clusters()
    half = len(clusters) // 2
    crawl_warc(root / "z.warc.gz", [d for c in clusters[:half] for d in c.articles()])
    crawl_warc(root / "more" / "b.warc", [d for c in clusters[half:] for d in c.articles()])
    return root


def local_items(path: Path) -> list[Article | InputError]:
    return list(iter_articles([str(path)], NO_LEARN))


def spark_rows(files: list[str]) -> pd.DataFrame:
    """What the Spark tasks compute for these files, without Spark (one call per file)."""
    frames = [f for i, p in enumerate(files)
              for f in warc_rows(pd.DataFrame({"rank": [i], "path": [p]}), NO_LEARN)]
    return pd.concat(frames, ignore_index=True)


# ---- without Spark: which files, in which order, and the rows of one file -------------------

def test_files_in_unspun_add_order(crawl: Path, tmp_path: Path) -> None:
    files = warc_inputs(str(crawl))
    assert files == [str(crawl / "z.warc.gz"), str(crawl / "more" / "b.warc")]
    assert warc_inputs(str(crawl / "z.warc.gz")) == [str(crawl / "z.warc.gz")]
    assert warc_inputs(f"file://{crawl}/*/*.warc") == [str(crawl / "more" / "b.warc")]
    jl = tmp_path / "jl"
    jl.mkdir()
    (jl / "a.jsonl").write_text('{"text": "x"}\n', encoding="utf-8")
    assert warc_inputs(str(jl)) is None and warc_inputs(str(jl / "a.jsonl")) is None


def test_mixed_folder_is_refused_in_one_line(crawl: Path, tmp_path: Path) -> None:
    mixed = tmp_path / "mixed"
    shutil.copytree(crawl, mixed)
    (mixed / "more" / "extra.jsonl").write_text('{"text": "x"}\n', encoding="utf-8")
    with pytest.raises(UsageError, match="holds WARC files and other article files"):
        warc_inputs(str(mixed))
    res = subprocess.run([sys.executable, "-m", "unspun", "stories", "--engine", "spark",
                          "--input", str(mixed), "--out", str(tmp_path / "out")],
                         capture_output=True, text=True, check=False)
    assert res.returncode == 2 and not (tmp_path / "out").exists()
    assert res.stderr.strip().splitlines() == [
        f"error: {mixed}: holds WARC files and other article files ({mixed}/more/extra.jsonl);"
        " give the Spark engine one kind of input per run"]


def test_rows_are_the_local_readers_articles_in_order(crawl: Path) -> None:
    files = warc_inputs(str(crawl))
    assert files is not None
    rows = spark_rows(files)
    assert rows["error"].isna().all()
    local = [a for a in local_items(crawl) if isinstance(a, Article)]
    assert len(local) == len(rows) == sum(len(c.articles()) for c in demo_clusters())
    assert list(rows["doc"]) == sorted(rows["doc"])
    assert rows["doc"].iloc[-1] >> DOC_BITS == 1  # the second file's rank
    for a, r in zip(local, rows.itertuples(index=False), strict=True):
        assert (a.id, a.url, a.title, a.text) == (r.id, r.url, r.title, r.text)


def test_truncated_and_fake_archives_give_error_lines(crawl: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    shutil.copy(crawl / "z.warc.gz", bad / "a.warc.gz")
    data = (crawl / "z.warc.gz").read_bytes()
    (bad / "b.warc.gz").write_bytes(cut_inside(data, 1 / 2))
    (bad / "c.warc").write_bytes(b"not an archive\n" * 20)
    files = warc_inputs(str(bad))
    assert files is not None and len(files) == 3
    rows = spark_rows(files)
    errors = list(rows.loc[rows["error"].notna(), "error"])
    local = local_items(bad)
    assert errors == [str(e) for e in local if isinstance(e, InputError)]
    assert len(errors) == 2
    assert "b.warc.gz: archive is truncated after" in errors[0]
    assert "c.warc: not a WARC file" in errors[1]
    good = rows[rows["error"].isna()]
    assert list(good["id"]) == [a.id for a in local if isinstance(a, Article)]
    assert 20 < len(good) < 40  # all of a.warc.gz, part of b.warc.gz


def test_urls_are_listed_and_read_with_fsspec(crawl: Path) -> None:
    """A URL goes through fsspec (here its in-memory filesystem, the one store a test can
    hold): listed in the same order as a local folder, read into the same rows."""
    fsspec = pytest.importorskip("fsspec")
    mem = fsspec.filesystem("memory")
    for f in (crawl / "z.warc.gz", crawl / "more" / "b.warc"):
        mem.pipe(f"/warctest/{f.relative_to(crawl)}", f.read_bytes())
    mem.pipe("/warctest/.hidden.warc", b"not read")
    try:
        urls = warc_inputs("memory://warctest")
        assert urls == ["memory:///warctest/z.warc.gz", "memory:///warctest/more/b.warc"]
        local = warc_inputs(str(crawl))
        assert local is not None
        got, want = spark_rows(urls), spark_rows(local)
        assert list(got["id"]) == list(want["id"]) and list(got["doc"]) == list(want["doc"])
    finally:
        mem.rm("/warctest", recursive=True)
    # A URL fsspec cannot list: refused if it names WARC files, else left to Spark's reader.
    with pytest.raises(UsageError, match="cannot be listed with fsspec"):
        warc_inputs("nosuchfs://bucket/crawl/*.warc.gz")
    assert warc_inputs("nosuchfs://bucket/articles/") is None


# ---- with Spark (local mode) ----------------------------------------------------------------

@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("no Java on this machine")
    from unspun.engines.spark_read import spark_session

    s = spark_session("local[2]", app="unspun-test-warc", conf={
        "spark.sql.shuffle.partitions": "4", "spark.default.parallelism": "2",
        "spark.ui.enabled": "false", "spark.driver.memory": "1g"})
    yield s
    s.stop()


@pytest.mark.spark
def test_spark_on_warcs_same_as_local_engine(spark: Any, crawl: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    from unspun.engines.spark import run_stories
    from unspun.stories import StoriesOptions, build_stories
    from unspun.stories.write import write_tables

    with Library.open(tmp_path / "lib.db") as lib:
        summary = lib.add(iter_articles([str(crawl)], NO_LEARN))
        res = build_stories(lib, StoriesOptions(workers=1, persist=False))
    write_tables(res, tmp_path / "local")
    assert summary.failed == 0 and summary.added == 40
    stats = run_stories(spark, str(crawl), str(tmp_path / "spark"))
    assert stats["articles"] == 40 and stats["input_errors"] == 0
    for name in TABLES:
        local = pq.read_table(tmp_path / "local" / f"{name}.parquet").to_pylist()
        dist = pq.read_table(tmp_path / "spark" / f"{name}.parquet").to_pylist()
        assert local == dist, name
    assert any(s.size > 1 and s.copies for s in res.stories)


@pytest.mark.spark
def test_spark_truncated_warc_keeps_the_good_records(spark: Any, crawl: Path,
                                                     tmp_path: Path) -> None:
    from unspun.engines.spark_read import load_articles

    data = (crawl / "z.warc.gz").read_bytes()
    (tmp_path / "a.warc.gz").write_bytes(cut_inside(data, 1 / 2))
    shutil.copy(crawl / "more" / "b.warc", tmp_path / "b.warc")
    arts, first, n_err = load_articles(spark, str(tmp_path))
    assert n_err == 1 and len(first) == 1
    assert f"{tmp_path / 'a.warc.gz'}: archive is truncated after" in first[0]
    local = [a.id for a in local_items(tmp_path) if isinstance(a, Article)]
    got = [r["id"] for r in arts.orderBy("doc").select("id").collect()]
    assert got == local and 20 < len(got) < 40
