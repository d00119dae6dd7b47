"""Dispatch: folders, extensions, sniffing, stdin, and every bad input through the API."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest

from unspun.errors import InputError
from unspun.ingest import iter_articles
from unspun.ingest.sources import kind_of_name, sniff
from unspun.model import Article
from unspun.options import ReadOptions

NO_LEARN = ReadOptions(learn_furniture=False)
STORY = (
    "Tidal pool survey finds rare crab\n\nVolunteers counting creatures in the tidal pools "
    "below the east cliff found a rare purple shore crab on Saturday.\n\nThe survey runs "
    "every spring and relies on forty volunteers, the organiser said."
)
PAGE = (
    "<html><head><title>Quay lights repaired</title></head><body><article><h1>Quay lights "
    "repaired</h1><p>The lights along the north quay were repaired on Friday after three "
    "weeks of darkness that worried fishermen.</p><p>The council apologised for the delay "
    "and blamed a shortage of parts.</p></article></body></html>"
)


def split(items: list[Article | InputError]) -> tuple[list[Article], list[InputError]]:
    return (
        [i for i in items if isinstance(i, Article)],
        [i for i in items if isinstance(i, InputError)],
    )


def test_kind_by_extension_and_sniffing() -> None:
    assert kind_of_name("a/b/CRAWL.WARC.GZ") == "warc" and kind_of_name("x.htm") == "html"
    assert kind_of_name("notes.md") is None
    assert sniff(b"WARC/1.1\r\n") == "warc" and sniff(b"\x1f\x8b\x08") == "warc"
    assert sniff(b'  {"text": 1}') == "jsonl" and sniff(b"<!doctype html>") == "html"
    assert sniff(b"Just words.") == "text" and sniff(b"\x00\x01\x02binary") is None


def test_folder_recursive_by_extension(tmp_path: Path) -> None:
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "b" / "story.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b" / "deep" / "batch.jsonl").write_text(
        json.dumps({"url": "https://x.example/1", "text": STORY}) + "\n", encoding="utf-8"
    )
    (tmp_path / "b" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (tmp_path / ".hidden" / "c.html").write_text(PAGE, encoding="utf-8")
    articles, errors = split(list(iter_articles([str(tmp_path)], NO_LEARN)))
    assert errors == []
    assert [a.title for a in articles] == [
        "Quay lights repaired",
        "Tidal pool survey finds rare crab",
        "Tidal pool survey finds rare crab",
    ]


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("nothing to read", encoding="utf-8")
    _, errors = split(list(iter_articles([str(tmp_path)])))
    assert len(errors) == 1 and "no files ending in" in errors[0].reason


def test_bad_inputs_each_named_and_batch_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.html"
    good.write_text(PAGE, encoding="utf-8")
    binary = tmp_path / "blob.html"
    binary.write_bytes(bytes(range(256)) * 8)
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    script = tmp_path / "script.html"
    script.write_text("<html><body><script>for(;;){}</script></body></html>", encoding="utf-8")
    huge = tmp_path / "huge.html"
    with huge.open("wb") as fh:  # sparse: 50 MB on paper, nothing on disk
        fh.truncate(50 * 1024 * 1024)
    inputs = [str(p) for p in (tmp_path / "missing.html", binary, empty, good, script, huge)]
    articles, errors = split(list(iter_articles(inputs, NO_LEARN)))
    assert [a.title for a in articles] == ["Quay lights repaired"]
    reasons = {Path(e.source).name: e.reason for e in errors}
    assert reasons == {
        "missing.html": "no such file or directory",
        "blob.html": "binary file, not text or HTML",
        "empty.html": "empty page",
        "script.html": "no article text found (empty or script-only page)",
        "huge.html": "page is 50.0 MB, over the 20.0 MB limit",
    }


def test_huge_page_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    opened: list[Path] = []
    real_open = Path.open

    def spy(self: Path, *args: object, **kwargs: object) -> object:
        opened.append(self)
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", spy)
    (err,) = list(iter_articles([str(huge)]))
    assert isinstance(err, InputError) and "50.0 MB" in err.reason
    assert opened == []  # refused on its size alone


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(STORY, encoding="utf-8")
    if os.geteuid() != 0:
        locked.chmod(0)
    else:  # root reads anything: simulate what the OS says to everyone else
        real_open = Path.open

        def deny(self: Path, *args: object, **kwargs: object) -> object:
            if self.name == "locked.txt":
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

        monkeypatch.setattr(Path, "open", deny)
    (err,) = list(iter_articles([str(locked)]))
    assert isinstance(err, InputError) and err.reason == "permission denied"
    assert err.source == str(locked)


def test_latin1_text_file(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(
        "Café owner wins award\n\nThe owner of the quay café, Zoë Martín, won the regional "
        "prize for the second year running.".encode("latin-1")
    )
    (a,) = list(iter_articles([str(path)]))
    assert isinstance(a, Article)
    assert a.title == "Café owner wins award" and "Zoë Martín" in a.text


def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "saved.page"
    path.write_text(PAGE, encoding="utf-8")
    (a,) = list(iter_articles([str(path)]))
    assert isinstance(a, Article) and a.title == "Quay lights repaired"


@pytest.mark.parametrize("data, title", [(PAGE, "Quay lights repaired"),
                                         (STORY, "Tidal pool survey finds rare crab")])
def test_stdin(monkeypatch: pytest.MonkeyPatch, data: str, title: str) -> None:
    fake = io.TextIOWrapper(io.BufferedReader(io.BytesIO(data.encode("utf-8"))))
    monkeypatch.setattr(sys, "stdin", fake)
    (a,) = list(iter_articles(["-"]))
    assert isinstance(a, Article) and a.title == title


def test_stdin_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(b""))))
    (err,) = list(iter_articles(["-"]))
    assert isinstance(err, InputError) and err.source == "<stdin>"


def test_learned_furniture_across_a_folder(tmp_path: Path) -> None:
    tagline = "Quay Courier: the islands' own paper"
    for i in range(4):
        (tmp_path / f"p{i}.html").write_text(
            PAGE.replace("Quay lights repaired", f"Quay story {i}")
            .replace("</article>", f"<p>{tagline}</p></article>")
            .replace("<head>", f'<head><link rel="canonical" href="https://quaycourier.example/{i}">'),
            encoding="utf-8",
        )
    learned = [a for a in iter_articles([str(tmp_path)]) if isinstance(a, Article)]
    plain = [a for a in iter_articles([str(tmp_path)], NO_LEARN) if isinstance(a, Article)]
    assert len(learned) == 4 and all(a.site == "quaycourier.example" for a in learned)
    assert all(tagline in a.text for a in plain)
    assert all(tagline not in a.text for a in learned)


def test_a_reader_failing_on_one_input_spoils_only_that_input(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unexpected failure inside a reader is one bad input (named, one line), and the
    inputs after it are still read: JSONL records, WARC records and whole files alike."""
    import unspun.ingest.jsonl as jsonl
    import unspun.ingest.sources as sources

    real_text = sources.article_from_text
    real_record = jsonl.article_from_record

    def fragile_text(text: str, **kw: object) -> Article:
        if "BOOM" in text:
            raise UnicodeError("decoding with 'undefined' codec failed")
        return real_text(text, **kw)  # type: ignore[arg-type]

    def fragile_record(obj: dict[str, object], options: ReadOptions = NO_LEARN) -> Article:
        if obj.get("boom"):
            raise RecursionError("maximum recursion depth exceeded")
        return real_record(obj, options)

    monkeypatch.setattr(sources, "article_from_text", fragile_text)
    monkeypatch.setattr(jsonl, "article_from_record", fragile_record)
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.txt").write_text("BOOM\n\n" + STORY, encoding="utf-8")
    lines = [{"url": "https://x.example/1", "text": STORY}, {"boom": True, "text": STORY},
             {"url": "https://x.example/3", "text": STORY}]
    (tmp_path / "c.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines),
                                      encoding="utf-8")
    (tmp_path / "d.txt").write_text(STORY.replace("rare", "rarer"), encoding="utf-8")
    articles, errors = split(list(iter_articles([str(tmp_path)], NO_LEARN)))
    assert len(articles) == 4
    assert [e.source for e in errors] == [str(tmp_path / "b.txt"), f"{tmp_path / 'c.jsonl'}:2"]
    assert "UnicodeError" in errors[0].reason and "RecursionError" in errors[1].reason


class _FifoWriter:
    """Writes `data` into the FIFO at `path` once a reader opens it (opening the write end
    blocks until then); `release()` ends a wait that no reader ended."""

    def __init__(self, path: Path, data: bytes) -> None:
        import threading

        self.path, self.data, self.opened = path, data, False
        self.thread = threading.Thread(target=self._write, daemon=True)
        self.thread.start()

    def _write(self) -> None:
        try:
            with self.path.open("wb") as fh:
                self.opened = True
                fh.write(self.data)
        except OSError:  # released: the reader end was closed before we wrote
            pass

    def release(self) -> None:
        fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK)  # lets the writer's open return
        self.thread.join()
        os.close(fd)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_in_a_folder_is_refused_unread(tmp_path: Path) -> None:
    # Issue 19 item 6: a FIFO named *.html in a folder hung `extract`/`add` forever (opening
    # it waits for a writer). Here a writer is there, so the old code read it instead.
    (tmp_path / "a.html").write_text(PAGE, encoding="utf-8")
    fifo = tmp_path / "b.html"
    os.mkfifo(fifo)
    writer = _FifoWriter(fifo, PAGE.replace("Quay", "Pier").encode())
    try:
        articles, errors = split(list(iter_articles([str(tmp_path)], NO_LEARN)))
        read_it = writer.opened  # a reader had opened it (and read it to the end)
    finally:
        writer.release()
    assert [a.title for a in articles] == ["Quay lights repaired"]
    assert [(e.source, e.reason) for e in errors] == [
        (str(fifo), "not a regular file (a FIFO, socket or device): skipped")]
    assert not read_it


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_named_on_the_command_line_is_read(tmp_path: Path) -> None:
    # Named explicitly (`unspun add <(curl ...)`) a pipe is what the user asked to read.
    fifo = tmp_path / "piped.html"
    os.mkfifo(fifo)
    writer = _FifoWriter(fifo, PAGE.encode())
    articles, errors = split(list(iter_articles([str(fifo)], NO_LEARN)))
    writer.thread.join()
    assert errors == [] and [a.title for a in articles] == ["Quay lights repaired"]
