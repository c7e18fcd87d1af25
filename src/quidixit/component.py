"""The spaCy component: attributed statements on a parsed ``Doc``, kept in serialisable form.

What the component finds travels with the ``Doc`` the way spaCy expects, so that
``Doc.to_bytes``, ``DocBin(store_user_data=True)`` and ``nlp.pipe(n_process=…)``
keep working:

- ``doc.user_data["quidixit"]``: plain JSON/msgpack data, the interchange JSON of
  ``docs/format.md`` (``{"statements": [...], "boilerplate": [...],
  "scare_quotes": [...], "error": None}``); exact character offsets;
- ``doc.spans["quidixit"]`` (content, labelled by kind), ``doc.spans["quidixit_cue"]``
  and ``doc.spans["quidixit_speaker"]`` (labelled by speaker type): the same, on
  token bounds (a span that does not fall on token bounds is widened to them),
  for displaCy and other span tools;
- ``doc._.qx_statements``, ``doc._.qx_boilerplate``, ``doc._.qx_scare_quotes``,
  ``doc._.qx_error``: getters that build the model's dataclasses from the user data.

The component's settings are keyword-only; cue verbs and boilerplate markers added
in the config (``extra_cue_verbs``, ``extra_cue_forms``, ``extra_boilerplate``) or
with :meth:`QuidixitComponent.add_cue_verbs` / :meth:`~QuidixitComponent.add_boilerplate`
are saved with the pipeline (``nlp.to_disk``) as data files and read back by
``spacy.load``. The factories are registered in :mod:`quidixit.factories`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Mapping

from spacy.language import Language
from spacy.tokens import Doc, Span

from .errors import Errors, SetupError
from .model import Boilerplate, Statement, sorted_statements

__all__ = [
    "USER_DATA_KEY",
    "SPAN_KEYS",
    "QuidixitComponent",
    "results",
    "set_results",
    "doc_statements",
    "doc_boilerplate",
    "doc_scare_quotes",
    "doc_error",
]

USER_DATA_KEY = "quidixit"
SPAN_KEYS = {"content": "quidixit", "cue": "quidixit_cue", "speaker": "quidixit_speaker"}
# the files of the component's folder in a saved pipeline: only what was added to the package's lexicon
_FILES = {"cue_verbs": "cue_verbs.txt", "cue_forms": "cue_forms.txt", "boilerplate": "boilerplate.txt"}


# --------------------------------------------------------------------------- the Doc's data


def results(doc: Doc) -> dict[str, Any]:
    """The component's serialisable results on ``doc`` (empty ones when it did not run)."""
    return doc.user_data.get(USER_DATA_KEY) or {"statements": [], "boilerplate": [], "scare_quotes": [], "error": None}


def set_results(doc: Doc, statements: Iterable[Statement], boilerplate: Iterable[Boilerplate] = (),
                scare_quotes: Iterable[tuple[int, int]] = (), error: str | None = None) -> None:
    """Write results onto ``doc``: the user data (exact offsets) and the span groups (token bounds)."""
    sts = sorted_statements(statements)
    doc.user_data[USER_DATA_KEY] = {
        "statements": [st.to_dict() for st in sts],
        "boilerplate": [b.to_dict() for b in boilerplate],
        "scare_quotes": [[int(s), int(e)] for s, e in scare_quotes],
        "error": error,
    }
    groups: dict[str, list[Span]] = {key: [] for key in SPAN_KEYS.values()}
    for st in sts:
        if st.field != "text":
            continue
        parts = [
            (SPAN_KEYS["content"], st.content.start, st.content.end, st.kind),
            (SPAN_KEYS["cue"], st.cue.start, st.cue.end, "cue") if st.cue else None,
            (SPAN_KEYS["speaker"], st.speaker.start, st.speaker.end, st.speaker.type) if st.speaker else None,
        ]
        for part in parts:
            if part is None:
                continue
            key, start, end, label = part
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None:
                groups[key].append(span)
    for key, spans in groups.items():
        doc.spans[key] = spans


def doc_statements(doc: Doc) -> tuple[Statement, ...]:
    """Getter of ``doc._.qx_statements``."""
    return tuple(Statement.from_dict(d) for d in results(doc)["statements"])


def doc_boilerplate(doc: Doc) -> tuple[Boilerplate, ...]:
    """Getter of ``doc._.qx_boilerplate``."""
    return tuple(Boilerplate.from_dict(d) for d in results(doc)["boilerplate"])


def doc_scare_quotes(doc: Doc) -> tuple[tuple[int, int], ...]:
    """Getter of ``doc._.qx_scare_quotes``."""
    return tuple((int(s), int(e)) for s, e in results(doc)["scare_quotes"])


def doc_error(doc: Doc) -> str | None:
    """Getter of ``doc._.qx_error``: the coded message (QX150) when the rules failed on this doc."""
    return results(doc).get("error")


# --------------------------------------------------------------------------- the component


class QuidixitComponent:
    """Finds attributed statements in a parsed Doc (see the module's docstring for where they go).

    Needs a parser and NER upstream. Statements inside page boilerplate are
    dropped unless ``keep_boilerplate`` is set.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "quidixit",
        *,
        lang: str | None = None,
        keep_boilerplate: bool = False,
        noun_phrases: bool = False,
        extra_cue_verbs: Iterable[str] = (),
        extra_cue_forms: Mapping[str, str] | None = None,
        extra_boilerplate: Iterable[str] = (),
    ):
        from .lexicon import Lexicon, parse_cue_verb

        self.name = name
        self.lang = lang or nlp.lang
        self.keep_boilerplate = keep_boilerplate
        # FrameNet's wider scope: also noun-phrase objects and passive participles of verbs of saying
        # with none of the speaker's own words ("a annoncé sa démission"); off by the conventions (rule 4)
        self.noun_phrases = noun_phrases
        self._base = Lexicon.load(self.lang)
        # what this component adds to the package's lexicon, as saved by to_disk
        self.added: dict[str, Any] = {"cue_verbs": {}, "cue_forms": {}, "boilerplate": []}
        for entry in extra_cue_verbs:
            parse_cue_verb(entry)  # QX203 now, not at the first document
        self._add(cue_verbs=extra_cue_verbs, cue_forms=extra_cue_forms or {}, boilerplate=extra_boilerplate)

    # -- the lexicon ---------------------------------------------------------

    def _add(self, *, cue_verbs: Iterable[str] = (), cue_forms: Mapping[str, str] | None = None,
             boilerplate: Iterable[str] = ()) -> None:
        from .lexicon import parse_cue_verb

        for entry in cue_verbs:
            lemma, klass = parse_cue_verb(entry)
            self.added["cue_verbs"][lemma] = klass
        for form, lemma in (cue_forms or {}).items():
            self.added["cue_forms"][form.strip().lower()] = lemma.strip().lower()
        for marker in boilerplate:
            if marker.strip() and marker.strip().lower() not in self.added["boilerplate"]:
                self.added["boilerplate"].append(marker.strip().lower())
        self.lexicon = self._base.extended(
            cue_verbs=[f"{lemma}:{klass}" for lemma, klass in self.added["cue_verbs"].items()],
            cue_forms=self.added["cue_forms"],
            boilerplate=self.added["boilerplate"],
        )

    def add_cue_verbs(self, lemmas: Iterable[str], forms: Mapping[str, str] | None = None) -> None:
        """More verbs of saying: ``["claironner", "souligner:weak"]`` (strong unless ``:weak``);
        a first-group verb gets its forms, others need ``forms`` ({"prédit": "prédire"}).
        Saved with the pipeline by ``nlp.to_disk``."""
        self._add(cue_verbs=list(lemmas), cue_forms=forms)

    def add_boilerplate(self, markers: Iterable[str]) -> None:
        """More teaser markers ("à lire sur notre site"): a paragraph that is one of them opens a teaser."""
        self._add(boilerplate=list(markers))

    # -- running -------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        from .attribution import find_statements

        try:
            statements, boilerplate, scare = find_statements(
                doc, self.lexicon, keep_boilerplate=self.keep_boilerplate, noun_phrases=self.noun_phrases)
            error = None
        except Exception as err:  # a rule that breaks on one document must not stop a batch
            error = Errors.QX150.format(reason=f"{type(err).__name__}: {err}")
            statements, boilerplate, scare = (), (), ()
        set_results(doc, statements, boilerplate, scare, error)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128):
        for doc in docs:
            yield self(doc)

    # -- serialisation -------------------------------------------------------

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write what was added to the package's lexicon, in its file formats:
        ``cue_verbs.txt`` (LEMMA<TAB>CLASS), ``cue_forms.txt`` (FORM<TAB>LEMMA), ``boilerplate.txt``."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        head = "# added to quidixit's lexicon for language {lang} by this pipeline; read back by from_disk\n"
        lines = {
            "cue_verbs": [f"{lemma}\t{klass}" for lemma, klass in self.added["cue_verbs"].items()],
            "cue_forms": [f"{form}\t{lemma}" for form, lemma in self.added["cue_forms"].items()],
            "boilerplate": list(self.added["boilerplate"]),
        }
        for key, name in _FILES.items():
            (path / name).write_text(head.format(lang=self.lang) + "".join(x + "\n" for x in lines[key]),
                                     encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "QuidixitComponent":
        """Read back what :meth:`to_disk` wrote (added to what the config already adds)."""
        path = Path(path)
        if not path.is_dir():
            raise SetupError(Errors.QX204.format(path=path, reason="no such folder"))

        def lines(name: str) -> list[str]:
            f = path / name
            if not f.exists():
                return []
            return [x for x in f.read_text(encoding="utf-8").splitlines() if x.strip() and not x.startswith("#")]

        forms = {}
        for line in lines(_FILES["cue_forms"]):
            form, sep, lemma = line.partition("\t")
            if not sep:
                raise SetupError(Errors.QX204.format(path=path, reason=f"{_FILES['cue_forms']}: {line!r} is not FORM<TAB>LEMMA"))
            forms[form] = lemma
        self._add(cue_verbs=lines(_FILES["cue_verbs"]), cue_forms=forms, boilerplate=lines(_FILES["boilerplate"]))
        return self
