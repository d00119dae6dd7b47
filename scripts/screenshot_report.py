#!/usr/bin/env python3
"""Regenerate docs/report-spun.png: the HTML report of a spun copy, in headless Chromium.

Uses a spun copy from the demo corpus analysed by `unspun.forensics.analyze` when both
exist (demo/clusters.jsonl and the analyser); otherwise the invented, hand-marked sample
pair of `unspun.report.sample`. Usage:

    python3 scripts/screenshot_report.py [--out docs/report-spun.png] [--html report.html]
        [--sample]  (force the invented sample)
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import tempfile
from datetime import date
from pathlib import Path

from unspun.ingest.assemble import build_article
from unspun.model import Article, Candidate, TraceResult
from unspun.report.html import render_html
from unspun.report.sample import sample_result

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _article(rec: dict[str, object]) -> Article:
    text = str(rec.get("text") or "")
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    published = None
    if isinstance(rec.get("date"), str):
        try:
            published = date.fromisoformat(str(rec["date"])[:10])
        except ValueError:
            published = None
    title = rec.get("title")
    return build_article(
        [("body", p) for p in paragraphs],
        url=str(rec["url"]) if rec.get("url") else None,
        title=str(title) if title else None,
        published=published,
        site=str(rec["site"]) if rec.get("site") else None,
    )


def demo_result() -> TraceResult | None:
    """The first spun copy of the demo corpus, analysed against its original, if possible."""
    clusters = ROOT / "demo" / "clusters.jsonl"
    if not clusters.exists():
        return None
    try:
        analyze = importlib.import_module("unspun.forensics").analyze
    except (ImportError, AttributeError):
        return None
    with clusters.open(encoding="utf-8") as f:
        for line in f:
            cluster = json.loads(line)
            for copy in cluster.get("copies", []):
                if copy.get("kind") != "spun":
                    continue
                query, source = _article(copy), _article(cluster["original"])
                analysis = analyze(query, source)
                cand = Candidate(source, score=1.0, coverage=1.0, analysis=analysis)
                return TraceResult(query=query, candidates=[cand])
    return None


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
    ap.add_argument("--width", type=int, default=1440)
    ap.add_argument("--height", type=int, default=1000)
    args = ap.parse_args(argv)
    result = None if args.sample else demo_result()
    origin = "demo corpus" if result is not None else "invented sample"
    result = result or sample_result()
    page = render_html(result)
    if args.html:
        args.html.write_text(page, encoding="utf-8")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    screenshot(page, args.out, width=args.width, height=args.height)
    print(f"wrote {args.out} ({origin})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
