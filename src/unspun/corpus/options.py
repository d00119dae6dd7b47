"""Options of the benchmark generator (one slotted, frozen dataclass)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True, frozen=True)
class BenchOptions:
    """What `generate_clusters` makes.

    `kinds` filters copy recipes by label (`verbatim`, `spun`, ...) or by recipe name
    (`spun-30`, `reordered`, `meaning-edit`, ...); empty means all.
    """

    seed: int = 0
    clusters: int = 100
    kinds: tuple[str, ...] = ()
    #: copies derived from each original
    copies_per_cluster: int = 4
    #: same-story renderings by other outlets (invented events): min and max
    same_story: tuple[int, int] = (2, 3)
    #: real articles (JSONL with title + text/body) to derive copies from, instead of events
    source: str | None = None
    #: other real articles of the corpus used as distractors per cluster (`source` mode)
    corpus_distractors: int = 2
    #: a WordNet directory to prefer (real text only)
    wordnet_dir: str | None = None
