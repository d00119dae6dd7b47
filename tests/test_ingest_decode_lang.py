"""Decoding bytes of unknown encoding, binary detection, and the offline language guess."""

from __future__ import annotations

import codecs

import pytest

from unspun.ingest.decode import declared_charset, decode_bytes, looks_binary
from unspun.ingest.lang import guess_lang, normalize_tag

FR = "Le café du port était fermé mardi, a déclaré la propriétaire Hélène Marchand."
RU = "Правительство заявило во вторник, что паромы будут ходить по сокращенному расписанию."


def test_utf8_wins_over_a_wrong_single_byte_declaration() -> None:
    assert decode_bytes(FR.encode("utf-8"), declared="iso-8859-1") == FR


def test_declared_charset_used_when_utf8_fails() -> None:
    assert decode_bytes(RU.encode("cp1251"), declared="windows-1251") == RU


def test_undeclared_legacy_bytes_are_detected() -> None:
    assert decode_bytes(FR.encode("latin-1")) == FR  # Western text: cp1252, not cp775
    assert decode_bytes((RU + " " + RU).encode("cp1251")) == RU + " " + RU


def test_boms() -> None:
    assert decode_bytes(codecs.BOM_UTF8 + FR.encode("utf-8")) == FR
    assert decode_bytes(FR.encode("utf-16")) == FR
    assert not looks_binary(FR.encode("utf-16"))


def test_declared_charset_from_header_and_meta() -> None:
    assert declared_charset(b"<html>", "text/html; charset=ISO-8859-1") == "iso8859-1"
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; '
                            b'charset=windows-1251">') == "cp1251"
    assert declared_charset(b'<meta charset="no-such-codec">') is None


def test_binary_detection() -> None:
    assert looks_binary(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert looks_binary(bytes(range(1, 32)) * 4)
    assert not looks_binary(FR.encode("utf-8")) and not looks_binary(b"")


@pytest.mark.parametrize(
    "text, lang",
    [
        ("The council said on Tuesday that the ferry would run again when the crews "
         "returned, and that it was in talks with the union.", "en"),
        ("Le conseil a dit mardi que le ferry reprendrait du service dans la semaine et "
         "que les équipages sont en grève pour des raisons de sécurité.", "fr"),
        ("Der Rat sagte am Dienstag, dass die Fähre wieder fahren wird, wenn die "
         "Besatzungen nicht mehr streiken und die Gespräche mit der Gewerkschaft enden.", "de"),
        ("Ferry Marrow Island Petra Vance Blue Gull Lines 48 hours", None),
        ("Too short.", None),
    ],
)
def test_guess_lang(text: str, lang: str | None) -> None:
    assert guess_lang(text) == lang


def test_declared_tag_wins_and_is_normalised() -> None:
    assert guess_lang("whatever text", declared="en-GB") == "en"
    assert normalize_tag("pt_BR") == "pt" and normalize_tag("not a tag") is None


def test_mostly_utf8_with_broken_bytes_stays_utf8() -> None:
    raw = "Café reopens. The café on the quay reopened, said Zoë.".encode() + b" \xff\xfe end."
    text = decode_bytes(raw)
    assert text.startswith("Café reopens. The café") and "Zoë" in text
    assert text.count("\ufffd") == 2


@pytest.mark.parametrize("name", ["undefined", "utf-7", "idna", "punycode"])
def test_a_declared_codec_that_cannot_read_the_bytes_is_passed_over(name: str) -> None:
    # Issue 19 item 1: `codecs.lookup("undefined")` succeeds, but decoding with it raises a
    # plain UnicodeError (not UnicodeDecodeError); the next rung of the ladder must decide.
    data = FR.encode("latin-1")
    assert decode_bytes(data, declared=name) == FR
    assert decode_bytes(data, declared=declared_charset(b"", f"text/html; charset={name}")) == FR


def test_a_declared_name_codecs_cannot_even_look_up_is_passed_over() -> None:
    # Found by tests/test_fuzz_readers.py: codecs.lookup raises ValueError on a NUL.
    assert decode_bytes(FR.encode("latin-1"), declared="\x00") == FR
