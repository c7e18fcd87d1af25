"""Per-language word lists (cue verbs, titles, boilerplate markers, ...), loaded once, looked up in sets."""
from __future__ import annotations
import functools
from dataclasses import dataclass

@dataclass(frozen=True)
class Lexicon:
    lang: str

    @classmethod
    @functools.lru_cache(maxsize=8)
    def load(cls, lang: str) -> "Lexicon":
        return cls(lang)
