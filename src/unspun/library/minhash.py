"""MinHash signatures over word shingles: one versioned, seed-stable scheme.

A document's shingles are its overlapping word k-grams (lower-cased words from
`unspun.text.tokens.words`). Each word is hashed once with xxh64 (fixed seed) and the
k word hashes of a shingle are mixed into one 64-bit value with integer arithmetic, so
shingle hashes do not depend on Python's randomised `hash()` or on the platform.

Two signature engines share those shingle hashes:

* `rensa_signatures` (the default, used by the library): rensa's R-MinHash, written in
  Rust; ~20x faster than numpy here (see bench/bench_retrieval.py).
* `NumpyMinHash`: the classic permutation family h(x) = ((a*x + b) mod (2^61-1)) & (2^32-1)
  with (a, b) drawn from `numpy.random.RandomState(seed)`, exactly as datasketch's "legacy"
  scheme draws them,
  so its signatures equal datasketch's for the same shingle hashes (tested). It is the
  reference the benchmark compares against.

The scheme's identity is `FingerprintParams.version_tag()`; the library stores it and
refuses to mix fingerprints made under another scheme.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np
import numpy.typing as npt
import xxhash

#: Bump when shingling, hashing, term extraction or banding changes meaning.
FINGERPRINT_VERSION = 1

_WORD_SEED = 0x756E7370  # "unsp"
_MERSENNE = np.uint64((1 << 61) - 1)
_MAX_HASH32 = np.uint64((1 << 32) - 1)
# Odd 64-bit multipliers for mixing the k word hashes of a shingle (fixed forever).
_MIX = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
     0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x27D4EB2F165667C5, 0x85EBCA77C2B2AE63],
    dtype=np.uint64,
)

U64Array = npt.NDArray[np.uint64]


@dataclass(slots=True, frozen=True)
class FingerprintParams:
    """Everything that determines a fingerprint. Stored in the library's meta table."""

    num_perm: int = 128
    seed: int = 1
    shingle: int = 3
    threshold: float = 0.3
    bands: int = 0  # 0: choose with lsh.optimal_params(threshold, num_perm)
    rows: int = 0
    engine: str = "rensa-rminhash"

    def resolved(self) -> FingerprintParams:
        """These params with bands/rows filled in from the threshold."""
        if self.bands and self.rows:
            return self
        from unspun.library.lsh import optimal_params

        b, r = optimal_params(self.threshold, self.num_perm)
        return FingerprintParams(self.num_perm, self.seed, self.shingle, self.threshold, b, r,
                                 self.engine)

    def version_tag(self) -> str:
        """One string naming the scheme; two libraries can be mixed only if tags are equal."""
        p = self.resolved()
        return (f"v{FINGERPRINT_VERSION}/{p.engine}/{_engine_version(p.engine)}/perm{p.num_perm}"
                f"/seed{p.seed}/k{p.shingle}/b{p.bands}r{p.rows}")

    def as_dict(self) -> dict[str, object]:
        return asdict(self.resolved())


def _engine_version(engine: str) -> str:
    if engine == "rensa-rminhash":
        import rensa

        return f"alg{rensa.RMinHash.ALGORITHM_VERSION}"
    if engine == "numpy":
        return "modp61"
    raise ValueError(f"unknown minhash engine {engine!r}")


class _WordHashes:
    """xxh64 of each word, memoised (bounded: cleared when it grows past `limit`, so memory
    stays flat however many articles stream through)."""

    def __init__(self, limit: int = 50_000) -> None:
        self._cache: dict[str, int] = {}
        self._limit = limit

    def __call__(self, words: Sequence[str]) -> U64Array:
        cache = self._cache
        if len(cache) > self._limit:
            cache.clear()
        get, new = cache.get, self._new
        # A hash of 0 (or one not kept) is made again by `_new`: the same value either way.
        return np.array([get(w) or new(w) for w in words], dtype=np.uint64)

    def _new(self, w: str) -> int:
        h = xxhash.xxh64_intdigest(w.encode("utf-8"), _WORD_SEED)
        if not w[:1].isdigit():  # numbers are mostly one-off: caching them only grows
            self._cache[w] = h
        return h


_word_hashes = _WordHashes()


def _fmix64(x: U64Array) -> U64Array:
    """MurmurHash3's 64-bit finaliser: spreads mixed bits over the whole word."""
    with np.errstate(over="ignore"):
        x = x ^ (x >> np.uint64(33))
        x = x * np.uint64(0xFF51AFD7ED558CCD)
        x = x ^ (x >> np.uint64(33))
        x = x * np.uint64(0xC4CEB9FE1A85EC53)
        return x ^ (x >> np.uint64(33))


def shingle_hashes(words: Sequence[str], k: int = 3) -> U64Array:
    """64-bit hashes of the word k-grams of `words` (one per position; a short text is one shingle).

    Deterministic across processes and platforms; duplicates are kept (MinHash ignores them).
    """
    if not words:
        return np.empty(0, dtype=np.uint64)
    if k > len(_MIX):
        raise ValueError(f"shingle size {k} > {len(_MIX)}")
    wh = _word_hashes(words)
    n = max(1, len(words) - k + 1)
    acc = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(min(k, len(words))):
            acc = acc + wh[j : j + n] * _MIX[j]
    return _fmix64(acc)


def rensa_signatures(hash_rows: Sequence[U64Array], num_perm: int, seed: int) -> U64Array:
    """R-MinHash signatures of many documents at once: array (len(hash_rows), num_perm).

    A document without shingles gets an all-max signature (it matches nothing).
    """
    import rensa

    out = np.full((len(hash_rows), num_perm), np.iinfo(np.uint32).max, dtype=np.uint64)
    keep = [i for i, r in enumerate(hash_rows) if len(r)]
    if not keep:
        return out
    flat = np.concatenate([hash_rows[i] for i in keep])
    offsets = np.zeros(len(keep) + 1, dtype=np.uint64)
    offsets[1:] = np.cumsum([len(hash_rows[i]) for i in keep])
    matrix = rensa.RMinHash.digest_matrix_from_flat_token_hashes(flat, offsets, num_perm, seed)
    out[keep] = np.asarray(matrix.to_rows(), dtype=np.uint64)
    return out


class NumpyMinHash:
    """The datasketch permutation family in numpy (reference implementation).

    `signature(h)` equals `datasketch.MinHash(num_perm, seed, hashfunc=identity,
    scheme="legacy")` updated with the 32-bit values `h & 0xFFFFFFFF`.
    """

    def __init__(self, num_perm: int = 128, seed: int = 1) -> None:
        gen = np.random.RandomState(seed)
        # Drawn in datasketch's order: (a, b) of one permutation, then the next.
        ab = np.array([(gen.randint(1, _MERSENNE, dtype=np.uint64),
                        gen.randint(0, _MERSENNE, dtype=np.uint64)) for _ in range(num_perm)],
                      dtype=np.uint64)
        self.a = ab[:, 0].copy()
        self.b = ab[:, 1].copy()
        self.num_perm = num_perm

    def signature(self, hashes: U64Array) -> U64Array:
        if not len(hashes):
            return np.full(self.num_perm, _MAX_HASH32, dtype=np.uint64)
        hv = (hashes & _MAX_HASH32)[:, None]
        with np.errstate(over="ignore"):
            phv = ((hv * self.a + self.b) % _MERSENNE) & _MAX_HASH32
        result: U64Array = phv.min(axis=0)
        return result

    def signatures(self, hash_rows: Sequence[U64Array]) -> U64Array:
        return np.stack([self.signature(h) for h in hash_rows]) if hash_rows else np.empty(
            (0, self.num_perm), dtype=np.uint64)


def signatures(hash_rows: Sequence[U64Array], params: FingerprintParams) -> U64Array:
    """Signatures of many documents under `params.engine`."""
    if params.engine == "rensa-rminhash":
        return rensa_signatures(hash_rows, params.num_perm, params.seed)
    if params.engine == "numpy":
        return NumpyMinHash(params.num_perm, params.seed).signatures(hash_rows)
    raise ValueError(f"unknown minhash engine {params.engine!r}")
