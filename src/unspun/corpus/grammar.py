"""A tiny template grammar for invented news prose.

`{a|b|c}` picks one alternative (alternatives nest), `<slot>` inserts a slot value.
Templates are parsed once and cached; expansion draws from the caller's `random.Random`,
so the same stream always gives the same sentence.
"""

from __future__ import annotations

import random
import re
from functools import lru_cache

# A parsed template: a sequence of literal strings, slot names (tuple ("slot", name)) and
# choices (lists of alternative sequences).
Node = str | tuple[str, str] | list["Seq"]
Seq = tuple[Node, ...]

_TOKEN = re.compile(r"[{}|<]|[^{}|<]+")


@lru_cache(maxsize=8192)
def parse(template: str) -> Seq:
    """Parse `template` into nodes; raises ValueError on unbalanced braces."""
    pos = 0
    stack: list[tuple[list[Seq], list[Node]]] = []
    current: list[Node] = []
    alts: list[Seq] = []
    while pos < len(template):
        ch = template[pos]
        if ch == "{":
            stack.append((alts, current))
            alts, current = [], []
            pos += 1
        elif ch == "|" and stack:
            alts.append(tuple(current))
            current = []
            pos += 1
        elif ch == "}" and stack:
            alts.append(tuple(current))
            choice: list[Seq] = alts
            alts, current = stack.pop()
            current.append(choice)
            pos += 1
        elif ch == "<":
            end = template.index(">", pos)
            current.append(("slot", template[pos + 1 : end]))
            pos = end + 1
        else:
            m = _TOKEN.match(template, pos)
            assert m is not None
            text = m.group()
            current.append(text)
            pos = m.end()
    if stack:
        raise ValueError(f"unbalanced braces in template: {template!r}")
    return tuple(current)


def expand(
    template: str, slots: dict[str, str], rng: random.Random, *, capitalize: bool = True
) -> str:
    """Expand `template` with `slots`, choosing alternatives with `rng`; tidy spacing."""
    out: list[str] = []
    _expand(parse(template), slots, rng, out)
    return tidy("".join(out), capitalize=capitalize)


def _expand(seq: Seq, slots: dict[str, str], rng: random.Random, out: list[str]) -> None:
    for node in seq:
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, tuple):
            out.append(slots[node[1]])
        else:
            _expand(node[int(rng.random() * len(node))], slots, rng, out)


_SPACES = re.compile(r" {2,}")
_BEFORE_PUNCT = re.compile(r" +([,.;:!?])")
_S_POSSESSIVE = re.compile(r"(?<=s)'s\b")


def tidy(text: str, *, capitalize: bool = True) -> str:
    """Collapse doubled spaces left by empty alternatives and capitalise the first letter."""
    text = _BEFORE_PUNCT.sub(r"\1", _SPACES.sub(" ", text)).strip()
    text = _S_POSSESSIVE.sub("'", text)
    return text[:1].upper() + text[1:] if capitalize and text else text
