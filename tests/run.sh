#!/usr/bin/env bash
# Install what the test suite needs, then run all of it. README and .ci/run use this.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --quiet --disable-pip-version-check -e '.[test]'
# Browser tests drive Debian's Chromium through playwright (playwright cannot download one here).
if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "Installing Chromium for the browser tests…"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null
fi
python -m ruff check blueprint tests bench
python -m mypy
lint-imports
python -m pytest "$@"
