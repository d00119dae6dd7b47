#!/usr/bin/env python3
"""Regenerate docs/report-spun.png: the HTML report of a spun copy, in headless Chromium.

Picks the first of: a spun copy from the demo corpus (demo/clusters.jsonl) analysed by
`unspun.forensics.analyze`; the invented sample pair of `unspun.report.sample` analysed by
`unspun.forensics.analyze`; that pair with its hand-marked analysis (no analyser). Usage:

    python3 scripts/screenshot_report.py [--out docs/report-spun.png] [--html report.html]
        [--sample]  (skip the demo corpus)  [--hand]  (the sample's hand-marked analysis)
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from unspun.ingest.jsonl import article_from_record
from unspun.model import Candidate, TraceResult
from unspun.report.html import render_html
from unspun.report.sample import sample_pair, sample_result

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _analyzer() -> Any:
    try:
        return importlib.import_module("unspun.forensics").analyze
    except (ImportError, AttributeError):
        return None


def demo_result() -> TraceResult | None:
    """The first spun copy of the demo corpus, analysed against its original, if possible."""
    clusters = ROOT / "demo" / "clusters.jsonl"
    analyze = _analyzer()
    if not clusters.exists() or analyze is None:
        return None
    with clusters.open(encoding="utf-8") as f:
        for line in f:
            cluster = json.loads(line)
            for copy in cluster.get("copies", []):
                if copy.get("kind") != "spun":
                    continue
                query = article_from_record(copy)
                source = article_from_record(cluster["original"])
                analysis = analyze(query, source)
                cand = Candidate(source, score=1.0, coverage=1.0, analysis=analysis)
                return TraceResult(query=query, candidates=[cand])
    return None


def analysed_sample() -> TraceResult | None:
    """The invented sample pair, analysed by unspun's own analyser, if it is available."""
    analyze = _analyzer()
    if analyze is None:
        return None
    copy, source = sample_pair()
    cand = Candidate(source, score=1.0, coverage=1.0, analysis=analyze(copy, source))
    return TraceResult(query=copy, candidates=[cand])


def screenshot(html_text: str, out: Path, *, width: int = 1440, height: int = 1000) -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(tmp) / "report.html"
        page_path.write_text(html_text, encoding="utf-8")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            try:
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(page_path.as_uri())
                page.screenshot(path=str(out), full_page=False)
            finally:
                browser.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "report-spun.png")
    ap.add_argument("--html", type=Path, help="also write the report page here")
    ap.add_argument("--sample", action="store_true", help="use the invented sample pair")
    ap.add_argument("--hand", action="store_true", help="use the sample's hand-marked analysis")
    ap.add_argument("--width", type=int, default=1440)
    ap.add_argument("--height", type=int, default=1000)
    args = ap.parse_args(argv)
    result, origin = None, ""
    if not (args.sample or args.hand):
        result, origin = demo_result(), "demo corpus, analysed"
    if result is None and not args.hand:
        result, origin = analysed_sample(), "invented sample, analysed"
    if result is None:
        result, origin = sample_result(), "invented sample, hand-marked"
    page = render_html(result)
    if args.html:
        args.html.write_text(page, encoding="utf-8")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    screenshot(page, args.out, width=args.width, height=args.height)
    print(f"wrote {args.out} ({origin})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
