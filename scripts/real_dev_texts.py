#!/usr/bin/env python3
"""Assemble real-news-dev with its texts, from excerpts saved on this machine.

    python scripts/real_dev_texts.py --excerpts DIR --out FILE [--meta META]

real-news-dev ships metadata only (`../shared/data/real-news-dev/clusters.meta.jsonl`); its
README says how to rebuild the texts with the `search` tool (corpus `pages`). Save each
excerpt as `DIR/<text_sha256>.json` holding `{"url": ..., "excerpt": ...}`; this script checks
each against the recorded sha256 and length, reports what is missing or differs, and writes
the clusters that have their original and at least one copy or distractor to FILE (keep it
outside the repo: third-party text). Exit 1 when an excerpt does not match its hash.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
META = ROOT.parent / "shared" / "data" / "real-news-dev" / "clusters.meta.jsonl"


def _text(doc: dict[str, Any], folder: Path, bad: list[str]) -> str | None:
    p = folder / f"{doc['text_sha256']}.json"
    if not p.exists():
        return None
    text = json.loads(p.read_text(encoding="utf-8"))["excerpt"]
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != doc["text_sha256"]:
        bad.append(f"{p}: sha256 differs from the metadata ({doc['url']})")
        return None
    return str(text)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--excerpts", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--meta", type=Path, default=META)
    args = ap.parse_args()
    if not args.meta.is_file():
        print(f"{args.meta}: no such file", file=sys.stderr)
        return 2
    bad: list[str] = []
    clusters = docs = wanted = 0
    with args.out.open("w", encoding="utf-8") as out:
        for line in args.meta.read_text(encoding="utf-8").splitlines():
            c = json.loads(line)
            wanted += 1 + len(c["copies"]) + len(c["distractors"])
            o = _text(c["original"], args.excerpts, bad)
            if o is None:
                continue
            copies = [{**d, "text": t} for d in c["copies"]
                      if (t := _text(d, args.excerpts, bad)) is not None]
            dis = [{**d, "text": t} for d in c["distractors"]
                   if (t := _text(d, args.excerpts, bad)) is not None]
            if not copies and not dis:
                continue
            c["original"] = {**c["original"], "text": o}
            c["copies"], c["distractors"] = copies, dis
            out.write(json.dumps(c, ensure_ascii=False) + "\n")
            clusters += 1
            docs += 1 + len(copies) + len(dis)
    for b in bad:
        print(b, file=sys.stderr)
    print(f"{clusters} clusters, {docs} of {wanted} documents written to {args.out}",
          file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
