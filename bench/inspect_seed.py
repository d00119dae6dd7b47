#!/usr/bin/env python3
"""The seed page through `unspun inspect`: its flags, its score, its garbled names.

    python3 bench/inspect_seed.py [--seed PATH] [--library PATH]

Without `--library`, a small library is made in a temporary folder from the invented
articles of tests/inspect_fixtures.py (our own texts, spelling Urmas Reinsalu and Melinda
Simmons right), so the garbled names Reinsal and Symonds can be found against it. Prints the
terminal report (and, with --json, the JSON).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from rich.console import Console  # noqa: E402

from inspect_fixtures import library_articles  # noqa: E402
from unspun.cli.trace import read_query  # noqa: E402
from unspun.inspection.run import inspect_article  # noqa: E402
from unspun.library import Library  # noqa: E402
from unspun.options import AS_IS  # noqa: E402
from unspun.report.inspection import inspection_to_dict, render_inspection  # noqa: E402

SEED = ROOT.parent / "shared" / "seeds" / "000_87680557906b6747.txt"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=Path, default=SEED)
    ap.add_argument("--library", type=Path)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not args.seed.exists():
        print(f"{args.seed}: not found", file=sys.stderr)
        return 1
    page = read_query(str(args.seed), AS_IS)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.library
        if path is None:
            path = Path(tmp) / "fixtures.db"
            with Library.open(path) as lib:
                lib.add(library_articles())
        with Library.open(path, readonly=True) as lib:
            ins = inspect_article(page, lib)
    if args.json:
        print(json.dumps(inspection_to_dict(ins), ensure_ascii=False, indent=1))
    else:
        render_inspection(page, ins, Console(width=120))
    return 0


if __name__ == "__main__":
    sys.exit(main())
