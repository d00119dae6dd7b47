"""Data files shipped inside the package (fitted models as JSON), read the one way."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def shipped_json(package: str, name: str) -> dict[str, Any]:
    """The JSON object in file `name` of `package` (e.g. a fitted model beside its code).
    Parsing runs no code; each model's `*_from_dict` checks what it reads."""
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError(f"{package}/{name}: not a JSON object")
    return data
