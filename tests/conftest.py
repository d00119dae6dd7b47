"""Shared fixtures: one headless Chromium per test module for the browser tests."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from typing import Any

import pytest

#: Debian's Chromium (Playwright cannot download its own browsers here).
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
CHROME_OK = os.access(CHROMIUM, os.X_OK) and importlib.util.find_spec("playwright") is not None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A Chromium browser driven by Playwright (tests using it skip unless CHROME_OK)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield b
        finally:
            b.close()
