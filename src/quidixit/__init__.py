"""quidixit: who said what in the news.

The Python API is the product; the CLI is a thin layer over it.
"""

from .about import __version__
from .errors import InputError, QuidixitError, SetupError, StoreError, UsageError
from .model import Analysis, Article, Boilerplate, Content, Cue, Failure, Skipped, Speaker, Statement

# The extraction functions need spaCy, which takes about a second to import: they are
# imported on first use, so that `import quidixit` and the commands that only read a
# store (search, speakers, stats, export, serve) never load it.
_LAZY = {"analyze": "pipeline", "analyze_many": "pipeline", "extract": "pipeline", "load": "pipeline",
         "claims": "corpus"}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'quidixit' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))

__all__ = [
    "__version__",
    "extract",
    "analyze",
    "analyze_many",
    "load",
    "claims",
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
