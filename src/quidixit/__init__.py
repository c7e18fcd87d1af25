"""quidixit: who said what in the news.

The Python API is the product; the CLI is a thin layer over it.
"""

from .about import __version__
from .errors import InputError, QuidixitError, SetupError, StoreError, UsageError
from .model import Analysis, Article, Boilerplate, Content, Cue, Failure, Skipped, Speaker, Statement
from .pipeline import analyze, analyze_many, extract, load

__all__ = [
    "__version__",
    "extract",
    "analyze",
    "analyze_many",
    "load",
    "Article",
    "Analysis",
    "Statement",
    "Content",
    "Cue",
    "Speaker",
    "Boilerplate",
    "Failure",
    "Skipped",
    "QuidixitError",
    "InputError",
    "SetupError",
    "StoreError",
    "UsageError",
]
