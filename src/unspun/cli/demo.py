"""`unspun demo`: the main job on the bundled demo corpus, end to end.

Builds a library from the demo pages (idempotent: a second run adds nothing), then
traces a synonym-spun copy back to its original and shows the answer, in the terminal
and as an HTML report.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import typer

import unspun
from unspun.cli.common import console, err_console
from unspun.cli.trace import read_query
from unspun.errors import UnspunError
from unspun.options import ReadOptions


def demo_dir() -> Path | None:
    """The repository's `demo/` folder when unspun runs from a checkout."""
    root = Path(unspun.__file__).resolve().parents[2] / "demo"
    return root if (root / "corpus").is_dir() else None


def spun_demo_page(corpus: Path) -> Path:
    """The page of the first synonym-spun copy in the demo corpus."""
    from unspun.corpus.demo import demo_clusters
    from unspun.corpus.write import page_names

    for cluster in demo_clusters():
        for name, doc in zip(page_names(cluster), cluster.articles(), strict=True):
            if doc in cluster.copies and doc.kind == "spun":
                return corpus / cluster.cluster_id / name
    raise UnspunError("the demo corpus has no spun copy")


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""

    @app.command("demo")
    def demo(
        library: Path = typer.Option(
            Path("unspun-demo.db"), "--library", "-L", help="Library file to build."),
        html: Path = typer.Option(
            Path("unspun-demo-report.html"), "--html", help="Where to write the HTML report."),
        corpus: Path | None = typer.Option(
            None, "--corpus",
            help="Demo folder (default: the checkout's demo/, else generated afresh)."),
    ) -> None:
        """Build a library from the demo corpus and trace a spun copy to its original."""
        from unspun.corpus.demo import write_demo
        from unspun.ingest import iter_articles
        from unspun.library import Library
        from unspun.pipeline import trace
        from unspun.report.output import emit

        with tempfile.TemporaryDirectory(prefix="unspun-demo-") as tmp:
            folder = corpus or demo_dir()
            if folder is None:
                folder = Path(tmp)
                write_demo(folder)
            pages = folder / "corpus"
            if not pages.is_dir():
                raise UnspunError(f"{folder}: no corpus/ folder of demo pages here")
            err_console.print(f"building the library {library} from {pages} ...")
            with Library.open(library) as lib:
                summary = lib.add(iter_articles([str(pages)], ReadOptions()))
                total = len(lib)
            err_console.print(
                f"added {summary.added}, already present {summary.present}; "
                f"{total} articles in the library"
            )
            query_page = spun_demo_page(pages)
            err_console.print(f"tracing {query_page} ...\n")
            query = read_query(str(query_page))
            with Library.open(library, readonly=True) as lib:
                result = trace(lib, query)
            emit(result, console, html_file=html)
            err_console.print(f"\nHTML report (side by side): {html}")
