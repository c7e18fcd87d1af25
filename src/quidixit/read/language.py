"""Language detection with lingua, restricted to the languages news is likely to be in.

The detector is built once per process, on first use, over a small set of
languages (French, English, German, Spanish, Italian, Portuguese, Dutch,
Arabic, Russian): fewer candidates make it faster and more accurate than the
full set. It looks at the first ``DETECT_CHARS`` characters only, and runs in
lingua's low-accuracy mode (trigrams only): as accurate as the full mode on
texts of a paragraph or more, and it loads in well under a second where the
full mode can take several seconds per process.
"""

from __future__ import annotations

import functools
from typing import Any

__all__ = ["DETECTABLE", "DETECT_CHARS", "detect_language", "normalize_language"]

DETECTABLE = ("fr", "en", "de", "es", "it", "pt", "nl", "ar", "ru")
DETECT_CHARS = 1000


@functools.lru_cache(maxsize=1)
def _detector() -> Any:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder  # the ``corpus`` extra

    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in DETECTABLE]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def detect_language(text: str, *, max_chars: int = DETECT_CHARS) -> str | None:
    """The ISO 639-1 code of the language of ``text`` (among :data:`DETECTABLE`), or None."""
    sample = text[:max_chars]
    if not any(c.isalpha() for c in sample):
        return None
    language = _detector().detect_language_of(sample)
    return None if language is None else language.iso_code_639_1.name.lower()


def normalize_language(value: str | None) -> str | None:
    """``"fr-FR"``, ``"FR"``, ``"fr_CA"`` -> ``"fr"``: the primary subtag, lower case."""
    if not value:
        return None
    primary = value.strip().replace("_", "-").split("-", 1)[0].lower()
    return primary or None
