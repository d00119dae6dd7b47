"""The library store: idempotent adds, versions, removal, read-only mode, fingerprint schemes."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from test_retrieve_fixtures import STORIES, copy_of, original, originals
from unspun.errors import InputError, UnspunError
from unspun.ingest.assemble import build_article
from unspun.library import FingerprintParams, Library
from unspun.library.fingerprint import fingerprint
from unspun.library.lsh import band_keys, candidate_probability, optimal_params
from unspun.library.minhash import NumpyMinHash, rensa_signatures, shingle_hashes
from unspun.library.schema import SCHEMA_VERSION
from unspun.model import Article
from unspun.text.tokens import words


def _lib(tmp_path: Path) -> Library:
    return Library.open(tmp_path / "lib.db")


def test_same_article_twice_is_stored_once(tmp_path: Path) -> None:
    lib = _lib(tmp_path)
    arts = originals()
    first = lib.add([*arts, arts[0]])
    assert (first.added, first.present) == (len(arts), 1)
    again = lib.add(arts)
    assert (again.added, again.present, again.new_versions) == (0, len(arts), 0)
    assert len(lib) == len(arts)
    assert lib.check() == []


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    lib = _lib(tmp_path)
    a = original(2)
    lib.add([a])
    assert lib.get(a.id) == a


def test_changed_page_is_a_new_version_and_old_one_is_kept(tmp_path: Path) -> None:
    lib = _lib(tmp_path)
    a = original(0)
    b = copy_of(0, extra="Talks are due to resume on Friday.", url=a.url or "")
    assert a.url == b.url and a.id != b.id
    lib.add([a])
    s = lib.add([b])
    assert (s.added, s.new_versions) == (1, 1)
    rows = lib.conn.execute("SELECT id, version, superseded FROM articles ORDER BY version"
                            ).fetchall()
    assert rows == [(a.id, 1, 1), (b.id, 2, 0)]
    st = lib.stats()
    assert (st.articles, st.current, st.superseded) == (2, 1, 1)
    # Removing the newest version makes the older one current again.
    assert lib.remove(ids=[b.id]) == 1
    assert lib.conn.execute("SELECT superseded FROM articles").fetchall() == [(0,)]
    assert lib.check() == []


def test_remove_by_id_url_and_site_clears_every_table(tmp_path: Path) -> None:
    lib = _lib(tmp_path)
    arts = originals()
    lib.add(arts)
    lsh_before = lib.stats().lsh_rows
    assert lib.remove(ids=[arts[0].id]) == 1
    assert lib.remove(urls=[arts[1].url or ""]) == 1
    assert lib.remove(sites=[arts[2].site or ""]) == 1
    assert lib.remove(ids=["nope"]) == 0
    assert len(lib) == len(arts) - 3
    assert 0 < lib.stats().lsh_rows < lsh_before
    assert lib.check() == []
    fts = lib.conn.execute("SELECT COUNT(*) FROM term_index WHERE term_index MATCH 'vallmark'"
                           ).fetchone()[0]
    assert fts == 0  # the ferry story's terms left the index with it


def test_doc_numbers_are_never_reused(tmp_path: Path) -> None:
    # Stories state is keyed by doc number: a removed article's number given to a new one
    # would make the new article look already searched.
    lib = _lib(tmp_path)
    arts = originals()
    lib.add(arts[:3])

    def docs() -> list[int]:
        return [int(r[0]) for r in lib.conn.execute("SELECT doc FROM articles ORDER BY doc")]

    assert docs() == [1, 2, 3]
    assert lib.remove(ids=[arts[2].id]) == 1
    lib.add(arts[3:4])
    assert docs() == [1, 2, 4]
    assert lib.remove(ids=[arts[3].id, arts[1].id]) == 2
    lib.add(arts[2:3])
    assert docs() == [1, 5]
    lib.close()
    reopened = Library.open(tmp_path / "lib.db")
    reopened.add(arts[4:5])
    assert [int(r[0]) for r in reopened.conn.execute("SELECT doc FROM articles ORDER BY doc")
            ] == [1, 5, 6]
    assert reopened.check() == []


def test_input_errors_in_the_stream_are_counted(tmp_path: Path) -> None:
    lib = _lib(tmp_path)
    seen: list[str] = []
    s = lib.add([original(0), InputError("bad.html", "empty page"), original(1)],
                on_error=lambda e: seen.append(e.source))
    assert (s.added, s.failed, seen) == (2, 1, ["bad.html"])
    assert s.errors == ["bad.html: empty page"]


def test_small_batches_commit_separately(tmp_path: Path) -> None:
    lib = _lib(tmp_path)
    progress: list[int] = []
    lib.add(originals(), batch_size=2, progress=lambda s: progress.append(s.added))
    assert progress == [2, 4, 5]


def test_missing_library_is_not_created_when_reading(tmp_path: Path) -> None:
    p = tmp_path / "none.db"
    with pytest.raises(UnspunError, match="no library"):
        Library.open(p, readonly=True)
    with pytest.raises(UnspunError, match="no library"):
        Library.open(p, create=False)
    assert not p.exists()


def test_read_only_mode_reads_but_refuses_writes(tmp_path: Path) -> None:
    lib = _lib(tmp_path)
    lib.add(originals())
    lib.close()
    ro = Library.open(tmp_path / "lib.db", readonly=True)
    assert len(ro) == len(STORIES)
    with pytest.raises(UnspunError, match="read-only"):
        ro.add([copy_of(1, share=0.5)])
    with pytest.raises(sqlite3.OperationalError):
        ro.conn.execute("DELETE FROM articles")


def test_not_a_library_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "other.db"
    sqlite3.connect(p).execute("CREATE TABLE x(y)")
    with pytest.raises(UnspunError, match="not an unspun library"):
        Library.open(p)
    q = tmp_path / "junk.db"
    q.write_bytes(b"this is no database at all" * 100)
    with pytest.raises(UnspunError):
        Library.open(q)


_DIE_IN_CREATE = """
import os, sys
from unspun.library import FingerprintParams, Library
FingerprintParams.version_tag = lambda self: os._exit(9)  # the process dies mid-creation
Library.open(sys.argv[1])
"""


def test_library_killed_while_being_created_opens_and_fills(tmp_path: Path) -> None:
    """A process that dies (like kill -9) while making a new library leaves a file every
    later command can open: schema and meta rows are one transaction."""
    p = tmp_path / "lib.db"
    died = subprocess.run([sys.executable, "-c", _DIE_IN_CREATE, str(p)], check=False)
    assert died.returncode == 9
    with Library.open(p) as lib:
        assert lib.add([original(0)]).added == 1
        assert lib.check() == []
    with Library.open(p, readonly=True) as ro:
        assert len(ro) == 1


def test_library_left_without_meta_rows_is_finished_on_open(tmp_path: Path) -> None:
    """A library an older unspun left half-made (tables, no meta rows, no articles) is made
    whole by the next writer instead of failing every command."""
    p = tmp_path / "lib.db"
    Library.open(p).close()
    conn = sqlite3.connect(p)
    conn.execute("DELETE FROM meta")
    conn.commit()
    conn.close()
    with pytest.raises(UnspunError, match="unspun add"):
        Library.open(p, readonly=True)
    with Library.open(p) as lib:
        assert lib.add([original(0)]).added == 1


def test_fingerprint_schemes_are_not_mixed(tmp_path: Path) -> None:
    lib = _lib(tmp_path)
    lib.add([original(0)])
    lib.conn.execute("UPDATE meta SET value = 'v0/old' WHERE key = 'fingerprint_tag'")
    lib.close()
    with pytest.raises(UnspunError, match="cannot be mixed"):
        Library.open(tmp_path / "lib.db")
    # A new library keeps the params it was made with.
    other = Library.open(tmp_path / "o.db", params=FingerprintParams(num_perm=64, threshold=0.5))
    other.close()
    reopened = Library.open(tmp_path / "o.db")
    assert reopened.params.num_perm == 64
    assert (reopened.params.bands, reopened.params.rows) == optimal_params(0.5, 64)


def test_optimal_params_match_datasketch() -> None:
    from datasketch.lsh import _optimal_param

    for t, n in [(0.3, 128), (0.5, 128), (0.8, 64), (0.4, 256)]:
        assert optimal_params(t, n) == _optimal_param(t, n, 0.5, 0.5)
    b, r = optimal_params(0.5, 128)
    assert candidate_probability(0.8, b, r) > 0.99 > 0.01 > candidate_probability(0.1, b, r)
    with pytest.raises(ValueError):
        optimal_params(1.5, 128)


def test_numpy_minhash_equals_datasketch_with_same_permutations() -> None:
    from datasketch import MinHash

    h = shingle_hashes(words(original(3).text))
    ours = NumpyMinHash(128, seed=5).signature(h)
    theirs = MinHash(num_perm=128, seed=5, hashfunc=lambda x: x, scheme="legacy")
    theirs.update_batch([int(v) for v in (h & np.uint64(0xFFFFFFFF))])
    assert np.array_equal(ours, theirs.hashvalues)


def test_shingle_hashes_are_stable_across_processes() -> None:
    text = original(1).text
    here = shingle_hashes(words(text)).tolist()
    code = ("import json,sys; from unspun.library.minhash import shingle_hashes; "
            "from unspun.text.tokens import words; "
            "print(json.dumps(shingle_hashes(words(sys.stdin.read())).tolist()))")
    out = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True,
                         text=True, check=True, env={"PYTHONHASHSEED": "123", "PATH": ""})
    assert json.loads(out.stdout) == here


def test_rensa_signatures_estimate_jaccard() -> None:
    rng = np.random.default_rng(3)
    base = rng.integers(0, 2**63, size=2000, dtype=np.uint64)
    a, b = base[:1500], base[500:]  # Jaccard 1000 / 2000 = 0.5
    sig = rensa_signatures([a, b, np.empty(0, dtype=np.uint64)], 256, 1)
    est = float(np.mean(sig[0] == sig[1]))
    assert abs(est - 0.5) < 0.1
    keys = band_keys(sig, 32, 8)
    assert keys.shape == (3, 32) and keys.dtype == np.int64
    assert len(set(keys[0].tolist())) == 32  # band index is mixed into the key


def test_article_without_words_gets_no_band_keys(tmp_path: Path) -> None:
    lib = _lib(tmp_path)
    empty = build_article([("body", "— … —")], url="https://x.example/e")
    lib.add([empty, original(0)])
    assert lib.check() == []
    assert lib.lsh_candidates([], 5) == []


def test_articles_read_before_a_failing_stream_are_kept(tmp_path: Path) -> None:
    """When the input stream itself fails, the articles it gave before are committed (a batch
    is written whole), then the failure goes on to the caller."""
    arts = originals()

    def stream() -> Iterator[Article | InputError]:
        yield from arts[:3]
        raise KeyboardInterrupt

    lib = _lib(tmp_path)
    with pytest.raises(KeyboardInterrupt):
        lib.add(stream(), batch_size=2)
    assert {a.id for a in lib.iter_articles()} == {a.id for a in arts[:3]}
    assert lib.check() == []


def test_source_id_is_stored(tmp_path: Path) -> None:
    from unspun.ingest import article_from_record

    a = article_from_record({"id": "rec-7", "url": "https://a.example/x",
                             "text": "Quay lights repaired\n\nThe north quay lights were "
                                     "repaired on Friday after three weeks of darkness."})
    with _lib(tmp_path) as lib:
        lib.add([a])
        assert lib.get(a.id) == a and a.source_id == "rec-7"


def test_schema_1_library_is_read_and_upgraded(tmp_path: Path) -> None:
    """A library made before articles kept their source id (schema 1) is still read, and the
    first writer upgrades it in place."""
    p = tmp_path / "lib.db"
    with Library.open(p) as lib:
        lib.add([original(0)])
    conn = sqlite3.connect(p)
    conn.execute("ALTER TABLE articles DROP COLUMN source_id")
    conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with Library.open(p, readonly=True) as ro:
        assert ro.get(original(0).id) == original(0)
        from unspun.stories.build import load_nodes

        # Stories read it too: its articles have no source id.
        assert [n.source_id for n in load_nodes(ro)[0]] == [None]
    with Library.open(p) as lib:
        assert lib.add([original(1)]).added == 1
        assert lib.get(original(1).id) == original(1)
        assert lib.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'"
                                ).fetchone() == (str(SCHEMA_VERSION),)
        assert lib.check() == []


def test_schema_2_library_is_read_and_upgraded(tmp_path: Path) -> None:
    """A library made before band keys had a recent table (schema 2) is searched as it is,
    and the first writer upgrades it."""
    p = tmp_path / "lib.db"
    with Library.open(p) as lib:
        lib.add([original(0)])
    conn = sqlite3.connect(p)
    conn.execute("DROP TABLE lsh_recent")
    conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with Library.open(p, readonly=True) as ro:
        assert ro.lsh_tables == ("lsh",) and ro.check() == []
        assert ro.lsh_candidates(list(fingerprint(original(0), ro.params).keys), 5)[0][0] == 1
    with Library.open(p) as lib:
        assert lib.add([original(1)]).added == 1
        assert lib.lsh_tables == ("lsh", "lsh_recent") and lib.check() == []


def test_band_keys_wait_in_the_recent_table_and_are_found_there(tmp_path: Path) -> None:
    """Keys of a batch not yet merged (an add killed, or `add_articles`) are searched, read
    by `band_rows` and counted; merging moves them and changes no answer."""
    with Library.open(tmp_path / "lib.db") as lib:
        lib.add([original(0)])
        assert lib.conn.execute("SELECT COUNT(*) FROM lsh_recent").fetchone()[0] == 0
        lib.add_articles([original(1)])
        fp = fingerprint(original(1), lib.params)
        assert lib.conn.execute("SELECT COUNT(*) FROM lsh_recent").fetchone()[0] == len(
            set(fp.keys))
        before = (lib.lsh_candidates(list(fp.keys), 5), list(lib.band_rows()),
                  lib.lsh_row_count())
        assert before[1] == sorted(before[1]) and lib.check() == []
        lib.merge_band_keys()
        assert lib.conn.execute("SELECT COUNT(*) FROM lsh_recent").fetchone()[0] == 0
        assert (lib.lsh_candidates(list(fp.keys), 5), list(lib.band_rows()),
                lib.lsh_row_count()) == before
        assert lib.remove(ids=[original(1).id]) == 1 and lib.check() == []
