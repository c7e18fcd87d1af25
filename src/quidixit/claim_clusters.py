"""Claims: one utterance of one speaker, followed across articles and outlets.

A *claim* groups the statements, across articles, that report the same utterance
by the same speaker:

* at the **verbatim** level, direct and mixed quotations whose quoted words nearly
  match (MinHash LSH over word shingles, then an exact containment check, so that a
  cut version still joins the full one);
* at the **paraphrase** level, indirect, according-to and headline statements whose
  content says the same thing as the claim (TF-IDF cosine over content words).

Statements are blocked by speaker (only one speaker's statements are ever compared)
and by a date window; the cost grows with the number of statements times the size
of the LSH buckets, not with its square (``bench/bench_claims.py``).

    >>> from quidixit.claim_clusters import StatementRef, cluster
    >>> claims = cluster([StatementRef("s1", "a1", "macron", "Emmanuel Macron", "direct",
    ...                                "Nous sommes en guerre.", "Le Monde", "2020-03-16"), ...])

This module is a pure stage: rows in, :class:`Claim` objects out. It never touches
the store; :mod:`quidixit.store` keeps the claim tables up to date with it, and
:func:`quidixit.corpus.claims` reads them back.
"""

from __future__ import annotations

import difflib
import hashlib
import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Iterable, Mapping, Sequence

__all__ = [
    "VERBATIM_KINDS",
    "PARAPHRASE_KINDS",
    "ClaimSettings",
    "StatementRef",
    "Difference",
    "Member",
    "Claim",
    "cluster",
    "document_frequencies",
    "compare",
    "tokens",
    "shingles",
    "quoted_words",
    "published_date",
    "claim_id",
    "speaker_block",
]

VERBATIM_KINDS = ("direct", "mixed")
PARAPHRASE_KINDS = ("indirect", "according_to", "headline")
ELLIPSIS = re.compile(r"\[\s*(?:\.\.\.|…)\s*\]|\(\s*(?:\.\.\.|…)\s*\)|\.\.\.|…")

# French elided clitics, expanded so that "l'Etat" and "le Etat", "qu'il" and "que il" compare equal.
_ELIDED = {
    "l": "le", "d": "de", "j": "je", "m": "me", "t": "te", "s": "se", "n": "ne", "c": "ce",
    "qu": "que", "jusqu": "jusque", "lorsqu": "lorsque", "puisqu": "puisque", "quoiqu": "quoique",
}
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_WORD = re.compile(r"[^\W_]+(?:'(?=[^\W_]))?|[^\W_]+|[&+]", re.UNICODE)
_SIGNS = {"&": "et", "+": "plus"}  # as tweets write them
_EDITORIAL = re.compile(r"[(\[]\s*sic\s*!?\s*[)\]]", re.IGNORECASE)  # "(sic)": the reporter's, not the speaker's
_OPEN_CLOSE = {"«": "»", "“": "”", "„": "“", '"': '"', "‹": "›"}
_QUOTE_MARKS = re.compile(r"[«»“”„\"‹›]")
_QUOTED = re.compile(r"«([^»]*)»|“([^”]*)”|\"([^\"]*)\"")
# Words too common to say that two paraphrases are about the same thing.
_STOP = frozenset(
    "le la les un une des de du au aux et ou en a à ce ces cette cet se sa son ses leur leurs il elle ils elles on nous "
    "vous je tu me te que qui quoi dont ne pas plus moins est sont été être avoir ont avait était fait faire dans par "
    "pour sur avec sans sous entre mais donc or ni car si y tout tous toute toutes très bien aussi comme même deja déjà "
    "selon dit déclaré affirmé estimé the of and to in".split()
)


@dataclass(frozen=True)
class ClaimSettings:
    """How claims are found. The defaults are the measured ones (docs/claims.md)."""

    num_perm: int = 64  # MinHash permutations
    shingle: int = 3  # words per shingle at the verbatim level
    lsh_threshold: float = 0.3  # Jaccard at which LSH bands make two statements candidates
    containment: float = 0.5  # shared shingles / shingles of the shorter one, to be the same quotation
    min_shared: int = 2  # and at least this many shared shingles
    min_words: int = 4  # shorter quotations (a word or two) never join another one
    window_days: int = 30  # dated statements further apart are never the same claim
    paraphrase_threshold: float = 0.45  # TF-IDF cosine for an indirect statement to join a claim
    paraphrase_terms: int = 6  # rarest content words of a statement used to find its candidates
    max_bucket: int = 200  # a statement is checked against at most this many others of an LSH bucket
    seed: int = 1


@dataclass(frozen=True)
class StatementRef:
    """What clustering needs of a stored statement. ``speaker`` is the blocking key
    (:func:`speaker_block`); ``published`` as stored (parsed by :func:`published_date`)."""

    statement_id: str
    article_id: str
    speaker: str
    speaker_name: str | None
    kind: str
    text: str
    outlet: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class Difference:
    """One stretch where a version's words differ from the canonical text.
    ``cut``: words left out at either end or at an ellipsis mark ("[...]"), not a change."""

    op: str  # replace, delete (words of the canonical text missing), insert (words added)
    canonical: str
    variant: str
    cut: bool


@dataclass(frozen=True)
class Member:
    statement_id: str
    article_id: str
    outlet: str | None
    published: str | None
    kind: str
    text: str
    level: str  # verbatim or paraphrase
    variant: bool = False  # verbatim: the words differ from the canonical text (beyond case, punctuation, elision)
    misquote: bool = False  # verbatim: they differ materially (not only a cut): a possible misquote
    differences: tuple[Difference, ...] = ()
    similarity: float = 1.0  # to the claim (containment, or TF-IDF cosine for a paraphrase)
    reference: str | None = None  # verbatim: the statement its differences are counted against

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["differences"] = [asdict(x) for x in self.differences]
        return d


@dataclass(frozen=True)
class Claim:
    id: str
    speaker: str  # the blocking key
    speaker_name: str | None
    text: str  # the canonical text: the earliest verbatim version (else the earliest statement)
    canonical_statement_id: str
    first_statement_id: str
    first_reason: str  # why that one is first, ties included
    members: tuple[Member, ...]  # in order of publication
    outlets: int
    articles: int
    since: str | None  # date span (ISO dates) of the dated members
    until: str | None
    misquotes: int

    @property
    def first(self) -> Member:
        return next(m for m in self.members if m.statement_id == self.first_statement_id)

    def to_dict(self) -> dict[str, Any]:
        """The JSONL shape of ``quidixit claims``."""
        f = self.first
        return {
            "id": self.id,
            "speaker": self.speaker_name,
            "text": self.text,
            "outlets": self.outlets,
            "articles": self.articles,
            "since": self.since,
            "until": self.until,
            "misquotes": self.misquotes,
            "first": {"article_id": f.article_id, "outlet": f.outlet, "published": f.published,
                      "statement_id": f.statement_id, "reason": self.first_reason},
            "statements": [
                {"statement_id": m.statement_id, "article_id": m.article_id, "outlet": m.outlet,
                 "published": m.published, "kind": m.kind, "level": m.level, "text": m.text,
                 "variant": m.variant, "misquote": m.misquote,
                 "differences": [asdict(x) for x in m.differences]}
                for m in self.members
            ],
        }


# ------------------------------------------------------------------ text


@lru_cache(maxsize=1 << 18)
def _fold(text: str) -> str:
    s = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    return "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()


@lru_cache(maxsize=1 << 16)
def _token_spans(text: str) -> tuple[tuple[str, int, int], ...]:
    """(normalised word, start, end) over ``text``: accents, case and punctuation gone,
    elided clitics expanded. NFKD keeps offsets only for precomposed letters, so the
    words are found on the original text and folded one by one."""
    out = []
    src = _EDITORIAL.sub(lambda m: " " * len(m.group()), text.translate(_APOSTROPHES))
    for m in _WORD.finditer(src):
        w = _fold(m.group())
        if w.endswith("'"):
            w = _ELIDED.get(w[:-1], w[:-1])
        out.append((_SIGNS.get(w, w), m.start(), m.end()))
    return tuple(out)


def tokens(text: str) -> list[str]:
    """The comparison form of a text: ``"L’État, qu'il…"`` -> ``["le", "etat", "que", "il"]``."""
    return [t for t, _, _ in _token_spans(text)]


def shingles(text: str, k: int = 3) -> set[str]:
    """Word ``k``-grams of :func:`tokens`, never across an ellipsis mark ("[…]", "(...)"),
    where words were left out; a piece of fewer words is one shingle."""
    out: set[str] = set()
    for piece in ELLIPSIS.split(text):
        ws = tokens(piece)
        if len(ws) < k:
            if ws:
                out.add(" ".join(ws))
            continue
        out.update(" ".join(ws[i:i + k]) for i in range(len(ws) - k + 1))
    return out


def quoted_words(kind: str, text: str) -> str:
    """The words a statement gives as the speaker's own: a direct quotation whole, the
    quoted stretches of a mixed one ("a jugé la situation «très grave»" -> "très grave")."""
    if kind == "mixed":
        if text.count('"') % 2:
            # straight quotes that do not pair up: the content starts or ends inside a quotation
            # ('je ne pense pas …", a-t-il déclaré. "Mon ministère …'); compare all of it
            return _QUOTE_MARKS.sub(" ", text).strip()
        parts = [next(g for g in m.groups() if g is not None) for m in _QUOTED.finditer(text)]
        parts = [p for p in parts if p.strip()]
        if parts:
            return " […] ".join(p.strip() for p in parts)
    return text.strip().strip("«»“”\"‹› ").strip()


_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?")


@lru_cache(maxsize=65536)
def published_date(value: str | None) -> datetime | date | None:
    """A stored ``published`` as a datetime (when it has a time) or a date; None when it
    cannot be read. ISO first (fast), then ``dateparser`` for the rest ("3 mars 2017").
    The one place claims read dates: it goes when the store normalises them."""
    if not value:
        return None
    m = _ISO.match(value.strip())
    try:
        if m:
            y, mo, d, hh, mm, ss = m.groups()
            if hh is None:
                return date(int(y), int(mo), int(d))
            return datetime(int(y), int(mo), int(d), int(hh), int(mm), int(ss or 0))
    except ValueError:
        return None
    try:
        import dateparser
    except ImportError:
        return None
    parsed = dateparser.parse(value, languages=["fr", "en"], settings={"PREFER_DAY_OF_MONTH": "first"})
    if parsed is None:
        return None
    parsed = parsed.replace(tzinfo=None)
    return parsed if (parsed.hour, parsed.minute, parsed.second) != (0, 0, 0) or re.search(r"\d:\d", value) else parsed.date()


def _day(value: datetime | date | None) -> date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, datetime) else value


def speaker_block(speaker_id: str | None, speaker_name: str | None, speaker_type: str | None = None) -> str | None:
    """The speaker key statements are blocked by: the corpus speaker id when the store
    linked one; else the name's comparison key: ``name:`` for a name (a Spark output,
    before the store links it), ``desc:`` for a described speaker the store keeps
    unlinked (:func:`quidixit.store.is_named`: "l'entourage du candidat", "la
    préfecture"), whose same words in two articles are still one claim; None (no claim)
    for anonymous speakers and pronouns ("il", "ce dernier")."""
    if speaker_type == "anonymous":
        return None
    if speaker_id:
        return speaker_id
    if speaker_name:
        from .lexicon import words_in_any_language
        from .store import is_named, speaker_key

        k = speaker_key(speaker_name)
        if not k:
            return None
        if is_named(speaker_name, speaker_type):
            return "name:" + k
        small = words_in_any_language("pronouns") | words_in_any_language("determiners")
        if all(w.rstrip("'") in small or w in small for w in re.findall(r"[^\W\d_]+'?", k)):
            return None
        return "desc:" + k
    return None


def claim_id(speaker: str, statement_id: str) -> str:
    """Stable: the claim started by ``statement_id`` (its earliest verbatim version)."""
    return hashlib.sha1(f"claim:{speaker}|{statement_id}".encode("utf-8")).hexdigest()[:16]


# ------------------------------------------------------------------ comparing two versions


def compare(canonical: str, variant: str) -> tuple[tuple[Difference, ...], list[tuple[str, str, str]]]:
    """How ``variant`` differs from ``canonical``, word by word, after :func:`tokens`
    (so case, accents, punctuation and elision never count).

    Returns the differences and the aligned pieces for display:
    ``[(op, canonical text, variant text), ...]`` with op ``equal``, ``replace``,
    ``delete`` or ``insert``, texts as written. Words missing (or added) at either end,
    or where one side has an ellipsis mark, are a *cut*.
    """
    a, b = _token_spans(canonical), _token_spans(variant)
    sm = difflib.SequenceMatcher(None, [t for t, _, _ in a], [t for t, _, _ in b], autojunk=False)
    ops = sm.get_opcodes()
    diffs: list[Difference] = []
    pieces: list[tuple[str, str, str]] = []

    def raw(spans, text, i, j):
        if i >= j:
            return ""
        return text[spans[i][1]:spans[j - 1][2]]

    def gap_has_ellipsis(spans, text, i):
        # the text between word i-1 and word i (or the edges)
        start = spans[i - 1][2] if i > 0 else 0
        end = spans[i][1] if i < len(spans) else len(text)
        return bool(ELLIPSIS.search(text[start:end]))

    for n, (op, i1, i2, j1, j2) in enumerate(ops):
        ca, vb = raw(a, canonical, i1, i2), raw(b, variant, j1, j2)
        pieces.append((op, ca, vb))
        if op == "equal":
            continue
        edge = n == 0 or n == len(ops) - 1
        cut = False
        if op == "delete":
            cut = edge or gap_has_ellipsis(b, variant, j1)
        elif op == "insert":
            cut = edge or gap_has_ellipsis(a, canonical, i1)
        diffs.append(Difference(op, ca, vb, cut))
    return tuple(diffs), pieces


# ------------------------------------------------------------------ clustering


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        p = self.parent
        while p[x] != x:
            p[x] = p[p[x]]
            x = p[x]
        return x

    def union(self, x: int, y: int) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.parent[max(rx, ry)] = min(rx, ry)


@lru_cache(maxsize=8)
def _hasher(num_perm: int, seed: int):
    from datasketch import MinHash

    template = MinHash(num_perm=num_perm, seed=seed)
    from datasketch.lsh import _optimal_param

    return template, _optimal_param


def _bands(settings: ClaimSettings) -> tuple[int, int]:
    _, optimal = _hasher(settings.num_perm, settings.seed)
    b, r = optimal(settings.lsh_threshold, settings.num_perm, 0.3, 0.7)  # favour recall: pairs are checked exactly
    return b, r


def _signature(sh: set[str], settings: ClaimSettings):
    """The datasketch MinHash values of a shingle set (one MinHash object reused: its
    permutations are drawn once)."""
    m, _ = _hasher(settings.num_perm, settings.seed)
    m.clear()
    m.update_batch([s.encode("utf-8") for s in sh])
    return m.hashvalues


def _sort_key(ref: StatementRef) -> tuple:
    d = published_date(ref.published)
    day = _day(d)
    return (day is None, day or date.min, isinstance(d, datetime) and d.time() or datetime.min.time(),
            ref.outlet or "\uffff", ref.article_id, ref.statement_id)


def _window_ok(x: StatementRef, y: StatementRef, days: int) -> bool:
    dx, dy = _day(published_date(x.published)), _day(published_date(y.published))
    return dx is None or dy is None or abs((dx - dy).days) <= days


def verbatim_pairs(refs: Sequence[StatementRef], settings: ClaimSettings) -> list[tuple[int, int, float]]:
    """Pairs (i, j, containment) of verbatim statements that quote the same words:
    LSH candidates (bands keyed by speaker) checked exactly."""
    b, r = _bands(settings)
    sh: dict[int, set[str]] = {}
    buckets: dict[tuple, list[int]] = defaultdict(list)
    for i, ref in enumerate(refs):
        if ref.kind not in VERBATIM_KINDS:
            continue
        words = quoted_words(ref.kind, ref.text)
        if len(tokens(words)) < settings.min_words:
            continue
        s = shingles(words, settings.shingle)
        sh[i] = s
        hv = _signature(s, settings)
        for band in range(b):
            buckets[(ref.speaker, band, hv[band * r:(band + 1) * r].tobytes())].append(i)
    seen: set[tuple[int, int]] = set()
    out = []
    for members in buckets.values():
        if len(members) < 2:
            continue
        for n, j in enumerate(members):
            for i in members[max(0, n - settings.max_bucket):n]:
                if (i, j) in seen:
                    continue
                seen.add((i, j))
                x, y = refs[i], refs[j]
                if not _window_ok(x, y, settings.window_days):
                    continue
                shared = len(sh[i] & sh[j])
                cont = shared / max(1, min(len(sh[i]), len(sh[j])))
                if shared >= min(settings.min_shared, len(sh[i]), len(sh[j])) and cont >= settings.containment:
                    out.append((i, j, cont))
    return out


def _content_terms(text: str) -> list[str]:
    return [t for t in tokens(text) if len(t) > 2 and t not in _STOP and not t.isdigit()]


def document_frequencies(texts: Iterable[str]) -> tuple[Counter, int]:
    """(content word -> number of texts that have it, number of texts): the IDF of the paraphrase level."""
    df: Counter = Counter()
    n = 0
    for text in texts:
        df.update(set(_content_terms(text)))
        n += 1
    return df, n


def paraphrase_edges(refs: Sequence[StatementRef], settings: ClaimSettings,
                     doc_freq: tuple[Mapping[str, int], int] | None = None) -> dict[int, tuple[int, float]]:
    """For each paraphrase-kind statement, its most similar statement of the same speaker
    within the window (TF-IDF cosine over content words, at least the threshold).
    Candidates share one of its ``paraphrase_terms`` rarest terms. ``doc_freq``: the
    document frequencies to use (:func:`document_frequencies` of a whole corpus, as the
    Spark job passes them to each speaker's group); by default those of ``refs``."""
    terms = [_content_terms(ref.text) for ref in refs]
    if doc_freq is None:
        df: Mapping[str, int] = Counter()
        for t in terms:
            df.update(set(t))
        n = max(1, len(refs))
    else:
        df, n = doc_freq
        n = max(1, n)
    vecs = []
    for t in terms:
        tf = Counter(t)
        v = {w: (1 + math.log(c)) * (math.log((1 + n) / (1 + df.get(w, 1))) + 1.0) for w, c in tf.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({w: x / norm for w, x in v.items()})
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    keys: list[list[str]] = []
    for i, t in enumerate(terms):
        rare = sorted(set(t), key=lambda w: (df.get(w, 1), w))[: settings.paraphrase_terms]
        keys.append(rare)
        for w in rare:
            index[(refs[i].speaker, w)].append(i)
    out: dict[int, tuple[int, float]] = {}
    for i, ref in enumerate(refs):
        if ref.kind not in PARAPHRASE_KINDS or not vecs[i]:
            continue
        cands: set[int] = set()
        for w in keys[i]:
            cands.update(index[(ref.speaker, w)][: settings.max_bucket])
        cands.discard(i)
        best, best_sim = None, 0.0
        for j in sorted(cands):
            if not _window_ok(ref, refs[j], settings.window_days):
                continue
            vi, vj = vecs[i], vecs[j]
            if len(vj) < len(vi):
                vi, vj = vj, vi
            sim = sum(x * vj.get(w, 0.0) for w, x in vi.items())
            # prefer a verbatim partner at equal similarity: the claim then has its quoted words
            if sim > best_sim + 1e-9 or (abs(sim - best_sim) <= 1e-9 and best is not None
                                          and refs[j].kind in VERBATIM_KINDS and refs[best].kind not in VERBATIM_KINDS):
                best, best_sim = j, sim
        if best is not None and best_sim >= settings.paraphrase_threshold:
            out[i] = (best, best_sim)
    return out


def cluster(statements: Iterable[StatementRef], settings: ClaimSettings | None = None, *,
            ids: Mapping[str, str] | None = None,
            doc_freq: tuple[Mapping[str, int], int] | None = None) -> list[Claim]:
    """Group ``statements`` into claims (every statement with a speaker key ends in one,
    a claim of one statement included). ``ids`` maps statement ids to the claim id they
    already have (the store's incremental update): a claim that holds such statements
    keeps the oldest of those ids; a new claim gets :func:`claim_id` of its canonical
    statement. Claims come most outlets first."""
    settings = settings or ClaimSettings()
    refs = sorted((r for r in statements if r.speaker), key=_sort_key)
    uf = _UnionFind(len(refs))
    contain: dict[int, float] = defaultdict(float)
    for i, j, c in verbatim_pairs(refs, settings):
        uf.union(i, j)
        contain[i] = max(contain[i], c)
        contain[j] = max(contain[j], c)
    verbatim_root = {i: uf.find(i) for i in range(len(refs)) if refs[i].kind in VERBATIM_KINDS}
    para = paraphrase_edges(refs, settings, doc_freq)
    # each paraphrase statement makes one link (to its best partner): a claim never holds two verbatim groups
    for i, (j, _sim) in para.items():
        uf.union(i, j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(refs)):
        groups[uf.find(i)].append(i)
    claims = [_claim(refs, idx, verbatim_root, contain, para, ids or {}) for idx in groups.values()]
    claims.sort(key=lambda c: (-c.outlets, -len(c.members), c.since or "9999", c.id))
    return claims


def _claim(refs, idx: list[int], verbatim_root, contain, para, ids: Mapping[str, str]) -> Claim:
    if len(idx) == 1:
        return _single(refs[idx[0]], ids)
    idx = sorted(idx)  # refs are sorted by publication: so is idx
    roots = Counter(verbatim_root[i] for i in idx if i in verbatim_root)
    # the verbatim group (at most one: each paraphrase statement links to one partner only)
    core_root = max(roots, key=lambda r: (roots[r], -r)) if roots else None
    core = [i for i in idx if core_root is not None and verbatim_root.get(i) == core_root]
    canonical = _canonical(refs, core) if core else idx[0]
    ref0 = refs[canonical]
    canon_text = quoted_words(ref0.kind, ref0.text) if ref0.kind in VERBATIM_KINDS else ref0.text
    words_of = {i: quoted_words(refs[i].kind, refs[i].text) for i in core}
    # a version is compared with the canonical text when they share its words, else with the fullest
    # version (two fragments of one long quotation share nothing: neither is a misquote of the other)
    fullest = max(core, key=lambda i: (len(tokens(words_of[i])), -i)) if core else None
    canon_sh = shingles(canon_text)
    members = []
    for i in idx:
        r = refs[i]
        if i in core:
            words = words_of[i]
            reference = canonical
            if i != canonical:
                sh = shingles(words)
                if len(sh & canon_sh) < max(1, 0.5 * min(len(sh), len(canon_sh))) and fullest is not None:
                    reference = fullest
            diffs, _ = compare(words_of[reference], words) if i != reference else ((), [])
            members.append(Member(r.statement_id, r.article_id, r.outlet, r.published, r.kind, words, "verbatim",
                                  variant=bool(diffs), misquote=any(not d.cut for d in diffs), differences=diffs,
                                  similarity=1.0 if i == canonical else round(contain.get(i, 0.0), 3),
                                  reference=refs[reference].statement_id))
        else:
            sim = para.get(i, (None, 1.0))[1] if i != canonical else 1.0
            members.append(Member(r.statement_id, r.article_id, r.outlet, r.published, r.kind, r.text,
                                  "verbatim" if (i == canonical and r.kind in VERBATIM_KINDS) else "paraphrase",
                                  similarity=round(sim, 3)))
    first, reason = _first(refs, idx)
    old = sorted({ids[refs[i].statement_id] for i in idx if refs[i].statement_id in ids})
    if old:
        # the id of the claim whose statement comes first keeps; the others are merged into it
        by_first = {ids[refs[i].statement_id]: n for n, i in reversed(list(enumerate(idx))) if refs[i].statement_id in ids}
        cid = min(old, key=lambda c: (by_first[c], c))
    else:
        cid = claim_id(ref0.speaker, ref0.statement_id)
    days = [d for d in (_day(published_date(refs[i].published)) for i in idx) if d is not None]
    names = Counter(refs[i].speaker_name for i in idx if refs[i].speaker_name)
    return Claim(
        id=cid,
        speaker=ref0.speaker,
        speaker_name=min(names, key=lambda n: (-names[n], n)) if names else None,
        text=canon_text,
        canonical_statement_id=ref0.statement_id,
        first_statement_id=refs[first].statement_id,
        first_reason=reason,
        members=tuple(members),
        outlets=len({refs[i].outlet for i in idx if refs[i].outlet}),
        articles=len({refs[i].article_id for i in idx}),
        since=min(days).isoformat() if days else None,
        until=max(days).isoformat() if days else None,
        misquotes=sum(m.misquote for m in members),
    )


def _single(r: StatementRef, ids: Mapping[str, str]) -> Claim:
    """The claim of a statement that no other one reports (most of them: kept cheap)."""
    verbatim = r.kind in VERBATIM_KINDS
    text = quoted_words(r.kind, r.text) if verbatim else r.text
    m = Member(r.statement_id, r.article_id, r.outlet, r.published, r.kind, text,
               "verbatim" if verbatim else "paraphrase", reference=r.statement_id if verbatim else None)
    d = published_date(r.published)
    day = _day(d)
    reason = (f"earliest publication date ({day.isoformat()})" if day is not None
              else "no member has a readable publication date; the first stored is shown")
    return Claim(
        id=ids.get(r.statement_id) or claim_id(r.speaker, r.statement_id), speaker=r.speaker,
        speaker_name=r.speaker_name, text=text, canonical_statement_id=r.statement_id,
        first_statement_id=r.statement_id, first_reason=reason, members=(m,), outlets=1 if r.outlet else 0,
        articles=1, since=day.isoformat() if day else None, until=day.isoformat() if day else None, misquotes=0)


def _canonical(refs, core: list[int]) -> int:
    """The earliest verbatim version; among versions of the same first day (or none dated),
    the fullest one."""
    day0 = _day(published_date(refs[core[0]].published))
    same = [i for i in core if _day(published_date(refs[i].published)) == day0]
    return max(same, key=lambda i: (len(tokens(quoted_words(refs[i].kind, refs[i].text))), -i))


def _first(refs, idx: list[int]) -> tuple[int, str]:
    """The first appearance (idx is in publication order) and why, ties spelled out."""
    first = idx[0]
    d0 = published_date(refs[first].published)
    if d0 is None:
        return first, "no member has a readable publication date; the first stored is shown"
    day0 = _day(d0)
    same_day = [i for i in idx if _day(published_date(refs[i].published)) == day0]
    if len(same_day) == 1:
        return first, f"earliest publication date ({day0.isoformat()})"
    timed = [i for i in same_day if isinstance(published_date(refs[i].published), datetime)]
    outlets = sorted({refs[i].outlet or "(no outlet)" for i in same_day})
    if len(timed) == len(same_day):
        t0 = published_date(refs[first].published)
        tied = [i for i in same_day if published_date(refs[i].published) == t0]
        if len(tied) == 1:
            return first, f"earliest publication time ({t0.isoformat(sep=' ')}) of {len(same_day)} on {day0.isoformat()}"
        outlets = sorted({refs[i].outlet or "(no outlet)" for i in tied})
        return first, (f"tie: {len(tied)} statements published at {t0.isoformat(sep=' ')} "
                       f"({', '.join(outlets)}); the first by outlet name, then article id")
    return first, (f"tie: {len(same_day)} statements published on {day0.isoformat()} "
                   f"({', '.join(outlets)}) without a time for all; the first by time where known, then outlet name, "
                   f"then article id")
