"""LSH banding: which signature rows form a band, and the band keys the library indexes.

Two documents become candidates when all `rows` values of at least one of their `bands`
bands agree. With Jaccard similarity s, that happens with probability 1 - (1 - s^r)^b.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import numpy.typing as npt

from unspun.library.minhash import U64Array, _fmix64

_BAND_SALT = np.uint64(0x9E3779B97F4A7C15)


@lru_cache(maxsize=64)
def optimal_params(
    threshold: float,
    num_perm: int,
    false_positive_weight: float = 0.5,
    false_negative_weight: float = 0.5,
) -> tuple[int, int]:
    """(bands, rows) minimising the weighted false positive and false negative areas.

    The false positive area is the integral of P(candidate | s) for s in [0, threshold], the
    false negative area that of 1 - P(candidate | s) over [threshold, 1], as in datasketch's
    `_optimal_param`; integrals by the trapezoid rule on a fine grid. Ties go to fewer bands
    (fewer keys to store).
    """
    if not 0.0 < threshold < 1.0:
        raise ValueError(f"threshold must be in (0, 1), got {threshold}")
    if num_perm < 1:
        raise ValueError(f"num_perm must be >= 1, got {num_perm}")
    lo = np.linspace(0.0, threshold, 1001)
    hi = np.linspace(threshold, 1.0, 1001)
    best = (float("inf"), 1, 1)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            fp = float(np.trapezoid(1.0 - (1.0 - lo**r) ** b, lo))
            fn = float(np.trapezoid((1.0 - hi**r) ** b, hi))
            err = fp * false_positive_weight + fn * false_negative_weight
            if err < best[0] - 1e-12:
                best = (err, b, r)
    return best[1], best[2]


def candidate_probability(s: float, bands: int, rows: int) -> float:
    """P(two documents with Jaccard `s` share at least one band)."""
    return 1.0 - (1.0 - s**rows) ** bands


def band_keys(signatures: U64Array, bands: int, rows: int) -> npt.NDArray[np.int64]:
    """Signed 64-bit keys, one per band: array (n_docs, bands).

    The band index is mixed in, so equal values in different bands give different keys and
    one index over all keys serves every band.
    """
    sig = np.asarray(signatures, dtype=np.uint64)
    if sig.ndim == 1:
        sig = sig[None, :]
    if bands * rows > sig.shape[1]:
        raise ValueError(f"{bands} bands x {rows} rows > {sig.shape[1]} permutations")
    cube = sig[:, : bands * rows].reshape(sig.shape[0], bands, rows)
    with np.errstate(over="ignore"):
        acc = np.broadcast_to(
            (np.arange(1, bands + 1, dtype=np.uint64) * _BAND_SALT)[None, :], cube.shape[:2]
        ).copy()
        for j in range(rows):
            acc = _fmix64(acc ^ cube[:, :, j])
    return acc.view(np.int64)
