"""The PAN reader, raw-offset map and `unspun eval pan`, on small PAN-layout corpora we write."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unspun.cli import app
from unspun.cli import eval as eval_cli
from unspun.errors import InputError
from unspun.eval.offset_map import build_offset_map
from unspun.eval.pan import (
    PanCorpus,
    article_from_raw,
    evaluate,
    read_corpus,
    read_document,
    read_truth,
)
from unspun.model import Article, Passage
from unspun.text.normalize import normalize_paragraph

# Invented text. The source passages are copied into suspicious documents with raw
# formatting the normaliser changes (CRLF, tabs, double spaces, a zero-width space,
# mojibake elsewhere), so raw and normalised offsets differ.
SRC1 = (
    "The harbour authority of Port Velden announced on Tuesday that the northern pier "
    "will close for repairs.\n\n"
    "Engineers found cracks in three of the support columns during a routine inspection "
    "last month. Repairs are expected to cost 4.2 million crowns and take until spring.\n\n"
    "Fishing boats will dock at the southern basin in the meantime, the authority said.\n"
)
SRC2 = (
    "A choir from the village of Amsel won the regional singing contest on Saturday.\n\n"
    "The twenty-two singers performed three folk songs and a hymn written by their "
    "conductor, Ilse Marten, who has led the choir for eleven years.\n"
)
COPY1_SRC = SRC1[SRC1.index("Engineers") : SRC1.index("spring.") + len("spring.")]
COPY1_RAW = COPY1_SRC.replace(" month. ", " month.  ").replace("cost ", "cost\r\n")
COPY2_SRC = SRC2[SRC2.index("The twenty-two") : SRC2.index("eleven years.") + len("eleven years.")]
COPY2_RAW = COPY2_SRC.replace("folk songs", "folk\u200b songs").replace(" and a ", "\tand a ")
SUSP1 = "Local news in brief.\r\n\r\nCouncil members met on Monday.\r\n\r\n" + COPY1_RAW + "\r\n"
SUSP2 = "Caf\u00c3\u00a9 owners  complain.\n\n" + COPY2_RAW + "\n\nMore next week.\n"
SUSP3 = "An unrelated note about the weather in the hills, which stayed dry all week.\n"

PASSAGES = {  # suspicious file -> (raw copy in susp, raw source span)
    "suspicious-document00001.txt": (COPY1_RAW, COPY1_SRC),
    "suspicious-document00002.txt": (COPY2_RAW, COPY2_SRC),
}


def _feature(
    susp: str, src_name: str, src_text: str, copy_raw: str, copy_src: str, obf: str
) -> str:
    return (
        f'<feature name="plagiarism" obfuscation="{obf}" type="artificial" '
        f'this_offset="{susp.index(copy_raw)}" this_length="{len(copy_raw)}" '
        f'source_reference="{src_name}" source_offset="{src_text.index(copy_src)}" '
        f'source_length="{len(copy_src)}"/>'
    )


def write_corpus(root: Path) -> Path:
    (root / "src").mkdir(parents=True)
    (root / "susp").mkdir()
    docs = {
        "src/source-document00001.txt": SRC1,
        "src/source-document00002.txt": SRC2,
        "susp/suspicious-document00001.txt": SUSP1,
        "susp/suspicious-document00002.txt": SUSP2,
        "susp/suspicious-document00003.txt": SUSP3,
    }
    for name, text in docs.items():
        with (root / name).open("w", encoding="utf-8", newline="") as f:
            f.write(text)
    (root / "pairs").write_text(
        "suspicious-document00001.txt source-document00001.txt\n"
        "suspicious-document00002.txt source-document00002.txt\n"
        "suspicious-document00003.txt source-document00001.txt\n",
        encoding="utf-8",
    )
    truth = {
        "02-no-obfuscation/suspicious-document00001-source-document00001.xml": (
            "suspicious-document00001.txt",
            _feature(SUSP1, "source-document00001.txt", SRC1, COPY1_RAW, COPY1_SRC, "none"),
        ),
        "03-random-obfuscation/suspicious-document00002-source-document00002.xml": (
            "suspicious-document00002.txt",
            _feature(SUSP2, "source-document00002.txt", SRC2, COPY2_RAW, COPY2_SRC, "random"),
        ),
        "01-no-plagiarism/suspicious-document00003-source-document00001.xml": (
            "suspicious-document00003.txt",
            "",
        ),
    }
    for name, (ref, features) in truth.items():
        (root / name).parent.mkdir(exist_ok=True)
        (root / name).write_text(
            f'<document reference="{ref}">\n{features}\n</document>\n', encoding="utf-8"
        )
    return root


def oracle_aligner(query: Article, source: Article) -> Sequence[Passage]:
    """Finds the known copied passage in the normalised texts (tests the pipeline only)."""
    out = []
    for copy_raw, copy_src in PASSAGES.values():
        q, s = normalize_paragraph(copy_raw), normalize_paragraph(copy_src)
        if q in query.text and s in source.text:
            qs, ss = query.text.index(q), source.text.index(s)
            out.append(Passage(qs, qs + len(q), ss, ss + len(s), 1.0))
    return out


def split_aligner(query: Article, source: Article) -> Sequence[Passage]:
    """The oracle's passages cut in two halves (granularity 2)."""
    out: list[Passage] = []
    for p in oracle_aligner(query, source):
        qm, sm = (p.q_start + p.q_end) // 2, (p.s_start + p.s_end) // 2
        out += [Passage(p.q_start, qm, p.s_start, sm, 1.0), Passage(qm, p.q_end, sm, p.s_end, 1.0)]
    return out


def everything_aligner(query: Article, source: Article) -> Sequence[Passage]:
    """Claims the whole of both texts is copied."""
    return [Passage(0, len(query.text), 0, len(source.text), 0.5)]


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "pan")


def test_reader_reads_pairs_groups_and_raw_offsets(corpus_dir: Path) -> None:
    corpus = read_corpus(corpus_dir)
    assert [(p.susp[-9:], p.source[-9:], p.obfuscation) for p in corpus.pairs] == [
        ("00001.txt", "00001.txt", "no-obfuscation"),
        ("00002.txt", "00002.txt", "random-obfuscation"),
        ("00003.txt", "00001.txt", "no-plagiarism"),
    ]
    for pair in corpus.pairs[:2]:
        (case,) = pair.cases
        susp = read_document(corpus.susp_path(pair.susp))
        src = read_document(corpus.source_path(pair.source))
        copy_raw, copy_src = PASSAGES[pair.susp]
        # Offsets are raw characters: CRLF and tabs included.
        assert susp[case.this_offset : case.this_offset + case.this_length] == copy_raw
        assert src[case.source_offset : case.source_offset + case.source_length] == copy_src
    assert corpus.pairs[2].cases == ()


def test_offset_map_walk_and_diff_paths() -> None:
    raw = "  Two\tspaces  here.\r\n\r\nNext\u200b para\x07graph.  "
    article, m = article_from_raw(raw, "x")
    assert article.text == "Two spaces here.\n\nNext paragraph."
    for i, ch in enumerate(article.text):
        if not ch.isspace():
            assert raw[m.raw_of[i]] == ch
    assert raw[slice(*_span(m.raw_span(0, 3)))] == "Two"
    assert raw[slice(*_span(m.raw_span(18, 33)))] == "Next\u200b para\x07graph."
    # Mojibake is repaired by normalisation, so the map falls back to a diff.
    raw2 = "Caf\u00c3\u00a9 opens.\n\nThe mayor spoke."
    art2, m2 = article_from_raw(raw2, "y")
    assert art2.text.startswith("Café opens.")
    i = art2.text.index("mayor")
    assert raw2[slice(*_span(m2.raw_span(i, i + 5)))] == "mayor"
    assert build_offset_map("", "").raw_span(0, 0) == (0, 0)


def _span(off_len: tuple[int, int]) -> tuple[int, int]:
    return off_len[0], off_len[0] + off_len[1]


def test_evaluate_oracle_is_perfect(corpus_dir: Path) -> None:
    calls: list[tuple[int, int]] = []
    report = evaluate(
        read_corpus(corpus_dir), oracle_aligner, progress=lambda d, t: calls.append((d, t))
    )
    assert calls == [(1, 3), (2, 3), (3, 3)]
    assert report.pairs == 3 and report.errors == []
    assert report.overall.plagdet == pytest.approx(1.0)
    assert set(report.by_obfuscation) == {"no-obfuscation", "random-obfuscation", "no-plagiarism"}
    assert report.by_obfuscation["no-plagiarism"].plagdet == 1.0  # nothing there, nothing found


def test_evaluate_split_and_greedy_aligners(corpus_dir: Path) -> None:
    corpus = read_corpus(corpus_dir)
    split = evaluate(corpus, split_aligner).overall
    assert split.granularity == 2.0 and split.recall == pytest.approx(1.0)
    assert split.plagdet == pytest.approx(0.6309, abs=1e-3)
    greedy = evaluate(corpus, everything_aligner)
    assert greedy.overall.recall == pytest.approx(1.0)
    assert greedy.overall.precision < 0.6  # the detection on the no-plagiarism pair counts 0
    assert greedy.by_obfuscation["no-plagiarism"].plagdet == 0.0
    none = evaluate(corpus, lambda q, s: [])
    assert none.overall.plagdet == 0.0 and none.overall.detections == 0


def test_reader_errors_name_the_input(tmp_path: Path, corpus_dir: Path) -> None:
    with pytest.raises(InputError, match="not a PAN"):
        read_corpus(tmp_path)
    bad = corpus_dir / "02-no-obfuscation" / "suspicious-document00001-source-document00001.xml"
    bad.write_text('<document reference="s"><feature name="plagiarism" this_offset="x"', "utf-8")
    with pytest.raises(InputError, match="cannot read truth XML"):
        read_truth(bad)
    (corpus_dir / "pairs").write_text("only-one-name.txt\n", encoding="utf-8")
    with pytest.raises(InputError, match="pairs:1"):
        read_corpus(corpus_dir)


def test_missing_document_is_reported_and_skipped(corpus_dir: Path) -> None:
    (corpus_dir / "susp" / "suspicious-document00002.txt").unlink()
    report = evaluate(read_corpus(corpus_dir), oracle_aligner)
    assert report.pairs == 2 and len(report.errors) == 1
    assert "suspicious-document00002.txt" in report.errors[0]
    assert "random-obfuscation" not in report.by_obfuscation


def test_cli_eval_pan_json_and_table(corpus_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(eval_cli, "ALIGNER", split_aligner)
    runner = CliRunner()
    res = runner.invoke(app, ["eval", "pan", str(corpus_dir), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert {"plagdet", "precision", "recall", "granularity", "by_obfuscation"} <= set(data)
    assert data["granularity"] == 2.0
    assert data["by_obfuscation"]["no-obfuscation"]["recall"] == pytest.approx(1.0)
    assert set(data["by_obfuscation"]["random-obfuscation"]) >= {"plagdet", "precision", "recall"}
    res = runner.invoke(app, ["eval", "pan", str(corpus_dir)], env={"COLUMNS": "160"})
    assert res.exit_code == 0 and "no-obfuscation" in res.output and "0.631" in res.output


def test_cli_eval_pan_rejects_non_corpus(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["eval", "pan", str(tmp_path)])
    assert res.exit_code != 0


def test_corpus_type_is_plain_data(corpus_dir: Path) -> None:
    corpus = read_corpus(corpus_dir)
    assert isinstance(corpus, PanCorpus) and corpus.root == corpus_dir


def test_pan25_converter_writes_a_readable_corpus(tmp_path: Path) -> None:
    import importlib.util

    script = Path(__file__).resolve().parent.parent / "scripts" / "pan25_to_pan.py"
    spec = importlib.util.spec_from_file_location("pan25_to_pan", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows = [
        {"case_id": "c1", "paragraph_type": "plagiarism", "prompt_type": "simple",
         "candidate_text": " The choir sang three songs. ", "source_text": "Three were sung."},
        {"case_id": "c1", "paragraph_type": "plagiarism", "prompt_type": "hard",
         "candidate_text": "A storm closed the pier.", "source_text": "The pier shut in a storm."},
        {"case_id": "c1", "paragraph_type": "altered", "prompt_type": "altered",
         "candidate_text": "Fishing resumed on Friday.", "source_text": None},
    ]  # fmt: skip
    counts = module.convert(rows, tmp_path / "out")
    assert counts == {"01-simple": 1, "03-hard": 1, "04-no-plagiarism": 1}
    corpus = read_corpus(tmp_path / "out")
    assert [p.obfuscation for p in corpus.pairs] == ["simple", "hard", "no-plagiarism"]
    case = corpus.pairs[0].cases[0]
    text = read_document(corpus.susp_path(corpus.pairs[0].susp))
    assert text == "The choir sang three songs." and case.this_length == len(text)
    assert corpus.pairs[2].cases == ()
    report = evaluate(corpus, everything_aligner)
    assert report.by_obfuscation["simple"].plagdet == 1.0
    assert report.by_obfuscation["no-plagiarism"].plagdet == 0.0


def test_detections_are_written_in_pan_format(corpus_dir: Path, tmp_path: Path) -> None:
    from unspun.eval.pan import write_detections
    from unspun.eval.pan_measures import score

    corpus = read_corpus(corpus_dir)
    assert write_detections(evaluate(corpus, split_aligner, limit=2), tmp_path / "two") == 2
    report = evaluate(corpus, split_aligner)
    out = tmp_path / "dets"
    assert write_detections(report, out) == 3
    read_back = []
    for xml in sorted(out.glob("*.xml")):
        ref, dets = read_truth(xml, feature="detected-plagiarism")
        assert xml.name.startswith(Path(ref).stem)
        read_back += dets
    assert sorted(read_back, key=str) == sorted(report.detections, key=str)
    cases = [c for p in corpus.pairs for c in p.cases]
    assert score(cases, read_back) == report.overall
