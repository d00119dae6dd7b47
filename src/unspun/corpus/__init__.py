"""The labelled rewriting benchmark generator (and the demo corpus it makes).

Invented news events (who, where, when, numbers, quotes) are rendered by several invented
outlets in their own words; one rendering is the *original*, the others are independent
`same-story` distractors (they share facts and verbatim quotes, never an 8-word run of
narrative outside quotation marks). Copies are derived from the original, one label each.
With `BenchOptions.source`, copies are derived from real articles instead.

Output: the cluster JSONL of DESIGN.md ("Evaluation data formats"), one line per cluster:
`cluster_id, story, source, facts, original{url,site,date,published_time,outlet,title,text},
copies[{...same fields..., kind, recipe, variant, ...}], distractors[{..., relation}]`.

Fields a copy may carry besides `kind` (verbatim|edited|spun|translated|paraphrase|summary|
syndicated):
- `recipe`: verbatim, syndicated, edited, reordered, partial, meaning-edit, spun-10, spun-30,
  spun-50, translated, paraphrase, summary;
- `variant`: finer label (furniture, credit, light:drop+add+words, reordered, partial,
  meaning-edit, synonyms, round-trip, reworded, clauses+synonyms, extractive);
- `spin_rate` (requested), `spun_words`, `spinnable_words` (spun copies; spinnable words are
  content words that are not numbers and start lower case);
- `edits` (meaning-edit and light-edit copies): every change made to the source,
  `[{"type", "source_text", "copy_text", "source_start", "source_end", "copy_start",
  "copy_end"}]` with `text[start:end] == *_text` in the original's and the copy's `text`.
  Meaning-edit types: name, number, quote, attribution, negation; light edits: deletion,
  insertion, synonym;
- `artifacts` (spun, translated): the same record for spinner and translation slips:
  nonsense, garbled-name, broken-attribution, transliteration, fragment;
- `order` (reordered: copy paragraph k is original paragraph order[k]);
- `source_span` (partial: [start, end) of the original text that was copied).
"""

from __future__ import annotations

from unspun.corpus.doc import Cluster, Doc
from unspun.corpus.generate import generate_clusters
from unspun.corpus.options import BenchOptions
from unspun.corpus.write import WriteStats, write_clusters

__all__ = ["BenchOptions", "Cluster", "Doc", "WriteStats", "generate_clusters", "write_clusters"]
