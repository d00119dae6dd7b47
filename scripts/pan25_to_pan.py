#!/usr/bin/env python3
"""Write the PAN 2025 paragraph sample as a PAN text-alignment corpus, for `unspun eval pan`.

Reads ../shared/data/pan25-generated-plagiarism-sample/paragraph_pairs.jsonl at run time and
writes OUT (never inside the repository: the arXiv texts are for internal testing only):

- every LLM-paraphrased paragraph with its source paragraph becomes one pair whose single
  case spans both whole texts, in the folder of its prompt type (`01-simple`, `02-medium`,
  `03-hard`);
- every "altered" paragraph (rewritten, but from no source paragraph) is paired with a
  source paragraph of the same paper, on the same topic, in `04-no-plagiarism`: detections
  there are false positives.

This measures paragraph-level alignment of LLM paraphrase (how much of each paragraph is
found, how precisely, in how many pieces); it is not the official PAN 2025 protocol.

    python3 scripts/pan25_to_pan.py OUT && unspun eval pan OUT
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = (
    ROOT.parent / "shared" / "data" / "pan25-generated-plagiarism-sample" / "paragraph_pairs.jsonl"
)
FOLDERS = {"simple": "01-simple", "medium": "02-medium", "hard": "03-hard"}
NEGATIVE = "04-no-plagiarism"


def _write(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(text)


def _truth(susp: str, src: str, susp_len: int, src_len: int, obfuscation: str | None) -> str:
    feature = ""
    if obfuscation is not None:
        feature = (
            f'<feature name="plagiarism" obfuscation="{obfuscation}" this_offset="0" '
            f'this_length="{susp_len}" source_reference="{src}" source_offset="0" '
            f'source_length="{src_len}"/>\n'
        )
    return f'<document reference="{susp}">\n{feature}</document>\n'


def convert(rows: list[dict[str, object]], out: Path) -> dict[str, int]:
    """Write the corpus; returns pairs per folder."""
    for d in ("src", "susp", *FOLDERS.values(), NEGATIVE):
        (out / d).mkdir(parents=True, exist_ok=True)
    sources: dict[str, list[str]] = {}
    for r in rows:
        if r.get("paragraph_type") == "plagiarism" and isinstance(r.get("source_text"), str):
            sources.setdefault(str(r["case_id"]), []).append(str(r["source_text"]).strip())
    pairs: list[str] = []
    counts: dict[str, int] = {}
    used: dict[str, int] = {}
    for n, r in enumerate(rows, 1):
        susp_text = str(r.get("candidate_text") or "").strip()
        if r.get("paragraph_type") == "plagiarism":
            if not isinstance(r.get("source_text"), str):
                continue  # one upstream pair lacks its source paragraph
            src_text = str(r["source_text"]).strip()
            folder, obfuscation = FOLDERS[str(r["prompt_type"])], str(r["prompt_type"])
        else:
            pool = sources.get(str(r["case_id"]), [])
            if not pool:
                continue
            k = used.get(str(r["case_id"]), 0)
            used[str(r["case_id"])] = k + 1
            src_text, folder, obfuscation = pool[k % len(pool)], NEGATIVE, None
        susp, src = f"suspicious-document{n:05d}.txt", f"source-document{n:05d}.txt"
        _write(out / "susp" / susp, susp_text)
        _write(out / "src" / src, src_text)
        stem = f"{Path(susp).stem}-{Path(src).stem}.xml"
        _write(out / folder / stem, _truth(susp, src, len(susp_text), len(src_text), obfuscation))
        pairs.append(f"{susp} {src}\n")
        counts[folder] = counts.get(folder, 0) + 1
    _write(out / "pairs", "".join(pairs))
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, help="output folder (outside the repository)")
    ap.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    args = ap.parse_args(argv)
    if args.out.resolve().is_relative_to(ROOT):
        print("error: write the corpus outside the repository", file=sys.stderr)
        return 2
    with args.input.open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    counts = convert(rows, args.out)
    print(f"wrote {sum(counts.values())} pairs to {args.out}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
