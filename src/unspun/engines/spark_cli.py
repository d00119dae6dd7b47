"""`unspun stories --engine spark`: the command-line side of the Spark engine (the stories
command calls `run_spark_cli`; under spark-submit, `python -m unspun.engines.spark_cli`)."""

from __future__ import annotations

import glob
import json
import sys
from pathlib import Path

from unspun.errors import UsageError


def run_spark_cli(input_path: str | None, out: str | None, master: str | None,
                  as_json: bool = False, work: str | None = None,
                  window_days: int | None = None) -> dict[str, object]:
    """Check the options, run the Spark engine, print a one-line summary (or the stats as
    JSON); returns the stats. `window_days`: pair only articles published at most that many
    days apart (undated ones with all). Usage errors raise UsageError (exit 2)."""
    if window_days is not None and window_days < 0:
        raise UsageError(f"--window-days {window_days}: give a number of days, 0 or more")
    if not input_path or not out:
        raise UsageError("--engine spark needs --input PATH (JSONL or Parquet of articles, or "
                         "WARC files) and --out PATH")
    if "://" not in input_path and not Path(input_path).exists() \
            and not glob.glob(input_path):
        raise UsageError(f"{input_path}: no such file or folder")
    from unspun.engines.spark_warc import warc_inputs

    warc_inputs(input_path)  # a mixed folder is refused before Spark starts
    try:
        from unspun.engines.spark import SparkStoriesOptions, run_stories
        from unspun.engines.spark_read import spark_session
        from unspun.stories.options import StoriesOptions
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise UsageError(f"the Spark engine needs the spark extra: pip install "
                         f"'unspun[spark]' ({exc})") from exc
    try:
        import pyspark  # noqa: F401
    except ImportError as exc:
        raise UsageError("the Spark engine needs pyspark: pip install 'unspun[spark]'") from exc
    spark = spark_session(master)
    spark.sparkContext.setLogLevel("ERROR")
    opts = SparkStoriesOptions(stories=StoriesOptions(window_days=window_days))
    stats = run_stories(spark, input_path, out, opts, work=work)
    if as_json:
        print(json.dumps(stats, ensure_ascii=False))
    else:
        print(f"{stats.get('articles', 0)} articles, {stats.get('candidate_pairs', 0)} "
              f"candidate pairs verified, {stats.get('stories_rows', 0)} stories, "
              f"{stats.get('input_errors', 0)} bad input records, in {stats.get('seconds')} s;"
              f" wrote {out}/{{members,stories,edges,sites}}.parquet")
        if stats.get("reused_stages"):
            print(f"read back from {work}: {', '.join(map(str, stats['reused_stages']))}")
    return stats


def main(argv: list[str] | None = None) -> int:
    """spark-submit entry: `spark-submit ... -m unspun.engines.spark_cli INPUT OUT`."""
    import argparse

    p = argparse.ArgumentParser(prog="unspun-spark-stories")
    p.add_argument("input")
    p.add_argument("out")
    p.add_argument("--master", default=None)
    p.add_argument("--json", action="store_true")
    p.add_argument("--work", default=None, help="keep each stage here; a stopped run goes on")
    p.add_argument("--window-days", type=int, default=None,
                   help="pair only articles published at most N days apart (undated: all)")
    a = p.parse_args(argv)
    try:
        run_spark_cli(a.input, a.out, a.master, a.json, a.work, a.window_days)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
