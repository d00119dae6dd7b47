"""The inline stylesheet of the HTML report (no external assets, no script)."""

from __future__ import annotations

#: Background tints for passage pairs; pair k uses PASSAGE_COLOURS[k % len].
PASSAGE_COLOURS = (
    "#e3f2fd",
    "#e8f5e9",
    "#fff8e1",
    "#f3e5f5",
    "#e0f7fa",
    "#fbe9e7",
    "#e8eaf6",
    "#f9fbe7",
)

#: Edit type -> (background, accent). Meaning-changing types are strong, synonyms faint.
EDIT_COLOURS = {
    "name": ("#ffcdd2", "#c62828"),
    "number": ("#ffe0b2", "#e65100"),
    "quote": ("#e1bee7", "#6a1b9a"),
    "attribution": ("#f8bbd0", "#ad1457"),
    "negation": ("#ffab91", "#8d1b00"),
    "insertion": ("#c8e6c9", "#1b5e20"),
    "deletion": ("#e0e0e0", "#616161"),
    "synonym": ("transparent", "#1e88e5"),
}

VERDICT_COLOURS = {
    "verbatim": "#b71c1c",
    "edited": "#c62828",
    "spun": "#c62828",
    "translated": "#e65100",
    "paraphrase": "#ef6c00",
    "summary": "#ef6c00",
    "syndicated": "#1565c0",
    "same-story": "#2e7d32",
    "unrelated": "#616161",
}


def stylesheet() -> str:
    """The page's CSS (built from the colour tables so legend and text always agree)."""
    rules = [_BASE]
    for i, colour in enumerate(PASSAGE_COLOURS):
        rules.append(f".pc{i}{{background:{colour}}}")
    for kind, (bg, accent) in EDIT_COLOURS.items():
        line = "dotted" if kind == "synonym" else "solid"
        rules.append(
            f".t-{kind}{{background:{bg};border-bottom:3px {line} {accent}}}"
            f".tag.t-{kind}{{background:{accent};color:#fff;border:0}}"
        )
    rules.append(".text .t-deletion{text-decoration:line-through}")
    for verdict, colour in VERDICT_COLOURS.items():
        rules.append(f".v-{verdict}{{background:{colour}}}")
    return "\n".join(rules)


_BASE = """
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f;
 background:#f6f7f9}
main{max-width:1500px;margin:0 auto;padding:14px 22px 40px}
header .brand{font-size:12px;letter-spacing:.08em;text-transform:uppercase;color:#666}
h1{font-size:22px;margin:2px 0 2px}
h2{font-size:17px;margin:12px 0 5px}
h3{font-size:14px;margin:0 0 6px;color:#333}
.meta{color:#555;font-size:13px;word-break:break-all}
nav.cands{display:flex;flex-wrap:wrap;gap:6px;margin:10px 0}
nav.cands a,nav.cands span{font-size:13px;padding:3px 8px;border-radius:12px;background:#e9ebef;
 color:#222;text-decoration:none}
.verdict{display:grid;grid-template-columns:auto 1fr;gap:4px 18px;align-items:start;
 background:#fff;border:1px solid #ddd;border-radius:8px;padding:12px 16px;margin-top:10px}
.badge{color:#fff;font-weight:700;font-size:22px;padding:6px 14px;border-radius:6px;
 text-transform:uppercase;letter-spacing:.04em;text-align:center}
.badge small{display:block;font-size:12px;font-weight:400;letter-spacing:0;text-transform:none}
.vtext{font-size:14.5px}
.vtext .url{font-size:12.5px;color:#666;word-break:break-all}
.vtext b{font-weight:650}
.vtext ul{margin:2px 0 0 0;padding-left:18px}
.muted{color:#666}
table.edits{border-collapse:collapse;width:100%;background:#fff;border:1px solid #ddd;
 border-radius:8px;font-size:14px}
table.edits th{text-align:left;font-weight:600;color:#444;background:#f0f1f4;padding:4px 8px}
table.edits td{padding:3px 8px;border-top:1px solid #eee;vertical-align:top}
.old{text-decoration:line-through;color:#8a1c1c}
td.ctx{font:14px/1.4 Georgia,"Times New Roman",serif;color:#444}
td.ctx b{color:#000;background:#fff3c4}
td.where{white-space:nowrap}
.new{font-weight:650;color:#0b5d1e}
.tag{display:inline-block;font-size:12px;font-weight:600;padding:1px 7px;border-radius:10px;
 white-space:nowrap}
.legend{display:flex;flex-wrap:wrap;gap:4px 12px;font-size:12.5px;margin:8px 0 6px;color:#333}
.legend span.k{padding:0 5px}
.sbs{display:grid;grid-template-columns:1fr 1fr;gap:14px}
.col{background:#fff;border:1px solid #ddd;border-radius:8px;padding:10px 12px}
.text{white-space:pre-wrap;overflow-wrap:anywhere;max-height:78vh;overflow-y:auto;
 font:16px/1.6 Georgia,"Times New Roman",serif}
.text a{color:inherit;text-decoration:none}
.text mark{color:inherit;padding:0 1px}
a.pb{display:inline-block;font:700 11px/1 system-ui,sans-serif;color:#333;border:1px solid #999;
 border-radius:8px;padding:2px 5px;margin-right:3px;vertical-align:2px;text-decoration:none}
a.pb:target,mark:target,.gap:target{outline:3px solid #ff9800;outline-offset:1px}
.gap{font:700 11px/1 system-ui,sans-serif;padding:1px 3px;border-radius:3px;vertical-align:2px}
.art{text-decoration:underline wavy #d32f2f}
details{margin-top:8px}
summary{cursor:pointer;color:#333}
footer{margin-top:24px;font-size:12px;color:#777}
@media (max-width:900px){.sbs{grid-template-columns:1fr}}
"""
