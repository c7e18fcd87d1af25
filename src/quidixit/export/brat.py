"""brat standoff: ``ID.txt`` + ``ID.ann`` per article and an ``annotation.conf``; and back to gold JSONL.

Export (:func:`write`): the ``.txt`` is the article text exactly as stored (its
offsets are Python code points, as brat's own), the ``.ann`` holds

- ``T`` text-bound annotations ``Content`` (discontinuous when an incise splits
  it: ``start end;start end``), ``Cue`` and ``Speaker`` (a mention shared by
  several statements is written once);
- ``R`` relations ``Said`` (Speaker → Content) and ``Introduces`` (Cue → Content);
- ``A`` attributes ``Kind`` on a Content and ``SpeakerType`` on a Speaker;
- ``#`` ``AnnotatorNotes`` on a Speaker: who the mention is ("Serguei Lavrov").

Statements found in a title read apart from the text are left out (their offsets
index the title, which is not in the ``.txt``).

Import (:func:`read_gold`, ``quidixit import-brat``): the same files, corrected by
annotators, become gold records that ``quidixit evaluate`` reads (see
:mod:`quidixit.evaluate`): ``{"id", "text", "scope": "full", "statements":
[{"content", "cue", "speaker", "kind", "has_quote_mark", "speaker_name"}]}``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, TextIO

from ..errors import Errors, UsageError
from ..model import KINDS, SPEAKER_TYPES, Analysis
from ._common import pieces, text_statements

__all__ = ["ANNOTATION_CONF", "article_files", "ann_text", "write", "read_gold", "write_gold"]

ANNOTATION_CONF = f"""\
# brat configuration of quidixit's statements (written by `quidixit export --format brat`)
[entities]
Content
Cue
Speaker

[relations]
Said\tArg1:Speaker, Arg2:Content
Introduces\tArg1:Cue, Arg2:Content
<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>

[events]

[attributes]
Kind\tArg:Content, Value:{"|".join(KINDS)}
SpeakerType\tArg:Speaker, Value:{"|".join(SPEAKER_TYPES)}
"""

_SAFE_NAME = re.compile(r"[^\w.-]+")


def article_files(analysis: Analysis) -> str:
    """The base name of an article's two files: its id, made safe for a file name."""
    ident = analysis.article.with_id().id or "article"
    return _SAFE_NAME.sub("_", ident)


def _surface(text: str, spans: Iterable[tuple[int, int]]) -> str:
    # brat's text column: the pieces joined by a space; line breaks would break the line format
    return " ".join(text[s:e] for s, e in spans).replace("\r", " ").replace("\n", " ")


def ann_text(analysis: Analysis) -> str:
    """The ``.ann`` file of one article."""
    text = analysis.article.text
    lines: list[str] = []
    entities: dict[tuple[str, tuple[tuple[int, int], ...]], str] = {}

    n_t = 0

    def entity(label: str, spans: tuple[tuple[int, int], ...]) -> tuple[str, bool]:
        nonlocal n_t
        key = (label, spans)
        if key in entities and label != "Content":  # a shared mention or cue once; every statement its content
            return entities[key], False
        n_t += 1
        ident = f"T{n_t}"
        entities[key] = ident
        where = ";".join(f"{s} {e}" for s, e in spans)
        lines.append(f"{ident}\t{label} {where}\t{_surface(text, spans)}")
        return ident, True

    n_rel = n_attr = n_note = 0
    for st in text_statements(analysis):
        content, _ = entity("Content", pieces(st))
        n_attr += 1
        lines.append(f"A{n_attr}\tKind {content} {st.kind}")
        if st.speaker is not None:
            sp, new = entity("Speaker", ((st.speaker.start, st.speaker.end),))
            if new:
                n_attr += 1
                lines.append(f"A{n_attr}\tSpeakerType {sp} {st.speaker.type}")
                if st.speaker.name:
                    n_note += 1
                    lines.append(f"#{n_note}\tAnnotatorNotes {sp}\t{st.speaker.name}")
            n_rel += 1
            lines.append(f"R{n_rel}\tSaid Arg1:{sp} Arg2:{content}\t")
        if st.cue is not None:
            cue, _ = entity("Cue", ((st.cue.start, st.cue.end),))
            n_rel += 1
            lines.append(f"R{n_rel}\tIntroduces Arg1:{cue} Arg2:{content}\t")
    return "".join(line + "\n" for line in lines)


def write(analyses: Iterable[Analysis], folder: str | Path) -> int:
    """Write ``ID.txt`` and ``ID.ann`` per article and ``annotation.conf`` into ``folder``
    (created if needed). Returns the number of articles."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise UsageError(Errors.QX306.format(format="brat", reason=f"{folder} is a file; brat needs a folder (-o DIR)"))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "annotation.conf").write_text(ANNOTATION_CONF, encoding="utf-8")
    n = 0
    for an in analyses:
        base = article_files(an)
        with open(folder / f"{base}.txt", "w", encoding="utf-8", newline="") as f:
            f.write(an.article.text)
        (folder / f"{base}.ann").write_text(ann_text(an), encoding="utf-8", newline="")
        n += 1
    return n


# --------------------------------------------------------------------------- import


@dataclass
class _Ann:
    entities: dict[str, tuple[str, list[tuple[int, int]]]] = field(default_factory=dict)
    relations: list[tuple[str, str, str]] = field(default_factory=list)  # (type, arg1, arg2)
    attributes: dict[tuple[str, str], str] = field(default_factory=dict)  # (name, target) -> value
    notes: dict[str, str] = field(default_factory=dict)


def _bad(path: Path, lineno: int, reason: str) -> UsageError:
    return UsageError(Errors.QX402.format(path=path, line=lineno, reason=reason))


def _parse(path: Path, text: str) -> _Ann:
    ann = _Ann()
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        ident, _, rest = line.partition("\t")
        if ident.startswith("T"):
            head, _, surface = rest.partition("\t")
            label, _, where = head.partition(" ")
            try:
                spans = [(int(a), int(b)) for a, b in (part.split() for part in where.split(";"))]
            except ValueError:
                raise _bad(path, lineno, f"offsets {where!r} are not START END[;START END]") from None
            for s, e in spans:
                if not 0 <= s <= e <= len(text):
                    raise _bad(path, lineno, f"span {s} {e} is outside the text ({len(text)} characters)")
            if surface and surface.split() != _surface(text, spans).split():
                raise _bad(path, lineno, f"the text {surface!r} is not what the offsets give "
                                         f"({_surface(text, spans)!r}); was the .txt changed?")
            ann.entities[ident] = (label, sorted(spans))
        elif ident.startswith("R"):
            kind, *args = rest.partition("\t")[0].split()
            roles = dict(a.split(":", 1) for a in args if ":" in a)
            if "Arg1" not in roles or "Arg2" not in roles:
                raise _bad(path, lineno, "a relation needs Arg1: and Arg2:")
            ann.relations.append((kind, roles["Arg1"], roles["Arg2"]))
        elif ident.startswith(("A", "M")):
            parts = rest.split()
            if len(parts) >= 2:
                ann.attributes[(parts[0], parts[1])] = parts[2] if len(parts) > 2 else "true"
        elif ident.startswith("#"):
            head, _, note = rest.partition("\t")
            parts = head.split()
            if len(parts) >= 2:
                ann.notes[parts[1]] = note.strip()
        # E (events), * (equivalences), N (normalisations): not part of quidixit's annotation scheme
    return ann


def _gold_record(ident: str, text: str, ann: _Ann) -> dict[str, Any]:
    said: dict[str, list[str]] = {}
    introduced: dict[str, list[str]] = {}
    for kind, a1, a2 in ann.relations:
        if kind == "Said":
            said.setdefault(a2, []).append(a1)
        elif kind == "Introduces":
            introduced.setdefault(a2, []).append(a1)
    statements = []
    for tid, (label, spans) in ann.entities.items():
        if label != "Content":
            continue
        st: dict[str, Any] = {"content": [list(s) for s in spans]}
        cues = [ann.entities[c][1] for c in introduced.get(tid, []) if c in ann.entities]
        speakers = [s for s in said.get(tid, []) if s in ann.entities]
        st["cue"] = [list(s) for spans_ in cues for s in spans_]
        st["speaker"] = [list(s) for sp in speakers for s in ann.entities[sp][1]]
        kind = ann.attributes.get(("Kind", tid))
        if kind:
            st["kind"] = kind
            st["has_quote_mark"] = kind in ("direct", "mixed")
        names = [ann.notes[sp] for sp in speakers if ann.notes.get(sp)]
        if names:
            st["speaker_name"] = names[0]
        types = [ann.attributes[("SpeakerType", sp)] for sp in speakers if ("SpeakerType", sp) in ann.attributes]
        if types:
            st["speaker_type"] = types[0]
        statements.append(st)
    statements.sort(key=lambda s: (s["content"][0][0], s["content"][-1][1]))
    return {"id": ident, "text": text, "scope": "full", "statements": statements}


def read_gold(folder: str | Path) -> Iterator[dict[str, Any]]:
    """Gold records from a brat folder: one per ``.ann`` with its ``.txt``, in file-name order.
    The record's id is the file name (quidixit's article id when it exported the folder)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise UsageError(Errors.QX401.format(message=f"{folder} is not a folder of brat .txt/.ann files."))
    anns = sorted(folder.glob("*.ann"))
    if not anns:
        raise UsageError(Errors.QX401.format(message=f"{folder} holds no .ann file: nothing to import."))
    for ann_path in anns:
        txt = ann_path.with_suffix(".txt")
        if not txt.exists():
            raise UsageError(Errors.QX402.format(path=ann_path, line=0, reason=f"no {txt.name} next to it"))
        with open(txt, encoding="utf-8", newline="") as f:
            text = f.read()
        yield _gold_record(ann_path.stem, text, _parse(ann_path, text))


def write_gold(records: Iterable[dict[str, Any]], out: TextIO | str | Path) -> int:
    """Write gold records as JSONL; returns how many."""
    n = 0
    own = isinstance(out, (str, Path))
    f = open(out, "w", encoding="utf-8") if own else out
    try:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    finally:
        if own:
            f.close()
    return n
