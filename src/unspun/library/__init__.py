"""The library: an embedded SQLite store of Articles with their fingerprints.

`Library.open(path)` is the entry point; see `unspun.library.store`.
"""

from unspun.library.minhash import FINGERPRINT_VERSION, FingerprintParams
from unspun.library.schema import AddSummary, LibraryStats
from unspun.library.store import Library

__all__ = ["FINGERPRINT_VERSION", "AddSummary", "FingerprintParams", "Library", "LibraryStats"]
