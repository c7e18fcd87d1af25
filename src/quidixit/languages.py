"""The languages quidixit extracts from, and the spaCy model each one loads by default.

A module of its own, without spaCy, so that commands and readers can name them
without importing spaCy (about a second): :mod:`quidixit.pipeline` uses them. The
languages are the packs in ``quidixit/lang/`` (see docs/languages.md).
"""

from __future__ import annotations

import importlib.util

from .lang import pack, packs

__all__ = ["DEFAULT_MODELS", "SUPPORTED_LANGUAGES", "MODEL_CHOICES", "default_model"]

SUPPORTED_LANGUAGES = packs()
MODEL_CHOICES = {lang: tuple(pack(lang).MODELS) for lang in SUPPORTED_LANGUAGES}  # preferred first
DEFAULT_MODELS = {lang: models[0] for lang, models in MODEL_CHOICES.items()}  # the name a user is told to install


def default_model(lang: str) -> str | None:
    """The model package ``lang`` loads: the first of its pack's MODELS that is installed,
    else the first one (whose absence is then reported); None for no such language."""
    models = MODEL_CHOICES.get(lang)
    if not models:
        return None
    return next((m for m in models if importlib.util.find_spec(m) is not None), models[-1])
