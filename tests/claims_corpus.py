"""A generated multi-outlet corpus for the claims tests (store, CLI, UI): hand-made
analyses written through ``Store.write_batch``, offsets found with ``str.index``.

One quotation of Jean Dupont in three outlets on three dates: the original (Le Monde,
5 March), a cut and an elision change (Libération, 6 March), one altered word (Le
Figaro, 7 March); another statement of his; the same words said by Marie Durand.
"""

from __future__ import annotations

from quidixit.model import Analysis, Article, Content, Cue, Speaker, Statement

ORIGINAL = ("Nous ne céderons rien face à la menace terroriste, et l'État tiendra tous ses engagements "
            "envers les familles des victimes jusqu'au bout.")
CUT = "Nous ne céderons rien face à la menace terroriste […] l'État tiendra tous ses engagements"
ELISION = ("nous ne céderons rien face à la menace terroriste ; et l’Etat tiendra tous ses engagements "
           "envers les familles des victimes jusque au bout")
ALTERED = ("Nous ne céderons rien face à la menace terroriste, et l'État tiendra tous ses promesses "
           "envers les familles des victimes jusqu'au bout.")
OTHER = "Le budget de la défense augmentera de deux milliards d'euros dès l'an prochain, sans hausse d'impôts."


def _direct(text: str, quote: str, name: str, after: int = 0) -> Statement:
    cs = text.index(quote, after)
    ms = text.index(name, cs)
    cue = text.index("a déclaré", cs)
    return Statement("direct", Content(cs, cs + len(quote), quote), Cue(cue, cue + 9, "a déclaré", "déclarer"),
                     Speaker(ms, ms + len(name), name, name, "person", None), 0.9)


def article(aid: str, outlet: str, published: str, quotes: list[tuple[str, str]], title: str) -> Analysis:
    # each article its own text (the store keeps one copy of identical texts)
    text = f"{outlet} ({aid}). " + "\n\n".join(f"« {q} », a déclaré {name} mardi." for q, name in quotes)
    sts, pos = [], 0
    for q, name in quotes:
        s = _direct(text, q, name, pos)
        sts.append(s)
        pos = s.content.end
    return Analysis(Article(text, id=aid, title=title, outlet=outlet, published=published,
                            url=f"https://example.org/{aid}"), tuple(sts))


def analyses() -> list[Analysis]:
    return [
        article("lemonde-1", "Le Monde", "2024-03-05", [(ORIGINAL, "Jean Dupont"), (OTHER, "Jean Dupont")],
                "Dupont : « Nous ne céderons rien »"),
        article("libe-1", "Libération", "2024-03-06", [(CUT, "Jean Dupont")], "Terrorisme : Dupont promet"),
        article("libe-2", "Libération", "2024-03-06T18:00:00", [(ELISION, "Jean Dupont")], "Dupont, encore"),
        article("figaro-1", "Le Figaro", "2024-03-07", [(ALTERED, "Jean Dupont")], "Dupont tiendra ses promesses"),
        article("ouest-1", "Ouest-France", "2024-03-06", [(ORIGINAL, "Marie Durand")], "Durand reprend la formule"),
    ]
