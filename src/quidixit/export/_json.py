"""One JSON writer for the JSON-LD / JSON exports: a path or an open text stream."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO


def dump(obj: Any, out: TextIO | str | Path) -> None:
    """Write ``obj`` as indented UTF-8 JSON (non-ASCII kept) to a path or a text stream."""
    text = json.dumps(obj, ensure_ascii=False, indent=1) + "\n"
    if isinstance(out, (str, Path)):
        Path(out).write_text(text, encoding="utf-8")
    else:
        out.write(text)
