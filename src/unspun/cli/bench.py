"""`unspun bench make`: write a labelled rewriting benchmark (or the demo corpus)."""

from __future__ import annotations

import time
from pathlib import Path

import typer

from unspun.cli.common import console
from unspun.errors import UsageError


def register(app: typer.Typer) -> None:
    """Add the `bench` command group to `app`."""
    bench = typer.Typer(help="Make labelled rewriting benchmarks.", no_args_is_help=True)

    @bench.command("make")
    def make(
        out: Path = typer.Option(..., "--out", help="Output folder (clusters.jsonl, pages/)."),
        source: Path | None = typer.Option(
            None, "--from", help="JSONL of real articles (title + text or body) to copy from."
        ),
        seed: int = typer.Option(0, "--seed", help="Random seed: same seed, same bytes."),
        clusters: int = typer.Option(100, "--clusters", min=1, help="Number of clusters."),
        kinds: list[str] = typer.Option(
            [], "--kinds", help="Copy kinds or recipes to make (repeat or comma-separate)."
        ),
        copies: int = typer.Option(4, "--copies", min=1, help="Copies per cluster."),
        html: bool = typer.Option(False, "--html", help="Also write each article as a page."),
        demo: bool = typer.Option(False, "--demo", help="Write the fixed demo corpus instead."),
    ) -> None:
        """Write OUT/clusters.jsonl: originals, labelled copies, same-story distractors."""
        from unspun.corpus import BenchOptions, generate_clusters, write_clusters
        from unspun.corpus.demo import write_demo

        started = time.perf_counter()
        if demo:
            stats = write_demo(out)
        else:
            if source is not None and not source.is_file():
                raise UsageError(f"{source}: no such file")
            wanted = tuple(k.strip() for item in kinds for k in item.split(",") if k.strip())
            options = BenchOptions(
                seed=seed,
                clusters=clusters,
                kinds=wanted,
                copies_per_cluster=copies,
                source=str(source) if source else None,
            )
            stats = write_clusters(generate_clusters(options), out, html=html)
        took = time.perf_counter() - started
        rate = stats.articles / took if took > 0 else 0.0
        console.print(
            f"wrote {stats.clusters} clusters, {stats.articles} articles "
            f"({stats.bytes / 1e6:.1f} MB JSONL{f', {stats.pages} pages' if stats.pages else ''}) "
            f"to {out} in {took:.1f}s: {rate:,.0f} articles/s",
            highlight=False,
        )

    app.add_typer(bench, name="bench")
