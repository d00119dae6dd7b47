"""`unspun serve`: the HTTP API and web app over one library.

`create_app(library_path, options)` builds the FastAPI application; `unspun.cli.serve` runs
it on uvicorn. Needs the `serve` extra (fastapi, uvicorn, python-multipart).
"""

from __future__ import annotations

from unspun.service.app import create_app
from unspun.service.options import ServeOptions

__all__ = ["ServeOptions", "create_app"]
