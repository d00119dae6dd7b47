"""Bytes to text, robustly: pages lie about their encoding, and some are not text at all.

Order of trust: a byte-order mark; strict UTF-8 (valid non-ASCII UTF-8 is almost never
an accident, while a declared single-byte charset such as latin-1 "succeeds" on any
bytes and would turn real UTF-8 into mojibake); UTF-8 with a few broken bytes (they
become U+FFFD); the charset the page or HTTP header declares; statistical detection
(charset-normalizer, preferring cp1252 on a tie); finally cp1252 with replacement.
Remaining mojibake is repaired later by ftfy in `normalize_paragraph`.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]{1,40})", re.I)
_WESTERN = frozenset({"cp1252", "latin_1", "iso8859_15"})
# Control bytes that never occur in text (tab, newline, CR, form feed and ESC excluded).
_BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    """The charset an HTTP Content-Type or the page's `<meta>` declares, if it is a known codec."""
    candidates: list[str] = []
    if content_type:
        m = _HEADER_CHARSET.search(content_type)
        if m:
            candidates.append(m.group(1))
    m2 = _META_CHARSET.search(data[:8192])
    if m2:
        candidates.append(m2.group(1).decode("ascii", "ignore"))
    for name in candidates:
        try:
            return codecs.lookup(name).name
        except LookupError:
            continue
    return None


def looks_binary(head: bytes) -> bool:
    """True when `head` (the first few KB) is not text: NUL bytes or many control bytes.

    UTF-16/32 text has NULs too, so a BOM clears the verdict.
    """
    if not head:
        return False
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" in head:
        return True
    controls = sum(head.count(bytes([b])) for b in _BINARY_BYTES)
    return controls > max(4, len(head) // 100)


def decode_bytes(data: bytes, *, declared: str | None = None) -> str:
    """Decode `data` to str, never raising. `declared` is a charset name from headers/meta.

    A declared or detected codec that cannot read the bytes is passed over: besides
    UnicodeDecodeError, a codec Python knows by name may raise a plain UnicodeError
    ("undefined" always does), some names are not text codecs at all (LookupError), and
    `codecs.lookup` raises ValueError on a name with a NUL in it (UnicodeError is a
    ValueError too).
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly
    if declared:
        try:
            if codecs.lookup(declared).name != "utf-8":
                return data.decode(declared)
        except (LookupError, ValueError):
            pass
    guess = _detect(data[:65536])
    if guess:
        try:
            return data.decode(guess)
        except (LookupError, ValueError):
            pass
    return data.decode("cp1252", errors="replace")


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes (a truncated or spliced page): keep the UTF-8 reading.

    Legacy-encoded text has (almost) no valid multi-byte sequences, so at least three
    valid ones, and no fewer than broken bytes, say the page is UTF-8 with damage.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = len(text) - len(text.encode("ascii", "ignore")) - bad  # C speed on big pages
    return text if good >= max(3, bad) else None


def _detect(sample: bytes) -> str | None:
    """charset-normalizer's guess, but cp1252 when it reads as cleanly as the best guess.

    Short Western texts fit many single-byte code pages equally well (a French page
    "is" cp775 as much as cp1252); cp1252 is by far the most common of them on the web.
    """
    matches = list(from_bytes(sample))
    if not matches:
        return None
    least_chaos = min(m.chaos for m in matches)
    for m in matches:
        if m.encoding in _WESTERN and m.chaos <= least_chaos + 0.01:
            return "cp1252"
    best = matches[0].encoding
    return None if best in ("utf_8", "ascii") else best
