"""`unspun extract`: output formats, atomic --out, one line per failed input, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unspun.cli import app
from warc_fixtures import Response, cut_inside, write_warc

HEADLINE = "Night ferry returns after a winter away"
CAPTION = "The night ferry leaves the north pier for the first time since October"
SEEDLIKE = f"""{HEADLINE}

Night ferry back after winter break

The night ferry between the islands returned on Friday after a winter in dry dock, \
carrying forty passengers on its first crossing.

{CAPTION}

{CAPTION}

The operator said bookings for the spring were the highest in five years.

advertisement {HEADLINE}

Exit mobile version
"""
PAGE = (
    "<html><head><title>Quay lights repaired</title></head><body><article><h1>Quay lights "
    "repaired</h1><p>The lights along the north quay were repaired on Friday after three "
    "weeks of darkness that worried fishermen.</p><p>The council apologised for the delay "
    "and blamed a shortage of parts.</p><p>Share this article</p></article></body></html>"
)
PAGE_TEXT = ("The lights along the north quay were repaired on Friday after three weeks of "
             "darkness that worried fishermen.\n\nThe council apologised for the delay.")
SEED = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds" / "000_87680557906b6747.txt"
runner = CliRunner()


def run(*args: str, stdin: bytes | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["extract", *args], input=stdin)


def records(stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_jsonl_output_fields_and_cleaning(tmp_path: Path) -> None:
    path = tmp_path / "ferry.txt"
    path.write_text(SEEDLIKE, encoding="utf-8")
    result = run(str(path), "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    (rec,) = records(result.stdout)
    assert set(rec) == {"id", "source_id", "url", "site", "title", "published", "lang", "text",
                        "blocks"}
    text = str(rec["text"])
    assert rec["title"] == HEADLINE and rec["published"] is None and rec["lang"] == "en"
    assert text.count(CAPTION) == 1 and text.count(HEADLINE) == 1
    assert "Exit mobile version" not in text and "advertisement" not in text
    blocks = rec["blocks"]
    assert isinstance(blocks, list) and blocks[0] == {"role": "headline", "start": 0,
                                                      "end": len(HEADLINE)}
    assert any(b["role"] == "caption" and text[b["start"] : b["end"]] == CAPTION for b in blocks)


def test_text_format_and_atomic_out(tmp_path: Path) -> None:
    page = tmp_path / "quay.html"
    page.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out.txt"
    result = run(str(page), "--format", "text", "--out", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    body = out.read_text(encoding="utf-8")
    assert body.startswith("=== ") and "Quay lights repaired\n\nThe lights" in body
    assert "Share this article" not in body
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []  # no temp left


def test_some_inputs_fail_exit_1_one_line_each(tmp_path: Path) -> None:
    good = tmp_path / "good.html"
    good.write_text(PAGE, encoding="utf-8")
    jl = tmp_path / "batch.jsonl"
    jl.write_text('{"text": "Short story\\n\\nA full sentence of the story."}\n{oops\n',
                  encoding="utf-8")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (tmp_path / "latin.txt").write_bytes("Café reopens\n\nThe café reopened.".encode("latin-1"))
    result = run(str(good), str(tmp_path / "nope.html"), str(jl), str(tmp_path / "blob.txt"),
                 str(tmp_path / "latin.txt"))
    assert result.exit_code == 1
    titles = [r["title"] for r in records(result.stdout)]
    assert titles == ["Quay lights repaired", "Short story", "Café reopens"]
    err_lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(err_lines) == 3
    assert "nope.html: no such file or directory" in err_lines[0]
    assert f"{jl}:2: not valid JSON" in err_lines[1]
    assert "blob.txt: binary file" in err_lines[2]
    assert "Traceback" not in result.stderr


def test_truncated_warc_gz_through_cli(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz", (
        Response(f"https://q.example/{i}",
                 PAGE.replace("Quay lights repaired", f"Quay lights repaired, day {i}").encode(),
                 content_type="text/html", request=False)
        for i in range(30)))
    data = path.read_bytes()
    path.write_bytes(cut_inside(data, 2 / 3))
    result = run(str(path))
    assert result.exit_code == 1
    assert 5 < len(records(result.stdout)) < 30
    (err,) = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert "crawl.warc.gz: archive is truncated after" in err


def test_stdin_dash() -> None:
    result = run("-", stdin=SEEDLIKE.encode("utf-8"))
    assert result.exit_code == 0
    assert records(result.stdout)[0]["title"] == HEADLINE


def test_markup_in_names_is_not_interpreted(tmp_path: Path) -> None:
    result = run(str(tmp_path / "[bold]x[/bold].html"))
    assert result.exit_code == 1 and "[bold]x[/bold].html" in result.stderr


@pytest.mark.parametrize("args", [[], ["x.html", "--format", "xml"]])
def test_usage_errors_exit_2(args: list[str]) -> None:
    assert run(*args).exit_code == 2


def test_console_script_exit_codes_no_traceback(tmp_path: Path) -> None:
    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "unspun", "extract", *args],
                              capture_output=True, text=True, timeout=120)

    usage = cli("--format", "pdf", "x")
    assert usage.returncode == 2 and "Traceback" not in usage.stderr
    missing = cli(str(tmp_path / "missing.txt"))
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert missing.stderr.strip().splitlines()[0].endswith("missing.txt: no such file or directory")


@pytest.mark.skipif(not SEED.exists(), reason="the seed page lives outside the repo")
def test_the_seed_through_cli() -> None:
    result = run(str(SEED), "--format", "jsonl")
    assert result.exit_code == 0
    (rec,) = records(result.stdout)
    text = str(rec["text"])
    first = SEED.read_text(encoding="utf-8").splitlines()[0].strip()
    assert rec["title"] == first and text.count(first) == 1
    assert text.count("A young Russian recruit and his partner kiss outside") == 1
    assert "Exit mobile version" not in text and "advertisement" not in text.lower()


def _bad_input(tmp_path: Path, case: str) -> tuple[Path, str]:
    """One bad input file and the reason its error line must give."""
    path = tmp_path / f"{case}.html"
    if case == "empty":
        path.write_bytes(b"")
        return path, "empty page"
    if case == "script-only":
        path.write_text("<html><body><script>while(1){}</script></body></html>", encoding="utf-8")
        return path, "no article text found (empty or script-only page)"
    if case == "binary":
        path.write_bytes(bytes(range(256)) * 16)
        return path, "binary file, not text or HTML"
    if case == "fifty-mb":
        with path.open("wb") as fh:
            fh.truncate(50 * 1024 * 1024)
        return path, "page is 50.0 MB, over the 20.0 MB limit"
    raise AssertionError(case)


@pytest.mark.parametrize("case", ["empty", "script-only", "binary", "fifty-mb"])
def test_bad_input_cli_line_and_batch_goes_on(tmp_path: Path, case: str) -> None:
    bad, reason = _bad_input(tmp_path, case)
    good = tmp_path / "good.html"
    good.write_text(PAGE, encoding="utf-8")
    result = run(str(bad), str(good))
    assert result.exit_code == 1
    assert [r["title"] for r in records(result.stdout)] == ["Quay lights repaired"]
    (line,) = [x for x in result.stderr.splitlines() if x.startswith("error:")]
    assert line == f"error: {bad}: {reason}"


def test_permission_denied_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked.html"
    locked.write_text(PAGE, encoding="utf-8")
    real_open = Path.open

    def deny(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "locked.html":  # what the OS says to a user without read rights
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", deny)
    result = run(str(locked))
    assert result.exit_code == 1 and f"{locked}: permission denied" in result.stderr


def test_wrong_meta_charset_cli(tmp_path: Path) -> None:
    page = tmp_path / "latin.html"
    html = PAGE.replace("<head>", '<head><meta charset="utf-8">').replace(
        "three weeks", "three weeks near the caf\u00e9 where Jos\u00e9 works"
    )
    page.write_bytes(html.encode("latin-1"))
    result = run(str(page))
    assert result.exit_code == 0
    assert "caf\u00e9 where Jos\u00e9 works" in str(records(result.stdout)[0]["text"])


def test_field_option_maps_jsonl_fields(tmp_path: Path) -> None:
    """A set whose text is in `body` (as the BBC and Reuters sets have it) reads with
    --field text=body; without it each record is one error that names the option."""
    path = tmp_path / "bbc.jsonl"
    recs = [{"newid": 1, "headline": "Quay lights repaired", "body": PAGE_TEXT,
             "when": "2024-05-06"}, {"newid": 2, "headline": HEADLINE, "body": PAGE_TEXT}]
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    plain = run(str(path))
    assert plain.exit_code == 1 and plain.stderr.count("--field text=") == 2
    mapped = run(str(path), "--field", "text=body", "--field", "title=headline",
                 "--field", "published=when", "--field", "source_id=newid")
    assert mapped.exit_code == 0, mapped.stderr
    got = records(mapped.stdout)
    assert [r["source_id"] for r in got] == ["1", "2"]
    assert [r["title"] for r in got] == ["Quay lights repaired", HEADLINE]
    assert got[0]["published"] == "2024-05-06"


@pytest.mark.parametrize("spec", ["text", "=body", "text=", "colour=hue"])
def test_bad_field_option_is_a_usage_error(tmp_path: Path, spec: str) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": PAGE_TEXT}) + "\n", encoding="utf-8")
    result = run(str(path), "--field", spec)
    assert result.exit_code == 2 and "--field" in result.stderr and "one of" in result.stderr


def test_dropped_date_is_one_warning_line(tmp_path: Path) -> None:
    path = tmp_path / "dated.jsonl"
    recs = [{"text": PAGE_TEXT, "date": "around teatime"},
            {"text": PAGE_TEXT + " Again.", "date": "2 o'clock"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"warning: {path}:1: date 'around teatime'")
    assert [r["published"] for r in records(result.stdout)] == [None, None]


def test_undefined_meta_charset_cli(tmp_path: Path) -> None:
    # Issue 19 item 1: was a traceback (UnicodeError) that lost the rest of the batch.
    page = tmp_path / "undefined.html"
    html = PAGE.replace("<head>", '<head><meta charset="undefined">').replace(
        "three weeks", "three weeks near the caf\u00e9")
    page.write_bytes(html.encode("latin-1"))
    good = tmp_path / "good.html"
    good.write_text(PAGE.replace("Quay lights", "Pier lights"), encoding="utf-8")
    result = run(str(page), str(good))
    assert result.exit_code == 0, result.output
    recs = records(result.stdout)
    assert [r["title"] for r in recs] == ["Quay lights repaired", "Pier lights repaired"]
    assert "near the caf\u00e9" in str(recs[0]["text"])


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_out_file_mode_follows_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    # Issue 19 item 17: `--out` files were created 0600 (mkstemp's mode) whatever the umask.
    import os
    import stat

    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    old = os.umask(umask)
    try:
        result = run(str(page), "--out", str(out))
    finally:
        os.umask(old)
    assert result.exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == mode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl", "page.html"]
