"""The library: an embedded SQLite store of Articles with their fingerprints.

`Library.open(path)` is the entry point; see `unspun.library.store`.
"""

from unspun.library.minhash import FINGERPRINT_VERSION, FingerprintParams
from unspun.library.store import AddSummary, Library, LibraryStats

__all__ = ["FINGERPRINT_VERSION", "AddSummary", "FingerprintParams", "Library", "LibraryStats"]
