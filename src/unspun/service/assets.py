"""Static assets, loaded once into memory: a request names a key of this dict, never a path.

`app.css` and `app.js` are package data (src/unspun/service/static/); `report.css` and
`stories.css` are the stylesheets of the HTML report and the stories overview, taken from
their renderers, so the app looks exactly like those pages.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import resources

from unspun.report.html_style import stylesheet
from unspun.stories.html import STYLE as STORIES_STYLE

_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}
_PACKAGED = ("app.css", "app.js")


@dataclass(slots=True, frozen=True)
class Asset:
    body: bytes
    media_type: str
    etag: str


def _asset(name: str, body: bytes) -> Asset:
    ext = name[name.rindex("."):]
    return Asset(body, _TYPES[ext], '"' + hashlib.sha256(body).hexdigest()[:16] + '"')


def load_assets() -> dict[str, Asset]:
    """name -> Asset for every file the app serves under /static/."""
    folder = resources.files("unspun.service") / "static"
    out = {name: _asset(name, (folder / name).read_bytes()) for name in _PACKAGED}
    out["report.css"] = _asset("report.css", stylesheet().encode())
    out["stories.css"] = _asset("stories.css", STORIES_STYLE.encode())
    return out
