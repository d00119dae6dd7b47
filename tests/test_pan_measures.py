"""PAN measures against cases computed by hand."""

from __future__ import annotations

import math

import pytest

from unspun.eval.pan_measures import (
    Annotation,
    case_recall,
    granularity,
    macro_precision,
    macro_recall,
    overlaps,
    plagdet,
    score,
)


def ann(
    t_off: int, t_len: int, s_off: int, s_len: int, susp: str = "s1", src: str = "r1"
) -> Annotation:
    return Annotation(susp, t_off, t_len, src, s_off, s_len)


CASE = ann(0, 100, 0, 100)


def test_perfect_detection() -> None:
    s = score([CASE], [CASE])
    assert (s.precision, s.recall, s.granularity, s.plagdet) == (1.0, 1.0, 1.0, 1.0)
    assert (s.cases, s.detections) == (1, 1)


def test_half_overlap() -> None:
    # Detection covers chars 50..100 of the case on both sides and 50 chars outside it.
    det = ann(50, 100, 50, 100)
    assert case_recall(CASE, [det]) == 0.5  # (50 + 50) / 200
    s = score([CASE], [det])
    assert s.recall == 0.5 and s.precision == 0.5 and s.granularity == 1.0
    assert s.plagdet == pytest.approx(0.5)


def test_split_detection_gives_granularity_two() -> None:
    dets = [ann(0, 50, 0, 50), ann(50, 50, 50, 50)]
    s = score([CASE], dets)
    assert s.recall == 1.0 and s.precision == 1.0 and s.granularity == 2.0
    assert s.plagdet == pytest.approx(1 / math.log2(3))  # 0.6309...


def test_overlapping_detections_are_counted_once_in_recall() -> None:
    dets = [ann(0, 60, 0, 60), ann(40, 60, 40, 60)]
    assert case_recall(CASE, dets) == 1.0  # union is 0..100 on both sides, not 120
    assert granularity([CASE], dets) == 2.0


def test_no_detections() -> None:
    s = score([CASE], [])
    assert (s.precision, s.recall, s.granularity, s.plagdet) == (0.0, 0.0, 1.0, 0.0)


def test_no_cases() -> None:
    assert score([], []).plagdet == 1.0  # nothing to find, nothing found
    s = score([], [CASE])
    assert (s.precision, s.recall, s.plagdet) == (0.0, 0.0, 0.0)


def test_detection_on_wrong_source_document() -> None:
    det = ann(0, 100, 0, 100, src="r2")
    assert not overlaps(CASE, det)
    s = score([CASE], [det])
    assert (s.precision, s.recall, s.plagdet) == (0.0, 0.0, 0.0)


def test_detection_must_overlap_on_both_sides() -> None:
    det = ann(0, 100, 500, 100)  # right place in the suspicious doc, wrong place in the source
    assert not overlaps(CASE, det)
    assert macro_recall([CASE], [det]) == 0.0


def test_one_of_two_cases_found() -> None:
    other = ann(0, 100, 0, 100, susp="s2")
    s = score([CASE, other], [CASE])
    assert s.recall == 0.5 and s.precision == 1.0 and s.granularity == 1.0
    assert s.plagdet == pytest.approx(2 / 3)


def test_oversized_detection_halves_precision() -> None:
    det = ann(0, 200, 0, 200)
    assert macro_precision([CASE], [det]) == 0.5  # (100 + 100) / 400
    assert macro_recall([CASE], [det]) == 1.0
    assert score([CASE], [det]).plagdet == pytest.approx(2 / 3)


def test_summary_shaped_case_counts_both_sides() -> None:
    case = ann(0, 100, 0, 300)  # short suspicious passage, long source passage
    det = ann(0, 100, 0, 100)
    assert case_recall(case, [det]) == 0.5  # (100 + 100) / 400
    assert macro_precision([case], [det]) == 1.0


def test_plagdet_formula_and_guards() -> None:
    assert plagdet(1, 1, 1) == 1.0
    assert plagdet(0.5, 1, 1) == pytest.approx(2 / 3)
    assert plagdet(0.75, 0.25, 2) == pytest.approx(0.375 / math.log2(3))
    assert plagdet(0, 0, 1) == 0.0
    assert plagdet(1, 1, 0.5) == 0.0  # granularity below 1 is impossible


def test_zero_length_annotations_are_ignored() -> None:
    empty = ann(10, 0, 10, 0)
    assert score([CASE], [CASE, empty]).precision == 1.0


def test_precision_is_a_mean_over_detections() -> None:
    # One detection outside every case (precision 0), one twice the case's size (0.5).
    dets = [ann(100, 100, 100, 100), ann(0, 200, 0, 200)]
    assert macro_precision([CASE], dets) == 0.25
    # Granularity counts only the detection that overlaps the case.
    assert granularity([CASE], dets) == 1.0


def test_granularity_averages_over_detected_cases_only() -> None:
    second = ann(500, 100, 500, 100)
    missed = ann(900, 50, 900, 50)
    dets = [ann(0, 50, 0, 50), ann(50, 50, 50, 50), second]
    assert granularity([CASE, second, missed], dets) == 1.5  # (2 + 1) / 2 detected cases
