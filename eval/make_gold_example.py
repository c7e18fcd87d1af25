"""Build the gold JSONL of the example article from its expected output.

    python eval/make_gold_example.py [--corpus ../shared/corpus] [--out eval/gold/sana-lavrov-2017-fr.gold.jsonl]

The expected output (``sana-lavrov-2017-fr.expected.json``) gives each
statement's content span, and its speaker mention and cue as strings. The gold
needs spans: each mention and cue is located in the text, in the paragraph of
the content (the closest occurrence outside the content, preferring one before
it; a headline's speaker is looked for in its own line). Only ``required``
statements are kept; the article is scored in full (precision and recall).

The example text is the project's own to use; the output is committed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus"
NAME = "sana-lavrov-2017-fr"


def paragraph_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The [start, end) of the blank-line-separated paragraph (or line) around a span."""
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return a, len(text) if b < 0 else b


def locate(text: str, needle: str, content: tuple[int, int]) -> list[int]:
    """The span of ``needle`` (as a whole word sequence) nearest to ``content`` in its paragraph."""
    lo, hi = paragraph_of(text, *content)
    # any run of white space (the text has non-breaking spaces) matches a space of the needle
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, needle.split())) + r"(?!\w)")
    found = []
    for m in pattern.finditer(text, lo, hi):
        s, e = m.span()
        if s < content[1] and e > content[0]:
            continue  # inside the content: not the mention that carries it
        before = e <= content[0]
        distance = content[0] - e if before else s - content[1]
        found.append((not before, distance, s, e))
    if not found:
        raise SystemExit(f"cannot locate {needle!r} near content {content} in its paragraph")
    _, _, s, e = min(found)
    return [s, e]


def convert(text: str, expected: dict, ident: str) -> dict:
    statements = []
    for st in expected["statements"]:
        if not st.get("required"):
            continue
        s, e = st["content_span"]
        assert text[s:e] == st["content"], f"content span mismatch for {st['content'][:40]!r}"
        spk = st.get("speaker") or {}
        gold = {
            "content": [[s, e]],
            "cue": [locate(text, st["cue"], (s, e))] if st.get("cue") else [],
            "speaker": [locate(text, spk["mention"], (s, e))] if spk.get("mention") else [],
            "has_quote_mark": st["kind"] in ("direct", "mixed"),
            "kind": st["kind"],
        }
        if spk.get("name"):
            gold["speaker_name"] = spk["name"]
        statements.append(gold)
    return {"id": ident, "text": text, "scope": "full", "title": expected.get("title"), "statements": statements}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder with the .txt and .expected.json")
    ap.add_argument("--out", type=Path, default=HERE / "gold" / f"{NAME}.gold.jsonl")
    args = ap.parse_args(argv)
    text = (args.corpus / f"{NAME}.txt").read_text(encoding="utf-8")
    expected = json.loads((args.corpus / f"{NAME}.expected.json").read_text(encoding="utf-8"))
    rec = convert(text, expected, NAME)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    for st in rec["statements"]:
        (s, e), spk, cue = st["content"][0], st["speaker"], st["cue"]
        print(
            f"{st['kind']:9s} speaker={text[spk[0][0]:spk[0][1]] if spk else '-'!r:36s} "
            f"cue={text[cue[0][0]:cue[0][1]] if cue else '-'!r:16s} {text[s:e][:50]!r}",
            file=sys.stderr,
        )
    print(f"wrote {args.out}: {len(rec['statements'])} statements", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
