#!/usr/bin/env bash
# The main job on the bundled sample: set up, ingest into the default store, show a search and the stats.
# Installs only what the demo uses (core + corpus + ui extras: no Spark, no Playwright, no browser);
# scripts/test.sh installs everything.
set -euo pipefail
cd "$(dirname "$0")/.."
QUIDIXIT_EXTRAS=${QUIDIXIT_EXTRAS:-corpus,ui} bash scripts/setup.sh
DB=${QUIDIXIT_DB:-quidixit.db}
SAMPLE=src/quidixit/data/sample
echo "== quidixit ingest $SAMPLE --db $DB" >&2
.venv/bin/quidixit ingest "$SAMPLE" --db "$DB" -n 2 || true   # a failed document is reported and counted, not fatal
echo "== quidixit search Lavrov" >&2
.venv/bin/quidixit search Lavrov --db "$DB" --limit 5
echo "== quidixit speakers" >&2
.venv/bin/quidixit speakers --db "$DB" --limit 10
echo "== quidixit stats" >&2
.venv/bin/quidixit stats --db "$DB"
echo "== quidixit stats --voice --period year" >&2
.venv/bin/quidixit stats --db "$DB" --voice --period year
cat >&2 <<TXT

Done. The store is $DB (SQLite). Look at it with:
  .venv/bin/quidixit search "ministère" --db $DB
  .venv/bin/quidixit extract $SAMPLE/sana-lavrov-2017-fr.txt --format text
  .venv/bin/quidixit serve --db $DB      # then open http://127.0.0.1:8001/
  .venv/bin/quidixit export --db $DB --format brat -o brat/   # or webannotation, claimreview, labelstudio
TXT
