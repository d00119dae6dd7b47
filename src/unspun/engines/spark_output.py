"""The Spark engine's output tables: site profiles from the members rows, and JSON rows
typed into the contract's columns (`unspun.stories.write.SCHEMAS`) in the contract's order:
`typed` gives the JSON form (the local engine's `.json` rows), `parquet_typed` turns its ISO
date strings into the UTC timestamps Parquet holds."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pyspark.sql import DataFrame


def site_table(rows: DataFrame) -> DataFrame:
    """Site profile rows (JSON) from the members rows (with their `_root`, `_link_*`)."""
    from pyspark.sql import functions as F

    from unspun.engines.spark_tasks import site_rows
    from unspun.stories.sites import NO_SITE

    def g(c: str) -> Any:
        return F.get_json_object("row", f"$.{c}")

    m = rows.where(F.col("table") == "members").select(
        "row", g("article_id").alias("id"),
        F.coalesce(g("site"), F.lit(NO_SITE)).alias("key"), g("role").alias("role"),
        g("copied_from_id").alias("src"), g("_root").alias("root")).persist()
    copies = m.where(F.col("role") == "copy")
    ref = m.select(F.col("id").alias("rid"), F.col("row").alias("rrow"),
                   F.col("key").alias("rkey"))
    ctx = (m.select("key", "row")
           .union(copies.join(ref, copies.src == ref.rid).select("key", F.col("rrow")))
           .union(copies.join(ref, copies.root == ref.rid).select("key", F.col("rrow")))
           .union(copies.join(ref, (copies.src == ref.rid) & (copies.key != ref.rkey))
                  .select(F.col("rkey"), "row")))

    def fn(key: Any, pdf: Any) -> Any:
        import pandas as pd

        return pd.DataFrame({"row": [json.dumps(site_rows(key[0], list(pdf["row"])))]})

    return ctx.groupBy("key").applyInPandas(fn, "row string")


_ORDER = {"members": ["story_id", "generation", "article_id"],
          "stories": ["-size", "story_id"],
          "edges": ["story_id", "relation", "parent", "child"],
          "sites": ["-farm_score", "-copies", "site"]}


def _spark_type(t: Any, json_form: bool = False) -> str:
    """Spark's DDL type of an Arrow type of the contract; with `json_form`, timestamps are
    the ISO strings of the JSON rows."""
    import pyarrow as pa  # type: ignore[import-untyped]

    if pa.types.is_list(t):
        return f"array<{_spark_type(t.value_type, json_form)}>"
    if pa.types.is_struct(t):
        fields = (t.field(i) for i in range(t.num_fields))
        return f"struct<{', '.join(f'`{f.name}`: {_spark_type(f.type)}' for f in fields)}>"
    if pa.types.is_timestamp(t):
        return "string" if json_form else "timestamp"
    return {"string": "string", "double": "double", "int64": "long", "bool": "boolean"}[str(t)]


def typed(rows: DataFrame, name: str) -> DataFrame:
    """JSON rows -> the contract's columns in the contract's order, in their JSON form
    (dates as the ISO strings the rows hold): what the `.json` tables hold."""
    from pyspark.sql import functions as F

    from unspun.stories.write import SCHEMAS

    schema = SCHEMAS[name]
    ddl = ", ".join(f"`{f.name}` {_spark_type(f.type, json_form=True)}" for f in schema)
    df = rows.select(F.from_json("row", ddl).alias("r")).select("r.*")
    order = [F.col(c[1:]).desc() if c.startswith("-") else F.col(c) for c in _ORDER[name]]
    return df.orderBy(*order).select(*[f.name for f in schema])


def parquet_typed(df: DataFrame, columns: set[str] | list[str]) -> DataFrame:
    """`df` with its ISO-8601 date or datetime strings in `columns` as UTC timestamps,
    exactly as `unspun.stories.write.utc_timestamp` makes them: a date is its midnight UTC,
    a datetime without an offset is UTC. (The offset is made explicit here, so Spark's
    session time zone plays no part.)"""
    from pyspark.sql import functions as F

    def moment(c: str) -> Any:
        v = F.col(c)
        iso = (F.when(F.length(v) == 10, F.concat(v, F.lit("T00:00:00Z")))
               .when(v.rlike(r"(Z|[+-][0-9]{2}:?[0-9]{2})$"), v)
               .otherwise(F.concat(v, F.lit("Z"))))
        return F.when(v.isNull() | (v == ""), F.lit(None)).otherwise(
            iso.cast("timestamp")).alias(c)

    return df.select(*[moment(c) if c in columns else F.col(c) for c in df.columns])
