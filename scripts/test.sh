#!/usr/bin/env bash
# Runs every check CI runs: install (idempotent), lint, types, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q -e '.[dev,spark]' 2>&1 | grep -v -E "^(WARNING: Running pip as|\[notice\])" || true
# Browser tests use Debian's Chromium (Playwright cannot download browsers here).
if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || echo "warning: chromium not installed; browser tests will be skipped"
fi
python3 -m ruff check src tests bench
python3 -m mypy
python3 -m pytest "$@"
