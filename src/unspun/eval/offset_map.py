"""Map character offsets of a normalised text back to the raw text it was made from.

PAN truth is given in character offsets of the raw files, while unspun aligns the
normalised `Article.text` (whitespace collapsed, control characters dropped, mojibake
fixed, NFC). Rather than aligning raw text (and bypassing the one Article constructor),
we keep a map from every normalised character to the raw character it came from.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Indel

# Raw characters normalisation may drop without a trace (see text/normalize.py).
_DROPPABLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\x7f") | frozenset(
    chr(c) for c in range(32) if chr(c) != "\n"
)


@dataclass(slots=True, frozen=True)
class OffsetMap:
    """`raw_of[i]` is the raw index of normalised character i; `raw_of[len(norm)] == len(raw)`."""

    raw_of: tuple[int, ...]
    raw_length: int

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw (offset, length) of normalised span [start, end)."""
        n = len(self.raw_of) - 1
        start, end = max(0, min(start, n)), max(0, min(end, n))
        if end <= start:
            pos = self.raw_of[start]
            return pos, 0
        raw_start = self.raw_of[start]
        raw_end = self.raw_of[end - 1] + 1
        return raw_start, max(0, min(raw_end, self.raw_length) - raw_start)


def _walk(raw: str, norm: str) -> list[int] | None:
    """Two-pointer map when normalisation only dropped or collapsed characters, else None."""
    out: list[int] = []
    i = 0
    n_raw = len(raw)
    for c in norm:
        while i < n_raw:
            r = raw[i]
            if r == c or (r.isspace() and c.isspace()):
                break
            if r.isspace() or r in _DROPPABLE:
                i += 1
                continue
            return None  # a character was changed (ftfy, NFC): fall back to the diff
        if i >= n_raw:
            return None
        out.append(i)
        i += 1
    return out


def _diff(raw: str, norm: str) -> list[int]:
    """Map through an insert/delete diff: unmatched normalised chars take the next raw position."""
    out = [0] * len(norm)
    for op in Indel.opcodes(raw, norm):
        if op.tag == "equal":
            for k in range(op.dest_end - op.dest_start):
                out[op.dest_start + k] = op.src_start + k
        elif op.tag == "insert":
            for j in range(op.dest_start, op.dest_end):
                out[j] = min(op.src_start, max(len(raw) - 1, 0))
    return out


def build_offset_map(raw: str, norm: str) -> OffsetMap:
    """The map from `norm` (derived from `raw` by unspun's normalisation) back to `raw`."""
    mapped = _walk(raw, norm)
    if mapped is None:
        mapped = _diff(raw, norm)
    mapped.append(len(raw))
    return OffsetMap(tuple(mapped), len(raw))
