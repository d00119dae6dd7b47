"""Thesauri for synonym spinning: our own lexicon (always there) and WordNet (when present).

The lexicon (`lexicon.txt`, written for this project) covers the words of the invented
events. For real text (`--from CORPUS`) WordNet 3.0 is read at run time from the first
of `WORDNET_DIRS` that holds the database files (`index.noun`, `data.noun`, ...); it is
never copied into the repository. Lookups fall back to the lexicon.
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources
from pathlib import Path

WORDNET_DIRS: tuple[str, ...] = (
    "/usr/share/wordnet",
    "/work/shared/data/wordnet-3.0/nltk_data/corpora/wordnet",
    os.path.expanduser("~/nltk_data/corpora/wordnet"),
)

_POS = ("noun", "verb", "adj", "adv")


class Thesaurus:
    """word (lower case) -> synonyms, most familiar sense first."""

    __slots__ = ("_table", "name")

    def __init__(self, table: dict[str, tuple[str, ...]], name: str) -> None:
        self._table = table
        self.name = name

    def synonyms(self, word: str) -> tuple[str, ...]:
        return self._table.get(word, ())

    def __len__(self) -> int:
        return len(self._table)


@lru_cache(maxsize=1)
def lexicon() -> Thesaurus:
    """The bundled lexicon."""
    text = resources.files("unspun.corpus").joinpath("lexicon.txt").read_text("utf-8")
    table: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        word, syns = line.split(":", 1)
        options = tuple(s.strip() for s in syns.split(",") if s.strip() and s.strip() != word)
        if options:
            table[word.strip()] = options
    return Thesaurus(table, "lexicon")


def find_wordnet(extra: str | None = None) -> Path | None:
    """The first directory holding WordNet's database files, or None."""
    for d in ((extra,) if extra else ()) + WORDNET_DIRS:
        p = Path(d)
        if (p / "index.noun").is_file() and (p / "data.noun").is_file():
            return p
    return None


@lru_cache(maxsize=2)
def wordnet(directory: str) -> Thesaurus:
    """Synonyms from WordNet: the lemmas of each word's first two senses, merged with the
    lexicon (lexicon entries win; they suit news prose better)."""
    root = Path(directory)
    table: dict[str, tuple[str, ...]] = {}
    for pos in _POS:
        offsets_of: dict[str, list[int]] = {}
        with open(root / f"index.{pos}", encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith(" ") or "_" in line.split(" ", 1)[0]:
                    continue
                parts = line.split()
                n_synsets = int(parts[2])
                offsets_of[parts[0]] = [int(o) for o in parts[-n_synsets:][:2]]
        lemmas = _read_synsets(
            root / f"data.{pos}", {o for os_ in offsets_of.values() for o in os_}
        )
        for word, offsets in offsets_of.items():
            if word in table or len(word) < 3:
                continue
            syns: list[str] = []
            for o in offsets:
                for lemma in lemmas.get(o, ()):
                    if lemma != word and lemma not in syns:
                        syns.append(lemma)
            if syns:
                table[word] = tuple(syns[:6])
    table.update(lexicon()._table)
    return Thesaurus(table, "wordnet+lexicon")


def _read_synsets(path: Path, wanted: set[int]) -> dict[int, tuple[str, ...]]:
    """Single-word lemmas of the synsets at byte `wanted` offsets of a data file."""
    out: dict[int, tuple[str, ...]] = {}
    with open(path, "rb") as f:
        for o in sorted(wanted):
            f.seek(o)
            parts = f.readline().decode("utf-8", "replace").split()
            n = int(parts[3], 16)
            words = []
            for i in range(n):
                lemma = parts[4 + 2 * i]
                lemma = lemma.split("(", 1)[0]
                if "_" not in lemma and lemma.isalpha():
                    words.append(lemma.lower())
            out[o] = tuple(words)
    return out


def thesaurus_for(real_text: bool, wordnet_dir: str | None = None) -> Thesaurus:
    """WordNet (plus lexicon) for real text when present, else the lexicon."""
    if real_text:
        found = find_wordnet(wordnet_dir)
        if found is not None:
            return wordnet(str(found))
    return lexicon()
