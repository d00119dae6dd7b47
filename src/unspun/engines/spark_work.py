"""The Spark engine's work folder (`--work DIR`): each stage's output is kept, so a run that
stops (the driver killed, the cluster taken back, a time limit) goes on where it stopped
instead of starting over. Spark recovers lost tasks within a run, not a lost run; as
datatrove's executors skip the ranks that completed, the engine skips the stages, and the
search and verification slices, whose output is complete.

Layout under DIR (local path or any URL Spark writes to):

    meta.json/                 what run this is: the input and the engine's scheme
    stats/NNNNNN.json/         the stats of the stages done so far (the last complete save)
    articles.parquet/          parsed articles, doc numbers included
    fingerprints.parquet/      each article's band keys, profile terms, query tokens
    search/slice-K-of-N.parquet/     kept pairs (lo, hi) of the query articles whose doc % N == K
    pairs.parquet/             candidate pairs (lo, hi): the search slices' union
    groups.parquet/            (doc, label): the candidate graph's components
    verified/units-K-of-N.parquet/   results of the pairs whose work unit % N == K (a unit is
                               a component, or a chunk of a giant one: `spark.work_units`)

A folder is complete when it holds Spark's `_SUCCESS` marker, written when the job that
wrote it committed; an incomplete one is written again. A folder made by another run
(other input, options, fingerprints, verification code or article columns) is refused, not
mixed in.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from unspun.errors import UsageError

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession


def run_scheme(input_path: str, parts: dict[str, Any]) -> str:
    """The identity of a run: its input and everything that decides its output."""
    return json.dumps({"input": input_path, **{k: str(v) for k, v in parts.items()}},
                      sort_keys=True)


@dataclass(slots=True)
class WorkFolder:
    """Stage outputs of one run under `root`; `reused` names the stages read back."""

    spark: SparkSession
    root: str
    scheme: str
    reused: list[str] = field(default_factory=list)

    def path(self, name: str) -> str:
        return f"{self.root.rstrip('/')}/{name}"

    def _fs(self, name: str) -> tuple[Any, Any]:
        """Hadoop's FileSystem and Path of `name`: any scheme Spark reads."""
        sc: Any = self.spark.sparkContext
        path = sc._jvm.org.apache.hadoop.fs.Path(self.path(name))
        return path.getFileSystem(sc._jsc.hadoopConfiguration()), path

    def complete(self, name: str) -> bool:
        """True when `name` was written by a job that committed (`_SUCCESS` is there)."""
        fs, marker = self._fs(name + "/_SUCCESS")
        return bool(fs.exists(marker))

    def claim(self) -> None:
        """Make the folder this run's, or refuse one that another run made."""
        if self.complete("meta.json"):
            got = self.spark.read.json(self.path("meta.json")).first()
            if got is None or got["scheme"] != self.scheme:
                raise UsageError(
                    f"{self.root}: the work folder holds another run's stages (other input, "
                    f"options or code); give another --work folder or remove it")
            return
        (self.spark.createDataFrame([(self.scheme,)], "scheme string").coalesce(1)
         .write.mode("overwrite").json(self.path("meta.json")))

    def stage(self, name: str, make: Callable[[], DataFrame]) -> DataFrame:
        """The stage's rows: read back when complete, else made by `make` and written."""
        if self.complete(name):
            self.reused.append(name)
            return self.spark.read.parquet(self.path(name))
        made = make()
        made.write.mode("overwrite").parquet(self.path(name))
        return self.spark.read.schema(made.schema).parquet(self.path(name))

    def _stats_versions(self) -> list[str]:
        """The complete saves of the stats, oldest first (`stats/NNNNNN.json`)."""
        fs, path = self._fs("stats")
        if not fs.exists(path):
            return []
        names = sorted(str(st.getPath().getName()) for st in fs.listStatus(path))
        return [f"stats/{n}" for n in names
                if n.endswith(".json") and self.complete(f"stats/{n}")]

    def load_stats(self) -> dict[str, Any]:
        """The stats of the last save that completed ({} if none)."""
        saved = self._stats_versions()
        if not saved:
            return {}
        row = self.spark.read.json(self.path(saved[-1])).first()
        return {} if row is None else dict(json.loads(row["stats"]))

    def save_stats(self, stats: dict[str, Any]) -> None:
        """A new save beside the last complete one, which is dropped only after: a run
        stopped while saving keeps the stats it had (an overwrite would lose them all)."""
        saved = self._stats_versions()
        seq = int(saved[-1][len("stats/"):-len(".json")]) + 1 if saved else 0
        (self.spark.createDataFrame([(json.dumps(stats, default=str),)], "stats string")
         .coalesce(1).write.mode("overwrite").json(self.path(f"stats/{seq:06d}.json")))
        for old in saved:
            fs, path = self._fs(old)
            fs.delete(path, True)
