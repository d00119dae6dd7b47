"""The Spark engine's session and input: JSONL, Parquet or WARC articles read, numbered in
input order and parsed by the readers `unspun add` uses (`spark_tasks.parse_records`,
`spark_warc`); see `unspun.engines.spark` for the whole pipeline."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from unspun.errors import InputError
from unspun.options import ReadOptions

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession


def worker_python(env: Mapping[str, str]) -> str:
    """The interpreter Spark's Python workers run: `$PYSPARK_PYTHON` when set (spark-submit
    sets it from `spark.pyspark.python`), else this one, which has unspun. PySpark's own
    default is whatever `python3` PATH finds first: outside an activated virtualenv (pipx,
    an absolute path, cron) another Python, without unspun."""
    return env.get("PYSPARK_PYTHON") or sys.executable


def spark_session(master: str | None = None, app: str = "unspun-stories",
                  conf: dict[str, str] | None = None) -> SparkSession:
    """A SparkSession (`master` e.g. "local[*]", "spark://host:7077", "yarn"; None: what
    spark-submit set, else local[*]). Arrow is switched on for pandas transfers. In local
    mode Spark's ports (its UI, RPC, block manager) bind to loopback unless SPARK_LOCAL_IP
    says otherwise: Spark's own default is every interface, and nothing local needs it.
    Python workers run `worker_python`."""
    from pyspark.sql import SparkSession

    if master is None or master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # read by the JVM it launches
    # Read by PySpark when the context starts, and passed to the workers it launches.
    os.environ["PYSPARK_PYTHON"] = worker_python(os.environ)

    b = SparkSession.builder.appName(app)
    if master:
        b = b.master(master)
    settings = {"spark.sql.execution.arrow.pyspark.enabled": "true",
                "spark.sql.execution.arrow.maxRecordsPerBatch": "256",
                # Plans of this pipeline are deep; their text is only for the UI and logs.
                "spark.sql.maxPlanStringLength": "200000",
                # Timestamps as pyarrow and the local writer store them (Spark's default,
                # INT96, reads back as another type).
                "spark.sql.parquet.outputTimestampType": "TIMESTAMP_MICROS",
                **(conf or {})}
    for k, v in settings.items():
        b = b.config(k, v)
    return b.getOrCreate()


def _is_parquet(path: str) -> bool:
    p = Path(path)
    if path.endswith(".parquet"):
        return True
    return p.is_dir() and any(p.glob("*.parquet"))


def read_records(spark: SparkSession, path: str) -> DataFrame:
    """(doc, record JSON) for every input record, doc increasing in (file, position) order."""
    from pyspark.sql import functions as F

    if _is_parquet(path):
        raw = spark.read.parquet(path)
        df = raw.select(F.to_json(F.struct(*[F.col(c) for c in raw.columns])).alias("record"))
    else:
        df = spark.read.text(path).select(F.col("value").alias("record"))
    df = df.withColumn("_f", F.input_file_name()).withColumn("_m",
                                                             F.monotonically_increasing_id())
    files = sorted(r[0] for r in df.select("_f").distinct().collect())
    if len(files) >= 1 << 19:
        raise InputError(path, f"{len(files)} files: too many to number (at most 524,287)")
    rank = spark.createDataFrame([(f, i) for i, f in enumerate(files)], "_f string, _r long")
    # Within a file, Spark's splits sit in partitions of increasing id in offset order, so
    # monotonically_increasing_id (partition << 33 | row) follows the file's order.
    return (df.join(F.broadcast(rank), "_f")
            .select((F.col("_r") * F.lit(1 << 44) + F.col("_m")).alias("doc"), "record")
            .where(F.trim(F.col("record")) != ""))


def read_warcs(spark: SparkSession, files: list[str], read: ReadOptions) -> DataFrame:
    """Article rows (`_ARTICLE_SCHEMA`) of these WARC files, one Spark task per file (a
    partition holding one (rank, path) row), each streaming its file (`spark_warc`)."""
    from unspun.engines.spark_warc import DOC_BITS, warc_rows

    if len(files) >= 1 << (63 - DOC_BITS):
        raise InputError(files[0], f"{len(files)} files: too many to number")
    rdd = spark.sparkContext.parallelize(list(enumerate(files)), len(files))
    paths = spark.createDataFrame(rdd, "rank long, path string")
    return paths.mapInPandas(lambda it: (f for p in it for f in warc_rows(p, read)),
                             _ARTICLE_SCHEMA)


def _struct(cols: dict[str, str]) -> str:
    return ", ".join(f"{k} {v}" for k, v in cols.items())


_ARTICLE_SCHEMA = ("doc long, id string, url string, site string, title string, "
                   "published string, lang string, text string, blocks string, "
                   "source_id string, error string")


def load_articles(spark: SparkSession, path: str, read: ReadOptions = ReadOptions(
        learn_furniture=False)) -> tuple[DataFrame, list[str], int]:
    """Parsed articles (repeated ids dropped; materialised), up to 20 error lines, and the
    error count."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    from unspun.engines.spark_tasks import parse_records
    from unspun.engines.spark_warc import warc_inputs

    warcs = warc_inputs(path)
    if warcs is not None:
        parsed = read_warcs(spark, warcs, read).persist()
    else:
        recs = read_records(spark, path)
        parsed = recs.mapInPandas(lambda it: (parse_records(p, read) for p in it),
                                  _ARTICLE_SCHEMA).persist()
    errs = parsed.where(F.col("error").isNotNull())
    n_err = errs.count()
    first = [r[0] for r in errs.orderBy("doc").select("error").limit(20).collect()]
    w = Window.partitionBy("id").orderBy("doc")
    arts = cut(parsed.where(F.col("error").isNull()).drop("error")
                .withColumn("_k", F.row_number().over(w)).where("_k = 1").drop("_k"))
    parsed.unpersist()
    return arts, first, n_err


def cut(df: DataFrame) -> DataFrame:
    """Materialise `df` and cut its plan (each stage then plans from stored rows)."""
    return df.localCheckpoint(eager=True)

