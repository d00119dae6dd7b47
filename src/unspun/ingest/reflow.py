"""Lines of plain text -> paragraphs: bullets stand alone, hard-wrapped lines are re-joined.

Text saved from mail, newsletters and terminals is often hard-wrapped: broken at a fixed
width, a paragraph ending on a short line or starting indented. A greedy wrapper breaks
a line only where the next word would not fit, so in such text most line ends are
"full" (the line, a space and the next line's first word are wider than the width) and
fall inside a sentence. Text written one paragraph a line (scraped text) has lines of
all lengths, most ending a sentence: it is left as it is, a paragraph a line.

Without blank lines or indentation, a paragraph whose last line happens to be full runs
on into the next: nothing in the text tells them apart.
"""

from __future__ import annotations

import itertools
import re

BULLET = re.compile(r"^\s*(?:[\u2022\u00b7\u25aa\u25cf\u2023\u2043*]|-(?=\s))\s+")
#: The end of a sentence (closing quotes and brackets allowed after it).
CLOSES = re.compile(r"[.!?:;\u2026][\"'\u201d\u2019)\]]*$")
_MIN_WIDTH, _MAX_WIDTH = 30, 120  # nobody wraps narrower or wider
#: A line this close to the width, ending inside a sentence, was wrapped too (wrappers
#: that balance lines, or proportional fonts in a PDF, break a little before the width).
_NEARLY = 0.85


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _continues(line: str, nxt: str, width: int) -> bool:
    """True when the break between `line` and `nxt` is wrapping, not a paragraph's end."""
    room = len(line) + 1 + len(nxt.split(None, 1)[0])
    return room > width or (room > width * _NEARLY and not CLOSES.search(line))


def wrap_width(lines: list[str]) -> int | None:
    """The width `lines` were hard-wrapped at (the longest line), or None if they were not.

    Wrapped: at least 90% of the lines within the widths people wrap at, and of the line
    breaks at least two, and 30%, inside a sentence with no room for the next word.
    """
    body = [line.rstrip() for line in lines if line.strip()]
    fits = [len(line) for line in body if len(line) <= _MAX_WIDTH]
    if len(body) < 3 or len(fits) < 0.9 * len(body) or max(fits) < _MIN_WIDTH:
        return None
    width = max(fits)
    pairs = list(itertools.pairwise(body))
    wrapped = sum(1 for a, b in pairs if _continues(a, b, width) and not CLOSES.search(a))
    return width if wrapped >= max(2, 0.3 * len(pairs)) else None


def _joins(prev: str, line: str, width: int | None, bullet_indent: int | None,
           indented_starts: bool) -> bool:
    """True when `line` goes on the paragraph whose last line is `prev`."""
    if bullet_indent is not None:  # a bullet: indented lines under it continue it
        return _indent(line) > bullet_indent or (
            width is not None and _continues(prev, line, width))
    if indented_starts and _indent(line) > 0:
        return False
    return width is not None and _indent(line) <= _indent(prev) and _continues(prev, line, width)


def _glue(prev: str, line: str) -> str:
    """What goes between two wrapped lines: nothing after a hyphen a wrapper broke at
    ("once-in-a-" / "century"), else a space."""
    return "" if prev.endswith("-") and prev[-2:-1].isalpha() and line[:1].isalpha() else " "


def join_lines(lines: list[str], width: int | None) -> list[str]:
    """Paragraphs of `lines`: a bullet line starts one (its mark removed), and so does every
    line, except a bullet's indented continuation and, in text wrapped at `width`, a line
    the previous one was wrapped into (not one indented deeper: a paragraph's first line).
    """
    paras: list[str] = []
    prev: str | None = None
    bullet_indent: int | None = None  # the indentation of the bullet being continued
    # Paragraphs marked by an indented first line: some lines flush left, some indented
    # (all of them indented is a block set in, not a mark).
    shown = [line for line in lines if line.strip() and not BULLET.match(line)]
    indented_starts = 0 < sum(1 for line in shown if _indent(line) > 0) < len(shown)
    for raw in lines:
        line = raw.rstrip()
        if not line.strip():
            prev, bullet_indent = None, None
            continue
        mark = BULLET.match(line)
        if mark:
            paras.append(line[mark.end():])
            bullet_indent = _indent(line)
        elif prev is not None and _joins(prev, line, width, bullet_indent, indented_starts):
            paras[-1] += _glue(prev, line.lstrip()) + line.lstrip()
        else:
            paras.append(line.strip())
            bullet_indent = None
        prev = line
    return paras
