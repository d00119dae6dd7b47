"""`inspect_page`: everything a page shows about itself, as one pure function over plain
data (the library's answers come in as `NameStats` and `Lead`s; see `run` for the edge)."""

from __future__ import annotations

from unspun.inspection.flags import PageText, page_flags
from unspun.inspection.lookup import search_phrases
from unspun.inspection.names import NameStats, garbled_names
from unspun.inspection.score import FEATURE_TEXT, RewritingModel, page_features, score
from unspun.inspection.types import Flag, FlagKind, Inspection, Lead
from unspun.model import Article
from unspun.options import InspectOptions
from unspun.text.names import name_mentions

#: Document-level flags: feature -> (kind, reason given the value and its limit).
_DOC_FLAGS: dict[str, tuple[FlagKind, str]] = {
    "function_divergence": ("function-words",
                            "the shares of 'the', 'of', 'to', 'is' and other function words are "
                            "far from ordinary English ({v:.2f}, ordinary pages stay below "
                            "{lim:.2f}): typical of machine translation"),
    "rare_share": ("rare-words",
                   "{v:.0%} of its ordinary words are rare ones (ordinary pages stay below "
                   "{lim:.0%}): a thesaurus swapped common words for odd synonyms"),
    "headline_miss": ("headline-mismatch",
                      "{v:.0%} of the headline's words never appear in the body (ordinary pages "
                      "stay below {lim:.0%}): headline and body were rewritten apart"),
}


def headline_end(article: Article) -> int:
    """Where the headline block ends (0 when the page has none)."""
    for b in article.blocks:
        if b.role == "headline":
            return b.end
    return 0


def inspect_page(article: Article, model: RewritingModel, options: InspectOptions,
                 names: NameStats | None = None, leads: list[Lead] | None = None,
                 notes: list[str] | None = None) -> Inspection:
    """The page-alone report of `article`: flags with offsets and reasons, the fitted score,
    names against the library (when `names` is given), where to look."""
    text = article.text
    mentions = name_mentions(text)
    known = frozenset(n for n, c in (names.counts if names else {}).items() if c > 0)
    page = PageText(text, headline_end(article), known)
    flags = page_flags(page)
    features = page_features(page, flags)
    p, contributions = score(model, features)
    body = (page.headline_end, len(text))
    for feat, (kind, reason) in _DOC_FLAGS.items():
        lim = model.flag_limits.get(feat)
        v = features[feat]
        if lim is not None and v > lim:
            start, end = (0, page.headline_end) if kind == "headline-mismatch" else body
            if end > start:
                flags.append(Flag(kind, start, end, "", reason.format(v=v, lim=lim)))
    garbled = garbled_names(mentions, names) if names is not None else []
    for g in garbled:
        where = f", {g.in_context} of them with {', '.join(g.context)}" if g.context else ""
        flags.append(Flag("garbled-name", g.start, g.end, text[g.start : g.end],
                          f"probably garbled: {text[g.start:g.end]} (library: "
                          f"{g.library_name.capitalize()}, {g.articles} articles{where})"))
    flags.sort(key=lambda f: (f.start, f.kind))
    phrases, query = search_phrases(text, flags, garbled, options.phrases)
    out_notes = list(notes or [])
    if names is None:
        out_notes.append("names were not checked against a library")
    return Inspection(
        score=p, rewritten=p >= model.threshold, threshold=model.threshold, flags=flags,
        features=features,
        contributions=[(FEATURE_TEXT[k], c) for k, c in contributions if abs(c) >= 0.01],
        garbled=garbled, phrases=phrases, query=query, leads=list(leads or [])[: options.leads],
        notes=out_notes)
