"""`import quidixit` and the commands that do not extract never import spaCy (issue 11):
it takes about a second, which `quidixit search` or `--version` should not pay."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from quidixit.model import Analysis, Article
from quidixit.store import Store

PROBE = textwrap.dedent(
    """
    import sys
    from quidixit.cli import main
    sys.argv = ["quidixit"] + sys.argv[1:]
    try:
        main()
    except SystemExit:
        pass
    loaded = sorted(m for m in ("spacy", "thinc", "torch") if m in sys.modules)
    print("LOADED", loaded, file=sys.stderr)
    """
)


def loaded_after(*args: str) -> str:
    r = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=120)
    return r.stderr.strip().splitlines()[-1]


def test_import_quidixit_does_not_import_spacy():
    code = "import quidixit, sys; assert 'spacy' not in sys.modules, 'spacy imported'; print(quidixit.__version__)"
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("imports") / "c.db"
    with Store(path) as store:
        store.write_batch([Analysis(Article("Le maire a parlé.", id="a1", outlet="X"), ())], store.start_run())
    return str(path)


@pytest.mark.parametrize("args", [
    ["--version"], ["--help"], ["search", "maire"], ["speakers"], ["stats"], ["export", "--format", "csv", "-o", "-"],
    ["ingest", "--help"], ["extract", "--help"], ["serve", "--help"],
])
def test_commands_that_do_not_extract_do_not_import_spacy(args, db):
    if args[0] in ("search", "speakers", "stats", "export"):
        args = args + ["--db", db]
    assert loaded_after(*args) == "LOADED []"


def test_the_extraction_functions_are_still_there():
    import quidixit

    assert callable(quidixit.extract) and callable(quidixit.analyze) and "extract" in dir(quidixit)
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        quidixit.nope  # noqa: B018
