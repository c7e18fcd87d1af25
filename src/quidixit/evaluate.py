"""Scoring extracted statements against annotated (gold) articles.

The rules are those of the team's reference scorer (``tools/score.py`` in the
shared data folder); :func:`score` must give the same numbers on the same files,
and ``tests/test_evaluate.py`` checks that it does.

Gold, one JSON object per line::

    {"id", "text", "scope": "full"|"recall",
     "statements": [{"content": [[s, e], ...], "cue": [[s, e], ...],
                     "speaker": [[s, e], ...], "has_quote_mark"?: bool,
                     "speaker_name"?: str}]}

System, one line per article: ``{"id", "statements": [Statement.to_dict(), ...]}``
with offsets into the gold text (``content.spans`` is used when present).

Rules, per article:

* the text is cut into word tokens (runs of ``\\w``); a span holds a token
  when it covers at least half of it; a leading "que" / "qu'" / "that" is
  not counted (unless it is the only token);
* overlap ratio of a gold and a predicted content = shared tokens / the larger
  token count; pairs are matched one to one, greedily by decreasing ratio, and
  a pair counts at threshold t when its ratio >= t (0.3, 0.5, 0.8);
* "exact": equal strings once quote marks are removed, whitespace collapsed,
  edge spaces and final punctuation stripped and a leading que dropped;
* precision over "full" articles only (a "recall" article annotates only some
  of its statements), recall over all articles, F1 from the full articles;
* on matched pairs: the speaker is right when the predicted mention overlaps a
  gold one, or when the last capitalised word of a gold mention (or of the
  gold ``speaker_name``) is a word of the predicted ``name``; the cue is right
  when the spans overlap. Gold statements without speaker (without cue) are
  counted apart, not judged;
* with ``names=True`` (the reference's ``--names``), ``speaker_name_acc`` at
  0.5: over the pairs matched at >= 0.5 whose gold has a ``speaker_name``, the
  predicted ``name`` (its ``text`` when it has none) must hold the last
  capitalised word of the gold name ("Serguei Lavrov" -> "Lavrov"), or, for a
  gold name with no capital ("les manifestants"), one of its words of four
  letters or more. The mention's span does not count here: a pronoun resolved
  to the wrong person is wrong.

Beyond the reference: when the gold statements carry a ``kind``, recall is
also broken down by gold kind (:attr:`Report.by_kind`, ``"by_kind"`` in the
JSON, a block after the reference's table); the reference's numbers and
layout are otherwise unchanged.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, Iterable, Sequence

from .errors import Errors, UsageError

__all__ = [
    "THRESHOLDS",
    "LEVELS",
    "NAME_LEVEL",
    "KINDS",
    "Counts",
    "Warnings",
    "Metrics",
    "Report",
    "KindRecall",
    "score",
    "markdown_table",
    "load_jsonl",
    "system_records",
    "analysis_record",
]

THRESHOLDS = (0.3, 0.5, 0.8)
LEVELS = tuple(str(t) for t in THRESHOLDS) + ("exact",)
NAME_LEVEL = "0.5"  # speaker_name_acc is measured on the pairs matched at this level
KINDS = ("direct", "mixed", "indirect", "according_to", "headline")  # display order of by_kind

_WORD_TOKEN = re.compile(r"\w+")
_NAME_WORD = re.compile(r"[^\W\d_][\w-]*")  # starts with a letter
_QUOTE_MARKS = '"\u201c\u201d\u00ab\u00bb\u201e\u201f\u2018\u2039\u203a'
_EDGE = " \t\r\n\u00a0\u202f'\u2019" + _QUOTE_MARKS
_FINAL_PUNCT = ".,;:!?\u2026"
_LEADING_QUE = re.compile(r"^(?:que\s|qu['\u2019]|that\s)\s*", re.IGNORECASE)
_APOSTROPHES = ("'", "\u2019")

Span = tuple[int, int]


# ----------------------------------------------------------------- records
@dataclass
class Counts:
    articles: int = 0
    articles_full: int = 0
    articles_recall: int = 0
    articles_missing_in_system: int = 0
    gold: int = 0
    gold_full: int = 0
    pred: int = 0
    pred_full: int = 0
    gold_direct: int = 0
    gold_indirect: int = 0
    gold_without_speaker: int = 0
    gold_without_cue: int = 0


@dataclass
class Warnings:
    system_articles_not_in_gold: int = 0
    duplicate_system_ids: int = 0
    pred_statements_without_content: int = 0
    pred_offsets_out_of_range: int = 0
    pred_text_differs_from_offsets: int = 0


@dataclass
class _Tally:
    """Matched pairs at one level, before division."""

    matched: int = 0
    matched_full: int = 0
    speaker_ok: int = 0
    speaker_n: int = 0
    speaker_no_gold: int = 0
    cue_ok: int = 0
    cue_n: int = 0
    cue_no_gold: int = 0
    direct: int = 0
    indirect: int = 0


@dataclass
class Metrics:
    """The measures at one matching level; None where a measure is undefined."""

    precision: float | None
    recall: float | None
    recall_full: float | None
    f1: float | None
    matched: int
    speaker_acc: float | None
    speaker_n: int
    matched_gold_without_speaker: int
    cue_acc: float | None
    cue_n: int
    matched_gold_without_cue: int
    recall_direct: float | None
    recall_indirect: float | None
    # with names=True, at NAME_LEVEL only (None: not measured, left out of to_dict)
    speaker_name_acc: float | None = None
    speaker_name_n: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """The reference's metrics object; the name measure only where it was measured."""
        d = asdict(self)
        if self.speaker_name_n is None:
            del d["speaker_name_acc"], d["speaker_name_n"]
        return d


@dataclass
class KindRecall:
    """Recall of the gold statements of one kind, at every level."""

    gold: int = 0
    matched: dict[str, int] = field(default_factory=lambda: {level: 0 for level in LEVELS})
    speaker_name_ok: int = 0  # at NAME_LEVEL, gold with a speaker_name
    speaker_name_n: int = 0

    def recall(self, level: str) -> float | None:
        return _ratio(self.matched[level], self.gold)

    @property
    def speaker_name_acc(self) -> float | None:
        return _ratio(self.speaker_name_ok, self.speaker_name_n)

    def to_dict(self, names: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            "gold": self.gold,
            "matched": dict(self.matched),
            "recall": {level: self.recall(level) for level in LEVELS},
        }
        if names:
            d["speaker_name_acc"] = self.speaker_name_acc
            d["speaker_name_n"] = self.speaker_name_n
        return d


@dataclass
class Report:
    """What :func:`score` returns: counts, warnings and metrics per level ("0.3", "0.5", "0.8", "exact")."""

    counts: Counts
    warnings: Warnings
    metrics: dict[str, Metrics]
    gold: str | None = None  # where the gold came from (a path), for display
    system: str | None = None  # where the system output came from
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. extractor failures, timing
    # recall by gold kind, in KINDS order then others; empty when the gold has no kinds
    by_kind: dict[str, KindRecall] = field(default_factory=dict)
    names: bool = False  # whether speaker_name_acc was measured

    def to_dict(self) -> dict[str, Any]:
        """The same JSON object as the reference scorer's ``--json`` (``--names`` when
        ``names``), plus ``by_kind`` when the gold has kinds and ``extra`` when set."""
        d: dict[str, Any] = {
            "counts": asdict(self.counts),
            "warnings": asdict(self.warnings),
            "metrics": {k: m.to_dict() for k, m in self.metrics.items()},
            "gold": self.gold,
            "system": self.system,
        }
        if self.by_kind:
            d["by_kind"] = {k: v.to_dict(self.names) for k, v in self.by_kind.items()}
        if self.extra:
            d["extra"] = dict(self.extra)
        return d

    @property
    def full_only(self) -> bool:
        return self.counts.articles_recall == 0

    @property
    def recall_only(self) -> bool:
        return self.counts.articles_full == 0

    def render(self) -> str:
        """The text table (the reference scorer's layout)."""
        c = self.counts
        lines = [
            f"gold {self.gold}: {c.articles} articles (full {c.articles_full}, recall-only "
            f"{c.articles_recall}), {c.gold} statements (direct {c.gold_direct}, not direct "
            f"{c.gold_indirect}, no speaker {c.gold_without_speaker}, no cue {c.gold_without_cue})",
            f"system {self.system}: {c.pred} statements ({c.pred_full} in full articles); "
            f"gold articles missing from system: {c.articles_missing_in_system}",
        ]
        both = bool(c.articles_full and c.articles_recall)
        lines.append(
            "match".ljust(7)
            + "".join(f" {h:>6s}" for h in ("P", "R", "F1", "R_full" if both else ""))
            + "".join(f" {h:>7s}" for h in ("n_match", "spk_acc", "cue_acc"))
            + "".join(f" {h:>6s}" for h in ("R_dir", "R_ndir"))
        )
        for level, m in self.metrics.items():
            label = level if level == "exact" else ">=" + level
            cells = [_num(m.precision), _num(m.recall), _num(m.f1), f"{_num(m.recall_full) if both else '':>6s}"]
            cells += [f"{m.matched:7d}", f"{_num(m.speaker_acc):>7s}", f"{_num(m.cue_acc):>7s}"]
            cells += [_num(m.recall_direct), _num(m.recall_indirect)]
            lines.append(f"{label:7s} " + " ".join(cells))
        m = self.metrics["0.5"]
        lines.append(
            f"at >=0.5: speaker judged on {m.speaker_n} pairs ({m.matched_gold_without_speaker} matched gold "
            f"without speaker); cue judged on {m.cue_n} pairs ({m.matched_gold_without_cue} without gold cue)"
        )
        if self.recall_only:
            lines.append("recall-only gold: precision and F1 are not defined")
        raised = [f"{f.name}={getattr(self.warnings, f.name)}" for f in fields(self.warnings) if getattr(self.warnings, f.name)]
        if raised:
            lines.append("warnings: " + ", ".join(raised))
        if self.names:
            m = self.metrics[NAME_LEVEL]
            lines.append(
                f"at >={NAME_LEVEL}: speaker name right on {_num(m.speaker_name_acc).strip()} of "
                f"{m.speaker_name_n} pairs whose gold names the speaker"
            )
        if self.by_kind:
            lines.append(
                "recall by gold kind".ljust(20)
                + f" {'n':>4s}"
                + "".join(f" {(lv if lv == 'exact' else '>=' + lv):>6s}" for lv in LEVELS)
                + (f" {'name_acc':>8s} {'n_name':>6s}" if self.names else "")
            )
            for kind, k in self.by_kind.items():
                cells = f"{kind:20s} {k.gold:4d}" + "".join(f" {_num(k.recall(lv))}" for lv in LEVELS)
                if self.names:
                    cells += f" {_num(k.speaker_name_acc):>8s} {k.speaker_name_n:6d}"
                lines.append(cells)
        return "\n".join(lines)

    __str__ = render


def _num(x: float | None) -> str:
    return "   -  " if x is None else f"{x:6.3f}"


# ----------------------------------------------------------------- Markdown
def _md(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def markdown_table(
    rows: Iterable[tuple[str, Report]],
    *,
    label: str = "corpus",
    extra: Sequence[str] = (),
    extra_cells: Sequence[Sequence[str]] | None = None,
) -> str:
    """A Markdown table of reports, one row each: P / R / F1 at every level, speaker
    accuracy, speaker name accuracy and recall@0.5 by gold kind (the layout of
    ``eval/report.py`` and ``eval/compare.py``, for docs/evaluation.md).

    ``rows``: (row label, report); ``extra``: headers of columns appended at the
    right, with ``extra_cells[i]`` their cells for row i. Undefined measures are "–";
    "(n)" is the number of pairs (gold statements for a kind) a measure is taken on.
    """
    rows = list(rows)
    heads = [label, "docs / statements"]
    heads += [f"{'≥' + lv if lv != 'exact' else lv} P / R / F1" for lv in LEVELS]
    heads += ["speaker acc (n)", "speaker name acc (n)"]
    heads += [f"R@{NAME_LEVEL} {kind}" for kind in KINDS]
    heads += list(extra)
    lines = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    for i, (name, r) in enumerate(rows):
        c = r.counts
        scope = "recall-only" if r.recall_only else ("full" if r.full_only else "mixed")
        cells = [name, f"{c.articles} / {c.gold} ({scope})"]
        cells += [" / ".join(_md(x) for x in (m.precision, m.recall, m.f1)) for m in (r.metrics[lv] for lv in LEVELS)]
        m = r.metrics[NAME_LEVEL]
        cells.append(f"{_md(m.speaker_acc)} ({m.speaker_n})")
        cells.append("–" if m.speaker_name_n is None else f"{_md(m.speaker_name_acc)} ({m.speaker_name_n})")
        for kind in KINDS:
            k = r.by_kind.get(kind)
            cells.append("–" if k is None else f"{_md(k.recall(NAME_LEVEL))} ({k.gold})")
        cells += list(extra_cells[i]) if extra_cells else []
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


# ----------------------------------------------------------------- tokens
class _Tokens:
    """The word tokens of one text, and which of them a set of spans holds."""

    def __init__(self, text: str):
        self.text = text
        self.bounds = [m.span() for m in _WORD_TOKEN.finditer(text)]
        self.starts = [s for s, _ in self.bounds]

    def held(self, spans: Iterable[Sequence[int]]) -> frozenset[int]:
        """Indices of tokens covered at least half by one of ``spans``, without a leading que."""
        found: set[int] = set()
        for s, e in spans:
            if e <= s:
                continue
            # the first token that may overlap [s, e) starts before e and ends after s
            i = max(0, bisect.bisect_right(self.starts, s) - 1)
            while i < len(self.bounds) and self.bounds[i][0] < e:
                ts, te = self.bounds[i]
                shared = min(te, e) - max(ts, s)
                if shared > 0 and 2 * shared >= te - ts:
                    found.add(i)
                i += 1
        if len(found) > 1:
            first = min(found)
            ts, te = self.bounds[first]
            word = self.text[ts:te].lower()
            if word in ("que", "that") or (word == "qu" and self.text[te : te + 1] in _APOSTROPHES):
                found.discard(first)
        return frozenset(found)


def _normalise(s: str) -> str:
    """The string compared by the "exact" level."""
    s = s.replace("''", " ")
    s = s.translate({ord(q): " " for q in _QUOTE_MARKS})
    s = re.sub(r"\s+", " ", s)
    while True:
        before = s
        s = s.strip(_EDGE).rstrip(_FINAL_PUNCT)
        s = _LEADING_QUE.sub("", s)
        if s == before:
            return s


def _one_to_one(pairs: Iterable[tuple[float, int, int]]) -> list[tuple[int, int, float]]:
    """Greedy one-to-one matching of (ratio, gold, pred) pairs by decreasing ratio."""
    gold_used: set[int] = set()
    pred_used: set[int] = set()
    kept = []
    for ratio, gi, pi in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if gi not in gold_used and pi not in pred_used:
            gold_used.add(gi)
            pred_used.add(pi)
            kept.append((gi, pi, ratio))
    return kept


def _overlap(a: Sequence[int], b: Sequence[int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def _last_capitalised(surface: str | None) -> str | None:
    last = None
    for word in _NAME_WORD.findall(surface or ""):
        if word[0].isupper():
            last = word
    return last


def _has_speaker(gold_st: dict) -> bool:
    return bool(gold_st.get("speaker") or gold_st.get("speaker_name"))


def _speaker_right(gold_st: dict, text: str, pred: dict | None) -> bool:
    if not pred:
        return False
    start, end = pred.get("start"), pred.get("end")
    gold_spans = gold_st.get("speaker") or []
    if isinstance(start, int) and isinstance(end, int):
        if any(_overlap((start, end), g) for g in gold_spans):
            return True
    name = pred.get("name") or pred.get("text") or ""
    keys = [_last_capitalised(text[s:e]) for s, e in gold_spans] + [_last_capitalised(gold_st.get("speaker_name"))]
    return any(
        key and re.search(r"(?<!\w)" + re.escape(key) + r"(?!\w)", name, re.IGNORECASE) for key in keys
    )


def _name_right(gold_name: str | None, pred: dict | None) -> bool:
    """The predicted speaker names the gold speaker (the reference's ``--names`` rule)."""
    if not pred or not gold_name:
        return False
    name = pred.get("name") or pred.get("text") or ""
    cap = _last_capitalised(gold_name)
    keys = [cap] if cap else [w for w in _NAME_WORD.findall(gold_name) if len(w) >= 4]
    return any(re.search(r"(?<!\w)" + re.escape(key) + r"(?!\w)", name, re.IGNORECASE) for key in keys)


def _cue_right(gold_st: dict, pred: dict | None) -> bool:
    if not pred:
        return False
    start, end = pred.get("start"), pred.get("end")
    if not (isinstance(start, int) and isinstance(end, int)):
        return False
    return any(_overlap((start, end), g) for g in gold_st.get("cue") or [])


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


# ----------------------------------------------------------------- scoring
def score(
    gold_records: Iterable[dict],
    system_records: Iterable[dict],
    *,
    gold: str | None = None,
    system: str | None = None,
    names: bool = False,
) -> Report:
    """Score ``system_records`` against ``gold_records`` (both as read from JSONL).

    Articles are matched by ``id``; a gold article absent from the system has
    no predictions; system articles absent from the gold are ignored (and
    counted in the warnings). With ``names``, ``metrics["0.5"]`` also holds
    ``speaker_name_acc`` and ``speaker_name_n`` (the reference's ``--names``).
    """
    gold_records = list(gold_records)
    warnings = Warnings()
    predicted: dict[Any, list[dict]] = {}
    for rec in system_records:
        ident = rec.get("id")
        if ident in predicted:
            warnings.duplicate_system_ids += 1
        predicted.setdefault(ident, []).extend(rec.get("statements") or [])
    gold_ids = {g["id"] for g in gold_records}
    warnings.system_articles_not_in_gold = sum(1 for i in predicted if i not in gold_ids)

    counts = Counts(articles=len(gold_records))
    tallies = {level: _Tally() for level in LEVELS}
    name_ok = name_n = 0
    kinds: dict[str, KindRecall] = {}
    for g in gold_records:
        text = g["text"]
        full = g.get("scope", "full") == "full"
        if full:
            counts.articles_full += 1
        else:
            counts.articles_recall += 1
        if g["id"] not in predicted:
            counts.articles_missing_in_system += 1
        golds = g.get("statements") or []
        preds = _predictions(predicted.get(g["id"], []), text, warnings)

        counts.gold += len(golds)
        counts.pred += len(preds)
        if full:
            counts.gold_full += len(golds)
            counts.pred_full += len(preds)
        for gs in golds:
            if "has_quote_mark" in gs:
                if gs["has_quote_mark"]:
                    counts.gold_direct += 1
                else:
                    counts.gold_indirect += 1
            counts.gold_without_speaker += not _has_speaker(gs)
            counts.gold_without_cue += not gs.get("cue")
            if gs.get("kind"):
                kinds.setdefault(gs["kind"], KindRecall()).gold += 1

        tokens = _Tokens(text)
        gold_tokens = [tokens.held(gs["content"]) for gs in golds]
        pred_tokens = [tokens.held(spans) for _, spans in preds]
        candidates = []
        for gi, gt in enumerate(gold_tokens):
            for pi, pt in enumerate(pred_tokens):
                shared = len(gt & pt)
                if shared:
                    candidates.append((shared / max(len(gt), len(pt)), gi, pi))
        by_overlap = _one_to_one(candidates)

        gold_strings = [_normalise(" ".join(text[s:e] for s, e in sorted(gs["content"]))) for gs in golds]
        pred_strings = [_normalise(" ".join(text[s:e] for s, e in spans)) for _, spans in preds]
        by_string = _one_to_one(
            (1.0, gi, pi)
            for gi, gstr in enumerate(gold_strings)
            if gstr
            for pi, pstr in enumerate(pred_strings)
            if gstr == pstr
        )

        for level, tally in tallies.items():
            if level == "exact":
                pairs = by_string
            else:
                threshold = float(level)
                pairs = [p for p in by_overlap if p[2] >= threshold]
            for gi, pi, _ in pairs:
                gs, pred = golds[gi], preds[pi][0]
                tally.matched += 1
                tally.matched_full += full
                if gs.get("kind"):
                    kinds[gs["kind"]].matched[level] += 1
                if level == NAME_LEVEL and gs.get("speaker_name"):
                    right = _name_right(gs["speaker_name"], pred.get("speaker"))
                    name_n += 1
                    name_ok += right
                    if gs.get("kind"):
                        kinds[gs["kind"]].speaker_name_n += 1
                        kinds[gs["kind"]].speaker_name_ok += right
                if "has_quote_mark" in gs:
                    if gs["has_quote_mark"]:
                        tally.direct += 1
                    else:
                        tally.indirect += 1
                if _has_speaker(gs):
                    tally.speaker_n += 1
                    tally.speaker_ok += _speaker_right(gs, text, pred.get("speaker"))
                else:
                    tally.speaker_no_gold += 1
                if gs.get("cue"):
                    tally.cue_n += 1
                    tally.cue_ok += _cue_right(gs, pred.get("cue"))
                else:
                    tally.cue_no_gold += 1

    metrics = {level: _metrics(t, counts) for level, t in tallies.items()}
    if names:
        metrics[NAME_LEVEL].speaker_name_acc = _ratio(name_ok, name_n)
        metrics[NAME_LEVEL].speaker_name_n = name_n
    order = [k for k in KINDS if k in kinds] + sorted(k for k in kinds if k not in KINDS)
    return Report(
        counts=counts,
        warnings=warnings,
        metrics=metrics,
        gold=gold,
        system=system,
        by_kind={k: kinds[k] for k in order},
        names=names,
    )


def _predictions(statements: list[dict], text: str, warnings: Warnings) -> list[tuple[dict, list[Span]]]:
    """Each usable predicted statement with its content spans (clamped to the text)."""
    n = len(text)
    out = []
    for st in statements:
        content = st.get("content") or {}
        start, end = content.get("start"), content.get("end")
        if not (isinstance(start, int) and isinstance(end, int)):
            warnings.pred_statements_without_content += 1
            continue
        if start < 0 or end > n or start > end:
            warnings.pred_offsets_out_of_range += 1
            start, end = max(0, min(start, n)), max(0, min(end, n))
        if content.get("text") is not None and content["text"] != text[start:end]:
            warnings.pred_text_differs_from_offsets += 1
        if content.get("spans"):
            spans = sorted((max(0, a), min(n, b)) for a, b in content["spans"])
        else:
            spans = [(start, end)]
        out.append((st, spans))
    return out


def _metrics(t: _Tally, c: Counts) -> Metrics:
    # no prediction at all in full articles: precision 0 when there was something to find
    if c.pred_full:
        precision: float | None = t.matched_full / c.pred_full
    else:
        precision = 0.0 if c.gold_full else None
    recall_full = _ratio(t.matched_full, c.gold_full)
    if precision is None or recall_full is None:
        f1 = None
    elif precision + recall_full > 0:
        f1 = 2 * precision * recall_full / (precision + recall_full)
    else:
        f1 = 0.0
    return Metrics(
        precision=precision,
        recall=_ratio(t.matched, c.gold),
        recall_full=recall_full,
        f1=f1,
        matched=t.matched,
        speaker_acc=_ratio(t.speaker_ok, t.speaker_n),
        speaker_n=t.speaker_n,
        matched_gold_without_speaker=t.speaker_no_gold,
        cue_acc=_ratio(t.cue_ok, t.cue_n),
        cue_n=t.cue_n,
        matched_gold_without_cue=t.cue_no_gold,
        recall_direct=_ratio(t.direct, c.gold_direct),
        recall_indirect=_ratio(t.indirect, c.gold_indirect),
    )


# ----------------------------------------------------------------- I/O and running the extractor
def load_jsonl(path: str | Path) -> list[dict]:
    """The JSON objects of a JSONL file, one per non-empty line."""
    path = Path(path)
    out = []
    with path.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise UsageError(Errors.QX401.format(message=f"{path} line {lineno}: invalid JSON ({err.msg}).")) from err
    return out


def check_gold(gold_records: Sequence[dict], source: str = "gold") -> None:
    """Raise UsageError when a gold record lacks what scoring needs."""
    for n, g in enumerate(gold_records, 1):
        if not isinstance(g, dict) or "id" not in g or not isinstance(g.get("text"), str):
            raise UsageError(
                Errors.QX401.format(message=f"{source} record {n}: a gold record needs an 'id' and a string 'text'.")
            )
        for st in g.get("statements") or []:
            if not isinstance(st.get("content"), list):
                raise UsageError(
                    Errors.QX401.format(
                        message=f"{source} record {n} ({g['id']}): a gold statement needs 'content': [[start, end], ...]."
                    )
                )


def analysis_record(analysis) -> dict:
    """The system line of one Analysis: its id and the statements found in the text.

    Statements found in the title (``field == "title"``) are left out: gold
    offsets index the text only.
    """
    return {
        "id": analysis.article.id,
        "statements": [s.to_dict() for s in analysis.statements if s.field == "text"],
    }


def system_records(
    gold_records: Iterable[dict],
    *,
    workers: int = 1,
    model: str | None = None,
    lang: str = "fr",
    noun_phrases: bool = False,
) -> tuple[list[dict], list]:
    """Run quidixit on the gold texts; returns the system records and the failures.

    Uses the batch runner (:func:`quidixit.run.local.run`); a failed article
    gets an empty record (it then has no predictions). ``noun_phrases=True``
    scores the component's FrameNet scope (noun-phrase objects too), in this process.
    """
    from .model import Analysis, Article
    from .run.local import run

    gold_records = list(gold_records)
    articles = [Article(text=g["text"], id=str(g["id"]), language=lang) for g in gold_records]
    if noun_phrases:
        return _wide_scope_records(gold_records, articles, lang, model), []
    records, failures = [], []
    for g, result in zip(gold_records, run(articles, workers=workers, lang=lang, model=model)):
        if isinstance(result, Analysis):
            rec = analysis_record(result)
        else:  # a Failure (or Skipped): no predictions for this article
            failures.append(result)
            rec = {"id": None, "statements": []}
        rec["id"] = g["id"]  # the gold id as given (it may be a number)
        records.append(rec)
    return records, failures


def _wide_scope_records(gold_records: list[dict], articles: list, lang: str, model: str | None) -> list[dict]:
    """System records from a fresh pipeline whose component has ``noun_phrases=True``."""
    from .model import Analysis
    from .pipeline import load

    nlp = load.__wrapped__(lang, model)  # a fresh pipeline: the cached one keeps the default scope
    nlp.get_pipe("quidixit").noun_phrases = True
    out = []
    for g, art, doc in zip(gold_records, articles, nlp.pipe(a.text for a in articles)):
        rec = analysis_record(Analysis(art, doc._.qx_statements))
        rec["id"] = g["id"]
        out.append(rec)
    return out
