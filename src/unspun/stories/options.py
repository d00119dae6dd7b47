"""Options of `unspun stories` (kept beside the stories code; `unspun.options` holds the rest)."""

from __future__ import annotations

from dataclasses import dataclass, field

from unspun.options import AlignOptions

#: Bump when pair verification or its stored form changes: cached edges of another version
#: are not reused.
VERIFY_VERSION = "stories-2"


@dataclass(slots=True, frozen=True)
class StoriesOptions:
    """How a whole library is clustered into stories."""

    #: Candidate partners kept per article (the best-scoring ones): bounds the pairs that
    #: are verified, however large a bucket of near-duplicates is. Retrieval ranks the
    #: likeliest source first (best containment, ties to the earliest date), so a few are
    #: enough: 4 instead of 8 verified a third fewer pairs with link precision and recall
    #: and original accuracy as good or better, and fewer stories wrongly joined, on the
    #: generated benchmark and on generated copies of Reuters and BBC text (docs/scale.md).
    per_article: int = 4
    #: Retrieval pool re-scored per article before the cut (see `retrieve`).
    pool: int = 16
    #: A pair is verified when retrieval scores it at least this high from either side.
    min_score: float = 0.30
    #: Copy verdicts below this confidence are not kept as copy links.
    min_confidence: float = 0.0
    #: A same-story link joins two stories only when the articles share at least this much
    #: of the event's skeleton (Jaccard of distinctive names; and the term overlap below):
    #: articles written from one template about different events are not one story.
    same_story_names: float = 0.3
    same_story_terms: float = 0.25
    #: Copy groups join one story only as a dense group: at least this share of the pairs
    #: of copy groups between two parts linked (see `stories.dense`); 0 joins every chain.
    same_story_density: float = 0.5
    #: A copy link is kept only when the two articles share some of the skeleton: names
    #: (Jaccard) at least `copy_names` or distinctive terms at least `copy_terms`. A copy
    #: keeps the names and figures of its source; an article of another event written from
    #: the same template does not.
    copy_names: float = 0.1
    copy_terms: float = 0.25
    #: Pairs sharing too little of the skeleton for any link to be kept (the two bounds
    #: above, or the same-story ones) are not aligned at all (`verify.worth_verifying`).
    precheck: bool = True
    #: Worker processes for the local engine (1 = in this process).
    workers: int = 2
    #: Candidate pairs sent to a worker at once (memory holds a few such batches).
    batch_pairs: int = 64
    #: Articles per candidate re-scoring batch (a batch reads its pools' articles once).
    batch_articles: int = 256
    #: Query articles whose pools are found in one go by the array search (memory holds
    #: their band-key and term hits: tens of thousands per article).
    search_chunk: int = 4096
    #: Pairs of articles whose publication dates are both known and more than this many
    #: days apart are not searched (news copies follow their source within days); None:
    #: no window. Articles with a missing date are searched against every article.
    window_days: int | None = None
    #: Re-scan every article's candidates (not only new ones); verified pairs are still reused.
    full: bool = False
    #: Store candidates and verified pairs in the library (needed for incremental runs).
    persist: bool = True
    align: AlignOptions = field(default_factory=AlignOptions)
