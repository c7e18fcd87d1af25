"""Exports to the field's own tools, from analysed articles (pure: nothing is read from a store here).

======================  ==========================================================  ==============
format                  what                                                        written to
======================  ==========================================================  ==============
``webannotation``       W3C Web Annotation JSON-LD, one annotation per statement    a file or ``-``
``claimreview``         schema.org ClaimReview drafts for fact-checkers             a file or ``-``
``labelstudio``         Label Studio tasks with predictions (+ labelling config)    a file or ``-``
``brat``                brat standoff ``.txt`` + ``.ann`` per article               a folder
======================  ==========================================================  ==============

:func:`write` is what ``quidixit export`` and ``quidixit extract`` call; each format's
module has the functions that build its objects (``webannotation.annotations``,
``claimreview.drafts``, ``labelstudio.task``, ``brat.ann_text``) and
``brat.read_gold`` reads corrected brat files back as gold (``quidixit import-brat``).
See ``docs/format.md`` for each format, with an example.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable

from ..errors import Errors, UsageError
from ..model import Analysis

__all__ = ["FORMATS", "FOLDER_FORMATS", "write", "labelstudio_config_path"]

FORMATS = ("webannotation", "claimreview", "labelstudio", "brat")
FOLDER_FORMATS = ("brat",)


def labelstudio_config_path(path: str | Path) -> Path:
    """Where the labelling config goes next to a Label Studio tasks file: ``tasks.json`` -> ``tasks.config.xml``."""
    p = Path(path)
    return p.with_name(p.stem + ".config.xml")


def write(analyses: Iterable[Analysis], path: str | Path, format: str, *, parts: bool = False,
          date: str | None = None) -> int:
    """Write ``analyses`` to ``path`` ("-": standard output, except for brat) as ``format``.

    Returns how many records were written: annotations (webannotation), drafts
    (claimreview), tasks (labelstudio), articles (brat). ``parts``: webannotation
    also annotates each cue and speaker mention; ``date``: the drafts' datePublished.
    A Label Studio tasks file gets its labelling config next to it
    (:func:`labelstudio_config_path`)."""
    if format not in FORMATS:
        raise UsageError(Errors.QX306.format(format=format, reason=f"use one of {', '.join(FORMATS)}"))
    stdout = str(path) == "-"
    if stdout and format in FOLDER_FORMATS:
        raise UsageError(Errors.QX306.format(format=format, reason="brat files go into a folder; pass -o DIR"))
    if format == "brat":
        from . import brat

        return brat.write(analyses, path)
    if format == "webannotation":
        from . import webannotation

        return webannotation.write(analyses, sys.stdout if stdout else path, parts=parts)
    if format == "claimreview":
        from . import claimreview

        return claimreview.write(analyses, sys.stdout if stdout else path, date=date)
    from . import labelstudio

    return labelstudio.write(analyses, sys.stdout if stdout else path,
                             config=None if stdout else labelstudio_config_path(path))
