"""Label Studio: tasks with pre-annotations (``predictions``) and the labelling config they need.

Each article is one task: ``data`` holds the text and where it comes from;
``predictions[0].result`` holds, per statement,

- a ``labels`` region on the content (label: its kind; one region per piece when
  an incise splits it), on the cue (``cue``) and on the speaker mention
  (``speaker``, written once when several statements share it);
- for a speaker region, a per-region ``choices`` result (its type) and a
  ``textarea`` result (who it is: "Serguei Lavrov");
- ``relation`` results speaker → content (``said``) and cue → content
  (``introduces``), and ``continues`` from a content piece to the next.

Offsets are code points, as Label Studio stores them for ``<Text>`` since its
fix for astral characters; statements found in a title read apart from the text
are left out. :data:`CONFIG` is the matching labelling config (XML);
:func:`check_task` checks a task against it and against the documented task
format (what ``label-studio-sdk`` would be asked to import).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, Iterable, TextIO

from ..model import KINDS, SPEAKER_TYPES, Analysis
from ._common import GENERATOR, pieces, text_statements
from ._json import dump

__all__ = ["CONFIG", "RESULT_TYPES", "task", "tasks", "write", "check_task"]

_COLOURS = {"direct": "#2e7d32", "indirect": "#00838f", "mixed": "#8e24aa", "according_to": "#f9a825",
            "headline": "#1565c0", "cue": "#6d4c41", "speaker": "#c62828"}
CONFIG = (
    '<View>\n'
    '  <Labels name="label" toName="text">\n'
    + "".join(f'    <Label value="{v}" background="{c}"/>\n' for v, c in _COLOURS.items())
    + '  </Labels>\n'
    '  <Relations>\n'
    '    <Relation value="said"/>\n'
    '    <Relation value="introduces"/>\n'
    '    <Relation value="continues"/>\n'
    '  </Relations>\n'
    '  <Text name="text" value="$text"/>\n'
    '  <View visibleWhen="region-selected" whenLabelValue="speaker">\n'
    '    <Header value="Speaker type and name"/>\n'
    '    <Choices name="speaker_type" toName="text" perRegion="true" choice="single">\n'
    + "".join(f'      <Choice value="{t}"/>\n' for t in SPEAKER_TYPES)
    + '    </Choices>\n'
    '    <TextArea name="speaker_name" toName="text" perRegion="true" maxSubmissions="1"/>\n'
    '  </View>\n'
    '</View>\n'
)
RESULT_TYPES = {"Labels": "labels", "Choices": "choices", "TextArea": "textarea"}


def _region(rid: str, start: int, end: int, text: str, label: str) -> dict[str, Any]:
    return {"id": rid, "from_name": "label", "to_name": "text", "type": "labels",
            "value": {"start": start, "end": end, "text": text[start:end], "labels": [label]}}


def _relation(a: str, b: str, label: str) -> dict[str, Any]:
    return {"from_id": a, "to_id": b, "type": "relation", "direction": "right", "labels": [label]}


def task(analysis: Analysis) -> dict[str, Any]:
    """The Label Studio task of one article, with quidixit's statements as predictions."""
    a = analysis.article.with_id()
    text = a.text
    data = {"text": text, "qx_id": a.id}
    data.update({k: v for k, v in (("title", a.title), ("url", a.url), ("outlet", a.outlet),
                                   ("published", a.published)) if v})
    regions: dict[tuple[str, int, int], str] = {}
    result: list[dict[str, Any]] = []
    relations: list[dict[str, Any]] = []

    def region(label: str, start: int, end: int) -> tuple[str, bool]:
        key = (label, start, end)
        if key in regions:
            return regions[key], False
        rid = f"r{len(regions) + 1}"
        regions[key] = rid
        result.append(_region(rid, start, end, text, label))
        return rid, True

    scores = []
    for st in text_statements(analysis):
        scores.append(st.confidence)
        content_ids = [region(st.kind, s, e)[0] for s, e in pieces(st)]
        for prev, nxt in zip(content_ids, content_ids[1:]):
            relations.append(_relation(prev, nxt, "continues"))
        if st.speaker is not None:
            sp = st.speaker
            rid, new = region("speaker", sp.start, sp.end)
            if new:
                where = {"start": sp.start, "end": sp.end, "text": text[sp.start:sp.end]}
                result.append({"id": rid, "from_name": "speaker_type", "to_name": "text", "type": "choices",
                               "value": {**where, "choices": [sp.type]}})
                if sp.name:
                    result.append({"id": rid, "from_name": "speaker_name", "to_name": "text", "type": "textarea",
                                   "value": {**where, "text": [sp.name]}})
            relations.extend(_relation(rid, c, "said") for c in content_ids)
        if st.cue is not None:
            rid, _ = region("cue", st.cue.start, st.cue.end)
            relations.extend(_relation(rid, c, "introduces") for c in content_ids)
    prediction = {"model_version": GENERATOR, "result": result + relations}
    if scores:
        prediction["score"] = round(sum(scores) / len(scores), 3)
    return {"data": data, "predictions": [prediction]}


def tasks(analyses: Iterable[Analysis]) -> list[dict[str, Any]]:
    return [task(an) for an in analyses]


def write(analyses: Iterable[Analysis], out: TextIO | str | Path, *, config: str | Path | None = None) -> int:
    """Write the tasks as one JSON array (Label Studio's import format); with ``config``, also the
    labelling config (XML) to that path. Returns the number of tasks."""
    items = tasks(analyses)
    dump(items, out)
    if config is not None:
        Path(config).write_text(CONFIG, encoding="utf-8")
    return len(items)


def check_task(t: dict[str, Any], config: str = CONFIG) -> list[str]:
    """What is wrong with task ``t`` against the labelling ``config`` and Label Studio's
    documented task format (an empty list when nothing is)."""
    root = ET.fromstring(config)
    controls = {el.get("name"): el for el in root.iter() if el.tag in RESULT_TYPES}
    objects = {el.get("name"): el for el in root.iter() if el.tag == "Text"}
    relation_labels = {el.get("value") for el in root.iter("Relation")}
    problems = []
    data = t.get("data")
    if not isinstance(data, dict):
        return ["the task has no 'data' object"]
    for obj in objects.values():
        key = (obj.get("value") or "").lstrip("$")
        if not isinstance(data.get(key), str):
            problems.append(f"data has no string {key!r} for <Text name={obj.get('name')!r}>")
    text = data.get("text", "")
    ids = set()
    for pred in t.get("predictions", []):
        if not isinstance(pred.get("result"), list):
            problems.append("a prediction has no 'result' list")
            continue
        for r in pred["result"]:
            if r.get("type") == "relation":
                continue
            ids.add(r.get("id"))
            ctrl = controls.get(r.get("from_name"))
            if ctrl is None:
                problems.append(f"result {r.get('id')}: no control named {r.get('from_name')!r} in the config")
                continue
            if r.get("to_name") not in objects or ctrl.get("toName") != r.get("to_name"):
                problems.append(f"result {r.get('id')}: to_name {r.get('to_name')!r} is not the control's toName")
            if r.get("type") != RESULT_TYPES[ctrl.tag]:
                problems.append(f"result {r.get('id')}: type {r.get('type')!r} for a <{ctrl.tag}>")
            v = r.get("value") or {}
            s, e = v.get("start"), v.get("end")
            inside = isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= len(text)
            if not inside or (ctrl.tag != "TextArea" and v.get("text") != text[s:e]):
                problems.append(f"result {r.get('id')}: offsets {s}, {e} do not give its text")
            allowed = {el.get("value") for el in ctrl if el.tag in ("Label", "Choice")}
            key = {"Labels": "labels", "Choices": "choices"}.get(ctrl.tag)
            if key and not (isinstance(v.get(key), list) and set(v[key]) <= allowed):
                problems.append(f"result {r.get('id')}: {key} {v.get(key)!r} not declared in <{ctrl.tag}>")
            if ctrl.tag == "TextArea" and not (isinstance(v.get("text"), list) and all(isinstance(x, str) for x in v["text"])):
                problems.append(f"result {r.get('id')}: a textarea value needs a list of strings")
        for r in pred["result"]:
            if r.get("type") != "relation":
                continue
            if r.get("from_id") not in ids or r.get("to_id") not in ids:
                problems.append(f"relation {r.get('from_id')} -> {r.get('to_id')}: an end is not a region")
            if not set(r.get("labels") or []) <= relation_labels:
                problems.append(f"relation {r.get('from_id')} -> {r.get('to_id')}: labels {r.get('labels')} not declared")
            if r.get("direction") not in ("right", "left", "bi"):
                problems.append(f"relation {r.get('from_id')} -> {r.get('to_id')}: direction {r.get('direction')!r}")
    return problems
