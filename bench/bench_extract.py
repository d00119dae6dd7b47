"""Extraction throughput: unspun's HTML reader beside trafilatura called directly.

    python3 bench/bench_extract.py [--pages DIR] [--generate N] [--rounds R]

Pages: the demo corpus (`demo/corpus/`, every *.html) when present, else N invented
pages generated into a temp dir (several site templates with navigation, sidebars,
figures, standfirsts and furniture). Each method runs over the same pages, rounds
interleaved so a busy machine slows all alike; the best round counts. Printed:
pages/s of each and the ratio ours/trafilatura, i.e. what our captions, roles,
cleaning, dates and language cost on top of trafilatura's own extraction.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura

from unspun.ingest import article_from_html, iter_articles
from unspun.options import ReadOptions

ROOT = Path(__file__).resolve().parents[1]
_VOCABULARY = """harbour council ferry union strike island minister report figures crews
passengers quay storm repairs budget hospital school bakery museum river bridge flood police
workers residents village mayor survey volunteers fishermen lighthouse market"""
WORDS = _VOCABULARY.split()
NAMES = ["Petra Vance", "Ines Albright", "Tomas Reyl", "Mara Quist", "Olu Bennet", "Kit Harrow"]
SITES = ["harbourpost.example", "quaycourier.example", "islandherald.example", "tidewire.example"]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 30))]
    words.insert(rng.randint(0, len(words)), rng.choice(NAMES))
    words.insert(rng.randint(0, len(words)), str(rng.randint(2, 900)))
    return " ".join(words).capitalize() + "."


def invented_page(i: int, rng: random.Random) -> str:
    """One invented news page; the template (and its furniture) depends on the site."""
    site = SITES[i % len(SITES)]
    title = " ".join(rng.choice(WORDS) for _ in range(7)).capitalize()
    paras = [" ".join(_sentence(rng) for _ in range(rng.randint(1, 4))) for _ in range(8, 20)]
    body = []
    for k, p in enumerate(paras):
        body.append(f"<p>{p}</p>")
        if k in (2, 7):
            body.append(f'<figure><img src="/i/{i}-{k}.jpg"><figcaption>{_sentence(rng)[:-1]}'
                        "</figcaption></figure>")
        if k == 4 and i % 2:
            body.append('<div class="ad">Advertisement</div>')
    sidebar = "".join(f'<li><a href="/s/{j}">{_sentence(rng)[:60]}</a></li>' for j in range(6))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | {site}</title><meta property="og:title" content="{title}">
<meta property="article:published_time" content="2024-0{1 + i % 9}-1{i % 10}T08:00:00Z">
<link rel="canonical" href="https://www.{site}/news/{i}"></head><body>
<header><nav><a href="/">Home</a><a href="/news">News</a><a href="/sport">Sport</a></nav></header>
<main><article><h1>{title}</h1><p class="standfirst">{_sentence(rng)}</p>
{"".join(body)}<p>Share this article</p><p>Follow {site} for live island updates</p>
</article><aside><h3>Most read</h3><ul>{sidebar}</ul></aside></main>
<footer><p>&copy; 2024 {site}. All rights reserved.</p><p>Cookie policy</p></footer>
</body></html>"""


def generate(directory: Path, n: int) -> list[Path]:
    rng = random.Random(20240305)
    paths = []
    for i in range(n):
        path = directory / f"page-{i:04d}.html"
        path.write_text(invented_page(i, rng), encoding="utf-8")
        paths.append(path)
    return paths


def measure(name: str, fn: Callable[[], int], results: dict[str, float]) -> None:
    start = time.perf_counter()
    n = fn()
    rate = n / (time.perf_counter() - start)
    results[name] = max(results.get(name, 0.0), rate)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=Path, default=ROOT / "demo" / "corpus")
    ap.add_argument("--generate", type=int, default=200, help="pages to invent if no corpus")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        paths = sorted(args.pages.rglob("*.html")) if args.pages.is_dir() else []
        source = f"{args.pages} ({len(paths)} pages)"
        if not paths:
            paths = generate(Path(tmp), args.generate)
            source = f"{len(paths)} invented pages (no corpus at {args.pages})"
        pages = [p.read_bytes() for p in paths]
        texts = [p.decode("utf-8", "replace") for p in pages]
        # Small corpora are repeated so each round runs long enough to time.
        repeat = max(1, 200 // len(pages))
        no_learn = ReadOptions(learn_furniture=False)
        folder = [str(p) for p in paths]
        methods: dict[str, Callable[[], int]] = {
            "trafilatura.extract": lambda: sum(
                trafilatura.extract(t) is not None for _ in range(repeat) for t in texts
            ),
            "trafilatura.extract(+metadata)": lambda: sum(
                trafilatura.extract(t, with_metadata=True) is not None
                for _ in range(repeat) for t in texts
            ),
            "unspun article_from_html": lambda: sum(
                article_from_html(b, options=no_learn) is not None
                for _ in range(repeat) for b in pages
            ),
            "unspun iter_articles (files+learned)": lambda: sum(
                1 for _ in range(repeat) for _ in iter_articles(folder)
            ),
        }
        results: dict[str, float] = {}
        for _ in range(args.rounds):
            for name, fn in methods.items():
                measure(name, fn, results)

    print(f"pages: {source}, x{repeat} per round, best of {args.rounds} rounds")
    base = results["trafilatura.extract"]
    for name, rate in results.items():
        print(f"  {name:40s} {rate:8.1f} pages/s   ratio to trafilatura.extract {rate / base:5.2f}")


if __name__ == "__main__":
    main()
