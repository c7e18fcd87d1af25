#!/usr/bin/env bash
# Set up quidixit in ./.venv from PyPI (idempotent). Needs only Python 3.11+.
# Browser tests also need Debian's chromium: installed here when running as root
# with apt-get available (as CI does); otherwise those tests skip with a message.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
"$PY" -c 'import sys; assert sys.version_info >= (3, 11), "quidixit needs Python >= 3.11"'
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[corpus,ui,spark,test]"
if [ "${QUIDIXIT_SKIP_CHROMIUM:-}" = "" ] && [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "setup: installing Debian chromium for the browser tests" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "setup: could not install chromium; browser tests will skip" >&2
fi
echo "setup: ready (.venv, quidixit $(.venv/bin/python -c 'import quidixit; print(quidixit.__version__)'))" >&2
