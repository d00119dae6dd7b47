"""The Spark engine: stories over corpora no single machine holds (`unspun stories --engine
spark`). Spark only moves data; every decision is made by the pure functions the local
engine calls, run on Arrow batches in Spark's Python workers (`spark_tasks`).

The steps, each a DataFrame stage (no SQLite anywhere, no JVM package beyond Spark):

1. Read articles (JSONL or Parquet records) and number them in input order (file, then
   position: `unspun add` numbers them the same way), parse with `article_from_record`,
   drop repeated ids (the first stays, as in a library). WARC files are read in parallel,
   one task per file, by `unspun add`'s own WARC reader (`spark_warc`), numbered the same way.
2. Fingerprints (`fingerprints`): MinHash LSH band keys and distinctive terms.
3. Candidate search, as `retrieve` does it against a library: band keys become join keys
   (articles ranked by shared bands, then doc), distinctive terms an inverted index ranked
   by FTS5's bm25; reciprocal-rank fusion; the pool re-scored by containment and term
   overlap; each article keeps its best `per_article` partners scoring >= `min_score`.
   Bounds against quadratic blow-up: in a band bucket of more than `max_bucket` articles
   each article meets only the first `max_bucket` (by doc). A term in more articles than
   `term_cap` allows (5% of the corpus, at most `RetrieveOptions.max_df`) is not used to
   find partners, exactly as in the library. Below the bucket bound the candidates are
   exactly the local engine's; the run's stats count how often each bound was hit.
4. Verification: distinct unordered pairs, `verify_pair` on each.
5. Stories: connected components of copy links and joining same-story links by iterative
   min-label propagation (DataFrame joins); components are sharded and each shard is
   assembled by `assemble`'s own code, twice as `assemble` does (the second time with each
   site's share of copies from the first, computed over the whole corpus).
6. Site profiles: each site with the members `site_profiles` reads for it.
7. Output: `members`, `stories`, `edges`, `sites` as Parquet (a folder of part files per
   table, rows in the contract's order across the parts) with the local writer's schemas,
   and as JSON (a folder of JSON Lines part files per table, the local writer's rows), and
   the HTML overview of the largest stories.

Modules: this one holds the pipeline; `spark_read` the session and input, `spark_tasks` the
per-batch functions the executors run, `spark_output` the output tables, `spark_work` the
work folder that lets a stopped run go on (`run_stories(work=...)`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial, reduce
from typing import TYPE_CHECKING, Any

from unspun.engines.spark_output import parquet_typed, site_table, typed
from unspun.engines.spark_read import cut as _cut
from unspun.engines.spark_read import load_articles
from unspun.engines.spark_work import WorkFolder, run_scheme
from unspun.library.minhash import FingerprintParams
from unspun.options import RetrieveOptions
from unspun.stories.options import StoriesOptions
from unspun.stories.write import timestamp_columns

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession


@dataclass(slots=True, frozen=True)
class SparkStoriesOptions:
    """How the Spark engine runs `unspun stories`."""

    stories: StoriesOptions = field(default_factory=StoriesOptions)
    #: Articles met per LSH band bucket (see module docstring, step 3).
    max_bucket: int = 1000
    #: Articles per assembly shard (whole components; one pandas call each).
    shard_articles: int = 2000
    #: Stories drawn as HTML pages (the largest ones); 0: no HTML.
    html_stories: int = 200
    #: Label-propagation rounds at most (each halves nothing: it is the graph's diameter).
    max_rounds: int = 60
    #: With a work folder: the search runs in this many slices (query articles by doc
    #: number), each kept when done, so a stopped run loses at most one slice's work.
    search_slices: int = 8
    #: With a work folder: verification runs in this many slices (whole work units each,
    #: see `work_units`), each kept when done, as the search does.
    verify_slices: int = 8
    #: Candidate pairs of one component verified by one task at most; a larger component is
    #: cut into ceil(pairs / group_pairs) units by its pairs' lo article (see `work_units`).
    group_pairs: int = 4096


Part = tuple[int, int] | None
"""(k, n): only the queries (or components) whose number % n == k; None: all of them."""


def _in_part(df: DataFrame, col: str, part: Part) -> DataFrame:
    from pyspark.sql import functions as F

    return df if part is None else df.where(F.col(col) % part[1] == part[0])


def _days(arts: DataFrame) -> DataFrame:
    """(doc, day): each article's day number for the window (`search.day_number`)."""
    from unspun.engines.spark_tasks import day_rows

    return arts.select("doc", "published").mapInPandas(
        lambda it: (day_rows(p) for p in it), "doc long, day long")


def _within(pairs: DataFrame, days: DataFrame, window: int) -> DataFrame:
    """The (q, d) pairs the window keeps (`search.in_window`)."""
    from pyspark.sql import functions as F

    from unspun.stories.search import NO_DAY

    qd = days.select(F.col("doc").alias("q"), F.col("day").alias("q_day"))
    dd = days.select(F.col("doc").alias("d"), F.col("day").alias("d_day"))
    return (pairs.join(qd, "q").join(dd, "d")
            .where((F.col("q_day") == NO_DAY) | (F.col("d_day") == NO_DAY)
                   | (F.abs(F.col("q_day") - F.col("d_day")) <= window))
            .drop("q_day", "d_day"))


def _lsh_ranks(fp: DataFrame, opts: SparkStoriesOptions, lsh_limit: int, part: Part,
               days: DataFrame | None = None) -> tuple[DataFrame, int]:
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    kd = fp.select("doc", F.explode("keys").alias("key"))
    kd = kd.withColumn("rk", F.row_number().over(Window.partitionBy("key").orderBy("doc")))
    capped = kd.where(F.col("rk") > opts.max_bucket).select("key").distinct().count()
    b = kd.where(F.col("rk") <= opts.max_bucket).select("key", F.col("doc").alias("d"))
    pairs = (_in_part(kd.select("key", F.col("doc").alias("q")), "q", part).join(b, "key")
             .groupBy("q", "d").agg(F.count(F.lit(1)).alias("n")))
    window = opts.stories.window_days
    if days is not None and window is not None:
        # out of the window before the ranking is cut, as the local search does
        pairs = _within(pairs, days, window)
    w = Window.partitionBy("q").orderBy(F.col("n").desc(), F.col("d"))
    ranked = pairs.withColumn("r_m", F.row_number().over(w)).where(F.col("r_m") <= lsh_limit)
    return ranked.select("q", "d", "r_m"), capped


def _term_ranks(fp: DataFrame, n_docs: int, ro: RetrieveOptions, part: Part,
                days: DataFrame | None = None, window: int | None = None
                ) -> tuple[DataFrame, int]:
    """`Library.term_candidates` for every article: the summed IDF of shared terms (in fixed
    point, as the library sums them), over the library's cap (`term_cap`) unless the
    query's plan takes them (`term_plan`);
    also how many query terms were skipped for being in over `max_df` articles.

    Each query token meets its term's whole posting list as one array (at most `term_cap`
    docs), and `rank_postings`, the library's own ranking, scores a query's lists in one
    numpy call: a query's hits never become rows. (As rows, the hits of 100k articles were
    763 M, 7,600 per article, and the join and the sums over them took 40 task-minutes.)"""
    from pyspark.sql import functions as F

    from unspun.engines.spark_tasks import term_rank_rows
    from unspun.library.termrank import hard_cap

    post = fp.select("doc", F.explode("tokens").alias("token"))
    df = post.groupBy("token").agg(F.count(F.lit(1)).alias("df"))
    # every list a query's plan may take (`term_plan` picks per query, in the task)
    hard = hard_cap(n_docs)
    phr = _in_part(fp.select(F.col("doc").alias("q"),
                             F.posexplode("phrases").alias("pos", "token")), "q", part)
    capped = phr.join(df.where(F.col("df") > ro.max_df), "token").count()
    if days is None or window is None:
        lists = (post.join(df.where(F.col("df") <= hard), "token").groupBy("token")
                 .agg(F.first("df").alias("df"), F.collect_list("doc").alias("docs")))
        hits = phr.join(lists, "token").select("q", "pos", "df", "docs")
    else:
        # each posting carries its doc's day, the query its own: the task drops the
        # postings outside the window before ranking (the plan still counts whole lists)
        plist = (post.join(df.where(F.col("df") <= hard), "token").join(days, "doc")
                 .groupBy("token").agg(F.first("df").alias("df"),
                                       F.collect_list(F.struct("doc", "day")).alias("pl")))
        lists = plist.select("token", "df", F.col("pl.doc").alias("docs"),
                             F.col("pl.day").alias("days"))
        qd = days.select(F.col("doc").alias("q"), F.col("day").alias("q_day"))
        hits = phr.join(lists, "token").join(qd, "q").select("q", "pos", "df", "docs",
                                                             "days", "q_day")
    hits = hits.repartition("q").sortWithinPartitions("q", "pos")
    ranked = hits.mapInPandas(
        lambda it: term_rank_rows(it, n_docs, ro.terms_limit, ro.max_df, window),
        "q long, d long, r_t int")
    return ranked, capped


def search_fingerprints(arts: DataFrame) -> DataFrame:
    """Per article (doc): LSH band keys, its profile's terms and weights, and its query
    tokens and phrases, as `fingerprint_rows` makes them."""
    from unspun.engines.spark_tasks import fingerprint_rows, retrieve_defaults

    params = FingerprintParams().resolved()
    query_terms = retrieve_defaults().query_terms
    return arts.select(*_ACOLS).mapInPandas(
        lambda it: (fingerprint_rows(p, params, query_terms) for p in it),
        "doc long, keys array<long>, terms string, weights array<double>, "
        "tokens array<string>, phrases array<string>")


def query_pairs(arts: DataFrame, fp: DataFrame, n_docs: int, opts: SparkStoriesOptions,
                stats: dict[str, Any], part: Part = None) -> DataFrame:
    """(lo, hi) pairs of the kept partners of every query article in `part` (of all with
    None), as `scan_task` keeps them; not materialised. Records in `stats` how often a bound
    was hit (`query_terms_over_max_df` counts this part's queries only)."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    from unspun.engines.spark_tasks import rescore_rows, retrieve_defaults

    ro = retrieve_defaults()
    so = opts.stories
    window = so.window_days
    days = None if window is None else _days(arts)
    lsh, stats["lsh_buckets_capped"] = _lsh_ranks(fp, opts, ro.lsh_limit, part, days)
    terms, stats["query_terms_over_max_df"] = _term_ranks(fp, n_docs, ro, part, days, window)
    k = float(ro.rrf_k)
    fused = (lsh.join(terms, ["q", "d"], "full_outer")
             .withColumn("rrf", F.coalesce(F.lit(1.0) / (F.lit(k) + F.col("r_m")), F.lit(0.0))
                         + F.coalesce(F.lit(1.0) / (F.lit(k) + F.col("r_t")), F.lit(0.0))))
    w = Window.partitionBy("q").orderBy(F.col("rrf").desc(), F.col("d"))
    pool = (fused.withColumn("p", F.row_number().over(w)).where(F.col("p") <= ro.pool)
            .where(F.col("q") != F.col("d")).select("q", "d"))
    qa = _in_part(arts.select(F.col("doc").alias("q"), F.col("text").alias("q_text")), "q",
                  part)
    qf = _in_part(fp.select(F.col("doc").alias("q"), F.col("terms").alias("q_terms"),
                            F.col("weights").alias("q_weights")), "q", part)
    da = arts.select(F.col("doc").alias("d"), F.col("text").alias("d_text"),
                     F.col("published").alias("d_published"))
    dfp = fp.select(F.col("doc").alias("d"), F.col("terms").alias("d_terms"))
    # Candidates first, the query last, sorted by q: a query's rows meet in a run, so its
    # profile and terms are made once (`rescore_rows`).
    wide = (pool.join(da, "d").join(dfp, "d").join(qa, "q").join(qf, "q")
            .sortWithinPartitions("q"))
    scored = wide.select("q", "d", "q_text", "d_text", "q_terms", "q_weights", "d_terms",
                         "d_published").mapInPandas(
        lambda it: (rescore_rows(p) for p in it),
        "q long, d long, score double, kept_score double, date_key string")
    w2 = Window.partitionBy("q").orderBy(F.col("score").desc(), F.col("date_key"), F.col("d"))
    top = scored.withColumn("t", F.row_number().over(w2)).where(F.col("t") <= ro.top)
    kept = top.where(F.col("kept_score") >= so.min_score)
    w3 = Window.partitionBy("q").orderBy("t")
    kept = kept.withColumn("k", F.row_number().over(w3)).where(F.col("k") <= so.per_article)
    return kept.select(F.least("q", "d").alias("lo"), F.greatest("q", "d").alias("hi")).distinct()


def candidate_pairs(spark: SparkSession, arts: DataFrame, opts: SparkStoriesOptions,
                    stats: dict[str, Any]) -> DataFrame:
    """(lo, hi) doc pairs to verify: every article's kept partners, in one go (materialised:
    a local checkpoint). `run_stories` with a work folder does the same in slices."""
    fp = search_fingerprints(arts).persist()
    stats["articles"] = n_docs = fp.count()
    pairs = _cut(query_pairs(arts, fp, n_docs, opts, stats))
    # Only now: every branch of the plan above reads the cached fingerprints. (Unpersisted
    # before the pairs were computed, each of its nine branches ran the fingerprints again.)
    fp.unpersist()
    return pairs


#: `spark_tasks.ARTICLE_COLS` (not imported here: that module needs pandas).
_ACOLS = ("doc", "id", "url", "site", "title", "published", "lang", "text", "blocks",
          "source_id")


def work_units(pairs: DataFrame, groups: DataFrame, group_pairs: int
               ) -> tuple[DataFrame, DataFrame]:
    """The candidate pairs with their verification unit (lo, hi, label, unit), and the
    components cut (label, chunks).

    A unit is a whole candidate-graph component (`groups`) or, for a component of more than
    `group_pairs` pairs, the pairs whose lo article hashes to one of ceil(pairs /
    group_pairs) chunks: same-template stories chain into a giant component at scale (one
    of 608,457 articles and 1,356,844 pairs, 65% of them, at 1M generated articles), which
    one task would otherwise verify alone. `unit` is a non-negative number slices and
    partitions go by. How pairs are cut changes no result: each pair is verified alone.
    The components cut are counted once, here, not again by each verification slice."""
    from pyspark.sql import functions as F

    labelled = pairs.join(groups.withColumnRenamed("doc", "lo"), "lo")
    cut = (labelled.groupBy("label").count().where(F.col("count") > group_pairs)
           .select("label", F.ceil(F.col("count") / group_pairs).alias("chunks"))
           .localCheckpoint())
    chunk = F.when(F.col("chunks").isNull(), F.lit(0)).otherwise(
        F.pmod(F.xxhash64("lo"), F.col("chunks")))
    units = (labelled.join(F.broadcast(cut), "label", "left")
             .withColumn("unit", F.pmod(F.xxhash64("label", chunk), F.lit(2**31 - 1)))
             .select("lo", "hi", "label", "unit"))
    return units, cut


def verify(spark: SparkSession, arts: DataFrame, units: DataFrame,
           opts: SparkStoriesOptions, part: Part = None) -> DataFrame:
    """`verify_pair` on every candidate pair of `units` (from `work_units`; with `part` =
    (k, n): on the pairs whose work unit % n == k): lo, hi, kept, joins, result.

    Pairs are partitioned by their unit (a candidate-graph component, or a chunk of a giant
    one) and sorted within it (as the local engine batches them), so the articles of one
    component meet in one task and `verify_rows` prepares each of them once per batch
    instead of once per pair."""
    from pyspark.sql import functions as F

    from unspun.engines.spark_tasks import verify_rows

    lo = arts.select(*[F.col(c).alias(f"lo_{c}") for c in _ACOLS])
    hi = arts.select(*[F.col(c).alias(f"hi_{c}") for c in _ACOLS])
    parts = spark.sparkContext.defaultParallelism * 4
    wide = (_in_part(units, "unit", part)
            .join(lo, F.col("lo") == lo.lo_doc).join(hi, F.col("hi") == hi.hi_doc)
            .repartition(parts, "unit").sortWithinPartitions("unit", "label", "lo", "hi")
            .select(*[f"lo_{c}" for c in _ACOLS], *[f"hi_{c}" for c in _ACOLS]))
    so = opts.stories
    return wide.mapInPandas(
        lambda it: (verify_rows(p, so.align, so) for p in it),
        "lo long, hi long, kept string, joins boolean, result string")


def components(spark: SparkSession, edges: DataFrame, max_rounds: int) -> tuple[DataFrame, int]:
    """(doc, label = smallest doc of its component) for every doc on an edge (lo, hi):
    min-label propagation, one join per round, until no label changes."""
    from pyspark.sql import functions as F

    both = (edges.select(F.col("lo").alias("a"), F.col("hi").alias("b"))
            .union(edges.select(F.col("hi").alias("a"), F.col("lo").alias("b"))).persist())
    labels = both.groupBy("a").agg(F.least(F.min("b"), F.first("a")).alias("label")) \
        .withColumnRenamed("a", "doc").localCheckpoint()
    rounds = 0
    while rounds < max_rounds:
        rounds += 1
        prop = (both.join(labels.withColumnRenamed("doc", "a"), "a")
                .groupBy(F.col("b").alias("doc")).agg(F.min("label").alias("nl")))
        new = (labels.join(prop, "doc", "left")
               .select("doc", F.least("label", F.coalesce("nl", "label")).alias("label"))
               .localCheckpoint())
        changed = new.join(labels.withColumnRenamed("label", "old"), "doc") \
            .where(F.col("label") != F.col("old")).count()
        labels = new
        if changed == 0:
            break
    both.unpersist()
    return labels, rounds


_ROWS_SCHEMA = "table string, key string, row string"


def assemble_stories(spark: SparkSession, arts: DataFrame, results: DataFrame,
                     opts: SparkStoriesOptions, stats: dict[str, Any]) -> DataFrame:
    """(table, key, row JSON) of members, stories and edges: both `assemble` passes."""
    from pyspark.sql import functions as F

    from unspun.engines.spark_tasks import assemble_shard, shard_rows
    from unspun.stories.sites import NO_SITE

    so = opts.stories
    links = results.where(F.col("kept").isNotNull() & (F.col("lo") != F.col("hi"))
                          ).localCheckpoint()
    graph = links.where((F.col("kept") == "copy") | F.col("joins")).select("lo", "hi")
    labels, stats["label_rounds"] = components(spark, graph, opts.max_rounds)
    n = stats["articles"]
    shards = max(1, n // max(1, opts.shard_articles))
    nodes = (arts.select("doc", "id", "url", "site", "title", "published",
                         F.length("text").alias("chars"), "source_id")
             .join(labels, "doc", "left")
             .withColumn("shard", F.pmod(F.xxhash64(F.coalesce("label", "doc")),
                                         F.lit(shards))).localCheckpoint())
    ns = nodes.select("doc", "shard")
    lk = (links.join(ns.select(F.col("doc").alias("lo"), F.col("shard").alias("s_lo")), "lo")
          .join(ns.select(F.col("doc").alias("hi"), F.col("shard").alias("s_hi")), "hi"))
    link_rows = (lk.select(F.col("s_lo").alias("shard"), "result")
                 .union(lk.where(F.col("s_lo") != F.col("s_hi"))
                        .select(F.col("s_hi").alias("shard"), "result")))
    # Far ends of same-story links leaving a shard come along as foreign nodes.
    cross = lk.where(F.col("s_lo") != F.col("s_hi"))
    far = (cross.select(F.col("s_lo").alias("shard"), F.col("hi").alias("doc"))
           .union(cross.select(F.col("s_hi").alias("shard"), F.col("lo").alias("doc"))))
    cols = ["doc", "id", "url", "site", "title", "published", "chars", "source_id"]
    node_rows = (nodes.select(*cols, "shard", F.lit(True).alias("own"))
                 .union(far.join(nodes.select(*cols), "doc")
                        .select(*cols, "shard", F.lit(False).alias("own")))
                 ).localCheckpoint()
    link_rows = link_rows.localCheckpoint()

    def run(share: dict[str, float] | None) -> DataFrame:
        def fn(key: Any, nd: Any, lr: Any) -> Any:
            import pandas as pd

            res = assemble_shard(nd, lr, so, share)
            own = set(nd.loc[nd["own"], "id"])
            return pd.DataFrame(list(shard_rows(res, own)), columns=["table", "key", "row"])

        return (node_rows.groupBy("shard").cogroup(link_rows.groupBy("shard"))
                .applyInPandas(fn, _ROWS_SCHEMA))

    share: dict[str, float] = {}
    if links.where(F.col("kept") == "copy").limit(1).count():
        first = run(None).where(F.col("table") == "members")
        m = first.select(F.get_json_object("row", "$.site").alias("site"),
                         F.get_json_object("row", "$.role").alias("role"))
        per = (m.groupBy(F.coalesce("site", F.lit(NO_SITE)).alias("site"))
               .agg(F.sum(F.when(F.col("role") == "copy", 1).otherwise(0)).alias("copies"),
                    F.count(F.lit(1)).alias("n"))
               .where(F.col("copies") > 0))
        share = {r["site"]: r["copies"] / r["n"] for r in per.collect()}
    stats["sites_with_copies"] = len(share)
    return run(share)


def run_stories(spark: SparkSession, input_path: str, out: str,
                opts: SparkStoriesOptions = SparkStoriesOptions(), work: str | None = None
                ) -> dict[str, Any]:
    """The whole run; writes the four tables (and HTML) under `out`; returns stats. With
    `work`, each stage's output is kept there and a stage already complete is read back
    (`spark_work`): a stopped run goes on where it stopped."""
    from pyspark.sql import functions as F

    t0 = time.perf_counter()
    stats: dict[str, Any] = {"engine": "spark", "master": spark.sparkContext.master}
    folder = _work_folder(spark, input_path, opts, work)
    if folder is not None:
        stats.update(folder.load_stats())

    def keep(name: str, make: Callable[[], DataFrame]) -> DataFrame:
        if folder is None:
            return make()
        got = folder.stage(name, make)
        folder.save_stats(stats)
        return got

    def read() -> DataFrame:
        arts, errors, n_err = load_articles(spark, input_path)
        stats.update(input_errors=n_err, first_errors=errors)
        return arts

    def groups_of(pairs: DataFrame) -> DataFrame:
        labels, stats["candidate_group_rounds"] = components(spark, pairs, opts.max_rounds)
        return labels

    arts = keep("articles.parquet", read)
    if folder is None:
        pairs = candidate_pairs(spark, arts, opts, stats)
    else:
        pairs = keep("pairs.parquet", lambda: _sliced_search(arts, opts, stats, keep))
    stats["candidate_pairs"] = pairs.count()
    if "articles" not in stats:  # the search was read back, its stats lost with a stop
        stats["articles"] = arts.count()
    stats["search_seconds"] = round(time.perf_counter() - t0, 3)
    t1 = time.perf_counter()
    groups = keep("groups.parquet", lambda: groups_of(pairs))
    units, cut = work_units(pairs, groups, opts.group_pairs)
    stats["components_cut"] = cut.count()
    if folder is None:
        results = _cut(verify(spark, arts, units, opts))
    else:
        n = max(1, opts.verify_slices)
        names = [f"verified/units-{k:03d}-of-{n:03d}.parquet" for k in range(n)]
        for k, name in enumerate(names):
            keep(name, partial(verify, spark, arts, units, opts, (k, n)))
        results = spark.read.parquet(*[folder.path(name) for name in names])
        stats["reused_stages"] = list(folder.reused)
    stats["verified_pairs"] = results.count()
    # pairs the pre-check left out (`verify.worth_verifying`): not aligned, as locally
    stats["prechecked_out"] = stats["candidate_pairs"] - stats["verified_pairs"]
    stats["verify_seconds"] = round(time.perf_counter() - t1, 3)
    t2 = time.perf_counter()
    rows = _cut(assemble_stories(spark, arts, results, opts, stats))
    tables = {name: typed(rows.where(F.col("table") == name), name)
              for name in ("members", "stories", "edges")}
    tables["sites"] = _cut(typed(site_table(rows), "sites"))
    for name, df in tables.items():
        base = f"{out.rstrip('/')}/{name}"
        parquet_typed(df, timestamp_columns(name)).write.mode("overwrite").parquet(
            f"{base}.parquet")
        # JSON Lines part files: each line one row, as the local engine's JSON array holds
        # it; nulls written, not left out (Spark's default).
        df.write.mode("overwrite").option("ignoreNullFields", "false").json(f"{base}.json")
    stats["assemble_seconds"] = round(time.perf_counter() - t2, 3)
    counts = rows.groupBy("table").count().collect()
    stats.update({f"{r['table']}_rows": r["count"] for r in counts})
    stats.update(_overview_counts(tables))
    if opts.html_stories and "://" not in out.replace("file://", ""):
        from unspun.engines.spark_html import write_sample_html

        write_sample_html(tables, out.removeprefix("file://"), opts.html_stories, stats)
    stats["seconds"] = round(time.perf_counter() - t0, 3)
    return stats


def _overview_counts(tables: dict[str, DataFrame]) -> dict[str, int]:
    """The whole run's counts the HTML overview shows, as the local engine's stats give
    them (`assemble_links`): the same-story links are the edges rows of that relation."""
    from pyspark.sql import functions as F

    st, ms, es = tables["stories"], tables["members"], tables["edges"]
    return {"stories": st.count(), "multi_article_stories": st.where(F.col("size") > 1).count(),
            "copies": ms.where(F.col("role") == "copy").count(),
            "copy_links": es.where(F.col("relation") == "copy").count(),
            "same_story_links": es.where(F.col("relation") == "same-story").count()}


def _sliced_search(arts: DataFrame, opts: SparkStoriesOptions, stats: dict[str, Any],
                   keep: Callable[[str, Callable[[], DataFrame]], DataFrame]) -> DataFrame:
    """`candidate_pairs` in kept stages: the fingerprints, then the queries in
    `search_slices` slices; the pairs are the slices' union (the same pairs)."""
    fp = keep("fingerprints.parquet", lambda: search_fingerprints(arts))
    stats["articles"] = n_docs = fp.count()
    n = max(1, opts.search_slices)
    over: dict[str, int] = stats.setdefault("query_terms_over_max_df_by_slice", {})
    names = [f"search/slice-{k:03d}-of-{n:03d}.parquet" for k in range(n)]
    slices = []
    for k, name in enumerate(names):
        def one(k: int = k) -> DataFrame:
            got = query_pairs(arts, fp, n_docs, opts, stats, (k, n))
            over[str(k)] = stats.pop("query_terms_over_max_df")
            return got

        slices.append(keep(name, one))
    stats["query_terms_over_max_df"] = sum(over.values())
    return reduce(lambda a, b: a.union(b), slices).distinct()


def _work_folder(spark: SparkSession, input_path: str, opts: SparkStoriesOptions,
                 work: str | None) -> WorkFolder | None:
    """The run's work folder, claimed (refused when another run made it), or None."""
    if not work:
        return None
    from unspun.engines.spark_tasks import retrieve_defaults
    from unspun.stories.state import verifier_digest

    scheme = run_scheme(input_path, {
        "fingerprints": FingerprintParams().resolved().version_tag(),
        "stories": opts.stories, "retrieve": retrieve_defaults(),
        "max_bucket": opts.max_bucket, "max_rounds": opts.max_rounds,
        "verifier": verifier_digest(),
        # The kept articles' columns: a folder whose articles lack one (source_id, before
        # the tables carried it) is another run's, not read back short of a column.
        "articles": ",".join(_ACOLS)})
    folder = WorkFolder(spark, work, scheme)
    folder.claim()
    return folder
