#!/usr/bin/env bash
# The test command of the README: install with test extras, then run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q -e ".[test,pdf,cluster,data]"
python3 -m pytest
