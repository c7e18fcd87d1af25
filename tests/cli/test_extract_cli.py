"""`quidixit extract`, through click's CliRunner (one process: the spaCy model loads once per module)
and once through the installed console script with two workers."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from quidixit.cli import extract as extract_mod
from quidixit.cli import main
from quidixit.errors import Errors
from quidixit.model import KINDS, SPEAKER_TYPES, Analysis, Article, Content, Cue, Speaker, Statement, article_id

SAMPLE = resources.files("quidixit") / "data" / "sample" / "sana-lavrov-2017-fr.txt"
SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
SAMPLE_TITLE = "Lavrov\u00a0: Les terroristes soutenues par les Etats-Unis constituent un danger sur les zones de désescalade"
SUMMARY = re.compile(r"^(\d+) articles, (\d+) statements, (\d+) failed(, \d+ skipped)?$")

needs_model = pytest.mark.slow


def invoke(*args, **kw):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, **kw)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    path = tmp_path_factory.mktemp("in") / "sana-lavrov-2017-fr.txt"
    path.write_text(SAMPLE_TEXT, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def sample_jsonl(sample):
    """The sample article as `quidixit extract --format jsonl` gives it (run once)."""
    r = invoke("extract", sample, "--format", "jsonl")
    assert r.exit_code == 0, r.stderr
    assert r.stderr == ""  # one document: no summary
    (line,) = r.stdout.splitlines()
    return json.loads(line)


# --------------------------------------------------------------------------- output formats


@needs_model
def test_sample_jsonl_statements_and_offsets(sample, sample_jsonl):
    d = sample_jsonl
    assert d["id"] == article_id(SAMPLE_TEXT) and "qx_id" not in d
    assert (d["title"], d["source"]) == (SAMPLE_TITLE, str(sample))
    assert "text" not in d
    assert len(d["statements"]) >= 12
    for st in d["statements"]:
        assert st["kind"] in KINDS
        c = st["content"]
        assert SAMPLE_TEXT[c["start"]:c["end"]] == c["text"]
        if st["cue"]:
            assert SAMPLE_TEXT[st["cue"]["start"]:st["cue"]["end"]] == st["cue"]["text"]
        if st["speaker"]:
            assert SAMPLE_TEXT[st["speaker"]["start"]:st["speaker"]["end"]] == st["speaker"]["text"]
            assert st["speaker"]["type"] in SPEAKER_TYPES
    assert any(st["kind"] == "direct" and st["content"]["text"].startswith("Ceux qui représentent le danger")
               for st in d["statements"])


@needs_model
def test_json_format_is_one_array(sample, sample_jsonl):
    r = invoke("extract", sample, "--format", "json")
    assert r.exit_code == 0
    assert r.stdout.startswith("[\n{") and r.stdout.endswith("}\n]\n")
    assert json.loads(r.stdout) == [sample_jsonl]


@needs_model
def test_stdin(sample_jsonl):
    for args in (["-"], []):  # no FILE and a piped stdin: read it
        r = invoke("extract", *args, "--format", "jsonl", input=SAMPLE_TEXT.encode("utf-8"))
        assert r.exit_code == 0, r.stderr
        (line,) = r.stdout.splitlines()
        d = json.loads(line)
        assert d["source"] == "-"
        assert d["statements"] == sample_jsonl["statements"]


@needs_model
def test_text_format(sample, sample_jsonl):
    r = invoke("extract", sample, "--format", "text")
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    n = len(sample_jsonl["statements"])
    assert lines[:2] == [SAMPLE_TITLE, f"{sample} · {n} statements"]
    assert len(lines) == 2 + n
    kinds = "|".join(KINDS)
    pattern = re.compile(rf"^  \[({kinds})\] (.+ \([a-z]+(, .+)?\)|\(no speaker\))( — [^:]+)?: (.+)$")
    for line in lines[2:]:
        m = pattern.match(line)
        assert m, line
        # verbatim only between « »: a direct quote is wrapped, any other kind is not
        wrapped = m.group(5).startswith("«") and m.group(5).endswith("»")
        if m.group(1) == "direct":
            assert wrapped, line
    assert "\x1b[" not in r.stdout  # no colour when stdout is not a terminal
    assert ("  [direct] Serguei Lavrov (person, ministre russe des Affaires étrangères) — a dit: «Ceux qui "
            "représentent le danger plus grand sont les terroristes étrangers") in r.stdout


def test_statement_line_plain_and_coloured():
    from rich.console import Console

    anonymous = Statement("according_to", Content(0, 9, "il pleut \n demain\u00a0!"), Cue(0, 5, "selon", "selon"), None)
    assert extract_mod.statement_line(anonymous).plain == "[according_to] (no speaker) — selon: il pleut demain\u00a0!"
    st = Statement("direct", Content(10, 20, "Nous partirons"), None, Speaker(0, 8, "le maire", "le maire", "person"))
    line = extract_mod.statement_line(st)
    assert line.plain == "[direct] le maire (person): «Nous partirons»"
    console = Console(force_terminal=True, color_system="standard", width=200)
    with console.capture() as cap:
        console.print(line)
    assert "\x1b[1;32m[direct]" in cap.get()  # bold green, the colour of direct quotes


def test_regression_10_only_direct_quotes_are_shown_between_guillemets():
    for kind in ("indirect", "according_to", "headline"):
        st = Statement(kind, Content(20, 41, "la grève continuerait"), None, None)
        assert "«" not in extract_mod.statement_line(st).plain, kind
    mixed = Statement("mixed", Content(0, 30, "la grève « continuerait »"), None, None)
    assert extract_mod.statement_line(mixed).plain == "[mixed] (no speaker): la grève « continuerait »"
    direct = Statement("direct", Content(0, 10, "Nous restons"), None, None)
    assert extract_mod.statement_line(direct).plain == "[direct] (no speaker): «Nous restons»"


def test_text_line_shows_the_pieces_not_the_incise_between_them():
    text = '"We are not going," Biden told reporters. "That is not on the table."'
    a, b = text.index("We"), text.index("That")
    end = len(text) - 1  # before the closing mark
    content = Content(a, end, text[a:end], ((a, a + len("We are not going")), (b, end)))
    st = Statement("direct", content, None, None, 0.9)
    assert extract_mod.statement_line(st).plain == "[direct] (no speaker): «We are not going […] That is not on the table.»"


def test_statement_line_with_an_unresolved_speaker():
    st = Statement("indirect", Content(20, 41, "la grève continuerait"), Cue(4, 15, "ont affirmé", "affirmer"),
                   Speaker(0, 3, "Ils", None, "unknown"))
    assert extract_mod.statement_line(st).plain == "[indirect] “Ils” (unknown, unresolved) — ont affirmé: la grève continuerait"


def test_analysis_record_puts_the_input_id_back():
    art = Article(text="x", id="0123456789abcdef", source="in.jsonl:1", meta={"external_id": "a-1", "lang2": "fr"})
    assert extract_mod.analysis_record(Analysis(art, ())) == {
        "id": "a-1", "qx_id": "0123456789abcdef", "source": "in.jsonl:1", "statements": [], "boilerplate": [],
        "scare_quotes": [], "meta": {"lang2": "fr"}}
    plain = Article(text="x", id="0123456789abcdef")
    assert extract_mod.analysis_record(Analysis(plain, ())) == {
        "id": "0123456789abcdef", "statements": [], "boilerplate": [], "scare_quotes": []}


# --------------------------------------------------------------------------- batches and errors


@needs_model
def test_jsonl_input_keeps_ids(tmp_path):
    path = tmp_path / "in.jsonl"
    rows = [
        {"id": "sana-1", "text": SAMPLE_TEXT, "language": "fr", "outlet": "SANA"},
        {"id": 42, "text": "« Nous partirons demain », a déclaré le maire.", "language": "fr",
         "url": "https://example.org/a"},
        {"id": "de-1", "text": "Der Bürgermeister sagte, sie würden gehen.", "language": "de"},
        {"text": "« Nous resterons », a dit la maire.", "language": "fr"},
    ]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    r = invoke("extract", path, "--format", "jsonl")
    assert r.exit_code == 0, r.stderr
    out = [json.loads(line) for line in r.stdout.splitlines()]
    assert [d["id"] for d in out] == ["sana-1", "42", article_id(rows[3]["text"])]
    assert [d.get("qx_id") for d in out] == [article_id(SAMPLE_TEXT), article_id(rows[1]["text"], rows[1]["url"]), None]
    assert all("meta" not in d for d in out)
    assert len(out[0]["statements"]) >= 12 and out[0]["outlet"] == "SANA"
    err = r.stderr.splitlines()
    assert err[0] == f"skipped: {path}:3: " + Errors.QX109.format(path=f"{path}:3", language="de", supported="en, fr")
    m = SUMMARY.match(err[1])
    assert m and (m.group(1), m.group(3), m.group(4)) == ("3", "0", ", 1 skipped")
    assert len(err) == 2


@needs_model
def test_a_mixed_corpus_goes_to_each_language_pack(tmp_path):
    """French and English articles in one run, each analysed by its own pack; --lang forces one."""
    path = tmp_path / "mixed.jsonl"
    rows = [
        {"id": "fr-1", "text": "Le ministre a affirmé que le projet serait abandonné.", "language": "fr"},
        {"id": "en-1", "text": "The minister said that the project would be dropped.", "language": "en"},
        {"id": "xx-1", "text": "« Nous resterons », a dit la maire."},  # no language given: French
    ]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    r = invoke("extract", path, "--format", "jsonl", "--no-language-check")
    assert r.exit_code == 0, r.stderr
    out = {d["id"]: d["statements"] for d in map(json.loads, r.stdout.splitlines())}
    assert [(s["kind"], s["cue"]["text"], s["content"]["text"]) for s in out["fr-1"]] == [
        ("indirect", "a affirmé", "le projet serait abandonné")]
    assert [(s["kind"], s["cue"]["text"], s["content"]["text"]) for s in out["en-1"]] == [
        ("indirect", "said", "the project would be dropped")]
    assert [(s["kind"], s["content"]["text"]) for s in out["xx-1"]] == [("direct", "Nous resterons")]
    # forced: the English article read with the French pack finds no French cue
    forced = invoke("extract", path, "--format", "jsonl", "--lang", "fr", "--no-language-check")
    assert forced.exit_code == 0, forced.stderr
    by_id = {d["id"]: d["statements"] for d in map(json.loads, forced.stdout.splitlines())}
    assert by_id["en-1"] == [] and by_id["fr-1"] == out["fr-1"]


@needs_model
def test_bad_documents_are_reported_and_the_batch_goes_on(tmp_path, sample):
    missing = tmp_path / "missing.txt"
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Le ministre a déclaré que tout allait bien.".encode("latin-1"))
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    empty = tmp_path / "empty.txt"
    empty.write_text(" \n", encoding="utf-8")
    r = invoke("extract", missing, bad, sample, binary, empty, "--format", "jsonl")
    assert r.exit_code == 1
    (line,) = r.stdout.splitlines()
    assert json.loads(line)["source"] == str(sample)
    assert r.stderr.splitlines() == [
        f"error: {missing}: " + Errors.QX101.format(path=missing),
        f"error: {bad}: " + Errors.QX102.format(path=bad, pos=15, reason="invalid continuation byte"),
        f"error: {binary}: " + Errors.QX103.format(path=binary),
        f"error: {empty}: " + Errors.QX104.format(path=empty),
        f"1 articles, {len(json.loads(line)['statements'])} statements, 4 failed",
    ]


def test_model_not_installed():
    r = invoke("extract", "-", "--model", "xx_no_such_model", input=b"text")
    assert r.exit_code == 1
    assert r.stdout == ""
    assert r.stderr == "error: " + Errors.QX201.format(model="xx_no_such_model", package="xx_no_such_model") + "\n"


def test_language_check_without_lingua(monkeypatch):
    monkeypatch.setattr(extract_mod, "_installed", lambda module: module != "lingua")
    r = invoke("extract", "-", "--language-check", input=b"text")
    assert r.exit_code == 1
    assert r.stderr == ("error: language detection needs lingua, an optional dependency: install it with "
                        "`pip install 'quidixit[corpus]'`, or pass --no-language-check.\n")
    assert extract_mod._language_detection(None) is False  # the default then: take articles as French


@needs_model
def test_html_without_trafilatura(monkeypatch, tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<!doctype html><html><body><p>« Oui », a dit le maire.</p></body></html>", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import trafilatura now fails
    r = invoke("extract", page, "--no-language-check")
    assert r.exit_code == 1
    assert r.stderr == ("error: reading HTML needs trafilatura, an optional dependency: install it with "
                        "`pip install 'quidixit[corpus]'`.\n")


# --------------------------------------------------------------------------- the console script


def _console_script() -> str:
    beside = Path(sys.executable).with_name("quidixit")
    return str(beside) if beside.exists() else (shutil.which("quidixit") or pytest.skip("quidixit is not installed"))


@pytest.mark.slow
def test_console_script_with_two_workers(tmp_path, sample):
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text(json.dumps({"id": "m1", "text": "« Nous partirons demain », a déclaré le maire de Lyon.",
                                 "language": "fr"}, ensure_ascii=False) + "\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    proc = subprocess.run([_console_script(), "extract", "-n", "2", str(sample), str(missing), str(jsonl)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]  # jsonl: stdout is not a terminal
    assert [d["id"] for d in out] == [article_id(SAMPLE_TEXT), "m1"]
    assert len(out[0]["statements"]) >= 12
    err = proc.stderr.splitlines()
    assert err[0] == f"error: {missing}: " + Errors.QX101.format(path=missing)
    m = SUMMARY.match(err[-1])
    assert m and (m.group(1), m.group(3)) == ("2", "1")
    assert "\x1b[" not in proc.stderr  # no progress bar: stderr is not a terminal
