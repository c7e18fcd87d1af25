__version__ = "0.1.0"


def extractor_version() -> str:
    """The version of the extraction an article was analysed with, as the store records it:
    quidixit's version and a digest of the extractor's code and language packs
    (attribution rules, speakers, pipeline, cleaning, sentences, lexicons). Any change
    to them gives a new value, so ``quidixit ingest --reanalyze`` finds the articles
    analysed by another one."""
    import hashlib
    from pathlib import Path

    global _EXTRACTOR_VERSION
    if _EXTRACTOR_VERSION is None:
        root = Path(__file__).parent
        files = sorted([*root.glob("attribution/*.py"), *root.glob("lang/*.py"), *root.glob("lang/*/*.py"),
                        *root.glob("lang/*/*.txt"), *root.glob("lang/*/*.json"),
                        *(root / n for n in ("speakers.py", "pipeline.py", "component.py", "factories.py", "clean.py",
                                             "sentences.py", "lexicon.py"))])
        h = hashlib.sha1()
        for f in files:
            if f.is_file():
                h.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
        _EXTRACTOR_VERSION = f"{__version__}+{h.hexdigest()[:10]}"
    return _EXTRACTOR_VERSION


_EXTRACTOR_VERSION: str | None = None
