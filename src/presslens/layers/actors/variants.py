"""Post stage ``name_variants``: one actor or place written several ways across the store."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ...lang import words
from ...records import stable_id
from ...registry import stages
from ...settings import Settings
from ...text.names import (
    abbreviates,
    ascii_fold,
    initials_any_order,
    is_acronym,
    name_key,
    spelling_key,
)
from .registry import Registry, load_registry, registry_for

# Words a surface form drops before spellings are compared (articles, honorifics): data file.
_FORM_DROP = words("form_drop_words")


def _form(text: str) -> str:
    """A surface form with case, curly quotes, white space, articles, honorifics and a trailing
    possessive folded: forms that differ only in those are the same spelling."""
    t = re.sub(r"'s?$", "", " ".join(ascii_fold(text).lower().split()))
    words = [w for w in t.split() if w.rstrip(".") not in _FORM_DROP]
    return " ".join(words) or t


def _close(a: str, b: str) -> bool:
    """Damerau-Levenshtein distance exactly 1 between two longer words (a typo, 'Praliament')."""
    if a == b or min(len(a), len(b)) < 6 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _untitled(text: str, titles: Sequence[str]) -> str:
    changed = True
    while changed:
        changed = False
        for t in titles:
            if text.startswith(t + " ") and len(text) > len(t) + 1:
                text, changed = text[len(t) + 1 :], True
    return text


def variant_forms(forms: Sequence[str], titles: Sequence[str] = ()) -> list[str]:
    """Which of one entity's surface forms are spelling variants of each other.

    Variants: the same spelling key written differently (Radcliffe/Ratcliffe, Hossein-Ali/
    Hossein Ali, Tehran/Teheran); a multi-word name inside a longer one (Matthew Offord /
    Matthew James Offord, Ministry of Intelligence / ... and Security); a one-letter typo in a
    long word (Praliament). Acronyms and forms differing only in case, honorific or possessive
    are not variants."""
    uniq: dict[str, str] = {}
    for f in forms:
        if is_acronym(f.replace("/", "").replace(" ", "")) or "/" in f:
            continue
        uniq.setdefault(_form(_untitled(f, titles)), f)
    keys = list(uniq)
    out: set[str] = set()
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            ta, tb = name_key(a).split(), name_key(b).split()
            sa = [spelling_key(w) for w in ta]
            sb = [spelling_key(w) for w in tb]
            same_spelling = "".join(sa) == "".join(sb)
            short, long_ = (set(sa), set(sb)) if len(sa) <= len(sb) else (set(sb), set(sa))
            subset = len(short) >= 2 and short < long_
            typo = any(_close(x, y) for x in ta for y in tb)
            if same_spelling or subset or typo:
                out.update((uniq[a], uniq[b]))
    return sorted(out, key=lambda f: forms.index(f))


_GLOSS_OPEN = re.compile(r"\s*(?:[(\[]\s*|,\s+or\s+)(?:the\s+)?", re.IGNORECASE)
_GLOSS_CLOSE = re.compile(r"\s*(?:\([^()\[\]\n]{1,12}\)\s*)?[)\]]")
_OR_CLOSE = re.compile(r"\s*[,;)]")
_CAP_WORD = re.compile(r"(?<![\w'’-])[A-Z][a-z]{4,}(?![\w'’-])")


def _words(text: str) -> set[str]:
    return {spelling_key(w) for w in name_key(text).split() if len(w) >= 4}


def names_of(reg: Registry, actor_id: str | None) -> list[str]:
    e = reg.entries.get(actor_id or "")
    return [e.actor.name, *e.actor.aliases] if e else []


def is_acronym_definition(form: str, gloss: str, *, direct_paren: bool = False, label: str | None = None) -> bool:
    """Whether "form (GLOSS)" defines an acronym, whatever the language: the acronym's letters are
    initials of the name's words in any order, or (the acronym up to six capitals right after the
    name in parentheses, the name an organisation of two or more words) it is the name's acronym in
    the source language ("National Farmers Union (UNC)" = Union Nacional Campesina)."""
    g = gloss.strip()
    if not is_acronym(g) or not g.replace(".", "").isalpha():
        return False
    if initials_any_order(g, form.split()):
        return True
    capitals = g.replace(".", "")
    return (direct_paren and label == "ORG" and 2 <= len(capitals) <= 6 and capitals.isupper()
            and len([w for w in form.split() if w[:1].isupper()]) >= 2)


def is_gloss(form: str, gloss: str, names: Iterable[str] = (), *, direct_paren: bool = False,
             label: str | None = None) -> bool:
    """Whether ``form`` glossed by ``gloss`` ("the Fellaghas (the FLN)", "Okhrana [SVR]") is
    another name rather than an acronym definition ("National Council ... (NCRI)", also in the
    source language's word order, see :func:`is_acronym_definition`) or a shorter form of the same
    name ("Revolutionary Guards (IRGC)"): neither abbreviates the other and the form shares no
    content word with the gloss or the actor's other names. ``direct_paren``: the gloss follows the
    form directly in parentheses; ``label``: the form's entity label."""
    if _form(form) == _form(gloss) or "/" in form:
        return False
    fw, gw = name_key(form).split(), name_key(gloss).split()
    if is_acronym(gloss.strip()) and abbreviates(gloss, form.split()) or \
            is_acronym(form.strip()) and abbreviates(form, gloss.split()):
        return False
    if is_acronym_definition(form, gloss, direct_paren=direct_paren, label=label):
        return False
    if is_acronym(form.strip()) and is_acronym(gloss.strip()):
        return False
    own = _words(form)
    if not own and not fw:
        return False
    # The actor's other names, less the form itself and its spellings ("Monafeghin" for "Monafeqin").
    sk = "".join(spelling_key(w) for w in fw)
    others = _words(gloss) | {w for n in names if "".join(spelling_key(x) for x in name_key(n).split()) != sk
                              for w in _words(n)}
    return not (own & others) and fw != gw


def gloss_pairs(text: str, mentions: Sequence[dict[str, Any]], names_of: Any = None) -> list[tuple[Any, Any]]:
    """(form, gloss) mention pairs of one page where the form is immediately glossed, in
    parentheses, brackets or ", or ...,", by a mention of the same actor."""
    by_start: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for m in mentions:
        by_start[int(m["start"])].append(m)
    out = []
    for m in mentions:
        op = _GLOSS_OPEN.match(text, int(m["end"]))
        if op is None:
            continue
        for g in by_start.get(op.end(), ()):
            if g["actor_id"] != m["actor_id"] or g is m:
                continue
            closer = _OR_CLOSE if "[" not in op.group() and "(" not in op.group() else _GLOSS_CLOSE
            if not closer.match(text, int(g["end"])) and not (closer is _OR_CLOSE and int(g["end"]) == len(text)):
                continue
            names = names_of(m["actor_id"]) if names_of else ()
            direct = op.group().strip() == "("  # "Name (ACRONYM)", not "Name (the ACRONYM)"
            if is_gloss(m["text"], g["text"], names, direct_paren=direct, label=m.get("label")):
                out.append((m, g))
    return out


def typo_of(word: str, known: Iterable[str]) -> str | None:
    """The known word a capitalised word misspells by one edit or swap ("Abania" / "Albania")."""
    return TypoIndex(known).find(word)


def _deletes(w: str) -> set[str]:
    return {w, *(w[:i] + w[i + 1:] for i in range(len(w)))}


class TypoIndex:
    """``typo_of`` over a fixed list of known words without comparing the word with each of them:
    two words one edit or adjacent swap apart share a one-deletion form (the symmetric-delete
    index of SymSpell, Garbe 2012), so only the known words sharing one are compared. The answer is
    the same as scanning the list in order (the earliest close word wins); the scan made the
    store-wide ``name_variants`` stage quadratic in the store (unknown words x known words)."""

    def __init__(self, known: Iterable[str]):
        self.known = [k for k in known if len(k) >= 5]
        self.by_delete: dict[str, list[int]] = defaultdict(list)
        for i, k in enumerate(self.known):
            for d in _deletes(k):
                self.by_delete[d].append(i)

    def find(self, word: str) -> str | None:
        w = word.lower()
        seen = sorted({i for d in _deletes(w) for i in self.by_delete.get(d, ())})
        return next((self.known[i] for i in seen if _close_typo(w, self.known[i])), None)


def _close_typo(a: str, b: str) -> bool:
    # An added ending is inflection, not a typo ("Iranians", "Europeans").
    if min(len(a), len(b)) < 5 or a[0] != b[0] and a[1:2] != b[1:2] or a.startswith(b) or b.startswith(a):
        return False
    return _close(a + "#", b + "#") if min(len(a), len(b)) < 6 else _close(a, b)


# Pages whose texts and items are held at once: the stage reads the whole store, in chunks, so
# its memory stays flat as the store grows (it held every mention, place and text at once).
_CHUNK_PAGES = 500
# A sector agent's mention ("exiles", "a resistance group") describes, it does not name: its
# singular and plural are no spellings of a name.
_MENTION_ROWS = ("SELECT id, article_id, start, \"end\", text, actor_id, method FROM mentions "
                 "WHERE actor_id IS NOT NULL AND method NOT IN ('surname', 'surname-registry', 'context', 'agent') "
                 "AND actor_id IN (SELECT k FROM _keys) ORDER BY article_id, start")
# The actors whose spellings are held: written more than one way (raw text: a superset of more
# than one folded form), or not provisional (registry actors, the typos' targets).
_HELD_ACTORS = ("SELECT actor_id AS a FROM mentions WHERE actor_id IS NOT NULL "
                "AND method NOT IN ('surname', 'surname-registry', 'context', 'agent') GROUP BY actor_id "
                "HAVING count(DISTINCT text) > 1 OR NOT starts_with(actor_id, 'x-')")
# A demonym ("Iranian", "Iranians") is not a way of writing its place's name.
_PLACE_WHERE = ("coalesce(CAST(geonameid AS VARCHAR), name) IS NOT NULL "
                "AND coalesce(role, 'toponym') <> 'demonym'")
_PLACE_KEY = "coalesce(CAST(geonameid AS VARCHAR), name)"
_PLACE_ROWS = (f"SELECT id, article_id, start, \"end\", text, {_PLACE_KEY} AS k, name "
               f"FROM places WHERE {_PLACE_WHERE} {{only}} ORDER BY article_id, start")
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]{5,}(?![\w'’-])")


def _stream(store: Any, sql: str, params: Sequence[Any] = (), keys: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
    """``store.rows`` without holding every row: fetched 10,000 at a time. ``keys``: the ids the
    query's ``_keys`` table holds (only their rows are read, sorted and sent: issue 19)."""
    cur = store.con.cursor()
    if keys is not None:
        import pyarrow as pa

        cur.register("_keys", pa.table({"k": pa.array(sorted(keys), pa.string())}))
    cur.execute(sql, list(params))
    names = [d[0] for d in cur.description or []]
    while batch := cur.fetchmany(10_000):
        for r in batch:
            yield dict(zip(names, r, strict=True))


def _chunks(items: Sequence[str]) -> Iterator[list[str]]:
    for i in range(0, len(items), _CHUNK_PAGES):
        yield list(items[i:i + _CHUNK_PAGES])


def _in(ids: Sequence[str]) -> str:
    return f"({', '.join('?' for _ in ids)})"


def _texts(store: Any, pages: Sequence[str]) -> dict[str, str]:
    return {r["id"]: str(r["text"]) for r in _stream(
        store, "SELECT p.id, t.text FROM page_rows p JOIN texts t ON t.content_hash = p.content_hash "
        f"WHERE p.id IN {_in(pages)}", pages)}


def _article_chunks(store: Any) -> Iterator[tuple[list[dict[str, Any]], list[str]]]:
    """The articles in (page, start) order, as runs of whole pages (up to ``_CHUNK_PAGES``)."""
    arts: list[dict[str, Any]] = []
    pages: list[str] = []
    for a in _stream(store, "SELECT id, page_id, start, \"end\" FROM articles ORDER BY page_id, start"):
        if not pages or pages[-1] != a["page_id"]:
            if len(pages) >= _CHUNK_PAGES:
                yield arts, pages
                arts, pages = [], []
            pages.append(a["page_id"])
        arts.append(a)
    if arts:
        yield arts, pages


def name_variant_findings(store: Any, reg: Registry | None = None, entries: list[Any] | None = None) -> list[Any]:
    from ...records import Finding, FindingRef
    from ..places import gazetteer

    findings = []
    reg = reg or load_registry()
    titles = sorted(reg.honorifics, key=len, reverse=True)
    groups: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    extra: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)  # forms reported whatever their spelling
    extra_page: dict[str, str] = {}  # article id -> page id, for the refs of extra forms

    def names_of(aid: str) -> list[str]:
        e = reg.entries.get(aid)
        return [e.actor.name, *e.actor.aliases] if e else []

    # Glosses: "X (the MEK)", "X [MOIS]", "X, or Y,": X is another name of Y's actor in this text.
    # Pages in the order of their first mention; then the pages without one, for their words.
    order = [str(r["page_id"]) for r in _stream(
        store, "SELECT a.page_id FROM mentions m JOIN articles a ON a.id = m.article_id "
        "WHERE m.actor_id IS NOT NULL GROUP BY a.page_id ORDER BY min(m.article_id)")]
    seen = set(order)
    order += sorted({str(r["page_id"]) for r in _stream(store, "SELECT DISTINCT page_id FROM articles")} - seen)
    lower_words: set[str] = set()
    for chunk in _chunks(order):
        texts = _texts(store, chunk)
        per_page: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in _stream(store, "SELECT m.id, m.article_id, m.start, m.\"end\", m.text, m.actor_id, m.method, "
                         "m.label, a.page_id AS _page FROM mentions m JOIN articles a ON a.id = m.article_id "
                         f"WHERE m.actor_id IS NOT NULL AND a.page_id IN {_in(chunk)} "
                         "ORDER BY m.article_id, m.start", chunk):
            per_page[r.pop("_page")].append(r)
        for pid in chunk:
            if pid not in texts:
                continue
            lower_words.update(_LOWER_WORD.findall(texts[pid]))
            for m, g in gloss_pairs(texts[pid], per_page.get(pid, []), names_of):
                extra[m["actor_id"]].setdefault(" ".join(m["text"].split()), m)
                extra[m["actor_id"]].setdefault(" ".join(g["text"].split()), g)
                extra_page.update({m["article_id"]: pid, g["article_id"]: pid})

    # Each actor's and place's spellings, in the order of first use. Only the actors that can be
    # reported are held (memory, issue 19): a provisional actor ("x-...") written one way in the
    # whole store and glossed nowhere has one form and no typo can reach it (typos attach to
    # registry actors and places), so it yields no finding; the store holds one per new name.
    # Only their rows are read (DuckDB sorted every mention of the store for this: issue 19).
    held = set(extra) | {str(r["a"]) for r in _stream(store, _HELD_ACTORS)}
    for r in _stream(store, _MENTION_ROWS, keys=held):
        groups[r["actor_id"]].setdefault(" ".join(r["text"].split()), r)
    place_names: dict[str, str] = {}  # "place:<geonameid>" -> the gazetteer's name, for the finding's text
    for r in _stream(store, _PLACE_ROWS.format(only="")):
        groups["place:" + str(r["k"])].setdefault(" ".join(r["text"].split()), r)
        if r.get("name"):
            place_names.setdefault("place:" + str(r["k"]), r["name"])

    # Typos: an unknown capitalised word one edit from a place or actor name word used elsewhere.
    gaz = gazetteer()
    entries = stored_entries(store, reg) if entries is None else entries
    reg_words = {w for e in entries for n in (e.actor.name, *e.actor.aliases) for w in name_key(n).split()}
    known: dict[str, tuple[str, dict[str, Any]]] = {}
    for key, forms in groups.items():
        if not key.startswith("place:") and (key.startswith("x-") or reg.actor(key) is None):
            continue
        for r in forms.values():
            for w in re.findall(r"[A-Z][a-z]{4,}", ascii_fold(r["text"])):
                if w.lower() not in lower_words:
                    known.setdefault(w.lower(), (key, r))
    typos = TypoIndex(known)
    common = words("common_words")
    for arts, pages in _article_chunks(store):
        texts = _texts(store, pages)
        covered: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for sql in ("SELECT m.article_id, m.start, m.\"end\" FROM mentions m JOIN articles a ON a.id = m.article_id "
                    f"WHERE m.actor_id IS NOT NULL AND a.page_id IN {_in(pages)}",
                    "SELECT p.article_id, p.start, p.\"end\" FROM places p JOIN articles a ON a.id = p.article_id "
                    f"WHERE {_PLACE_WHERE} AND a.page_id IN {_in(pages)}"):
            for r in _stream(store, sql, pages):
                covered[r["article_id"]].append((int(r["start"]), int(r["end"])))
        for a in arts:
            text = texts[a["page_id"]]
            for mt in _CAP_WORD.finditer(text, int(a["start"]), int(a["end"])):
                w = mt.group()
                lw = ascii_fold(w).lower()
                if lw in known or lw in lower_words or lw in reg_words or name_key(w) in gaz.exact:
                    continue
                # An English word is no typo of a name ("Mills" / "Hills", "Banks" / "Marks": invented
                # pairs): a capitalised common word (``lang/en/common_words.txt``) is written as meant.
                if lw in common:
                    continue
                if any(s <= mt.start() < e for s, e in covered[a["id"]]):
                    continue
                k = typos.find(lw)
                if k is None:
                    continue
                key, ref = known[k]
                extra[key].setdefault(w, {"id": None, "article_id": a["id"], "start": mt.start(), "end": mt.end(),
                                          "text": w})
                extra[key].setdefault(" ".join(ref["text"].split()), ref)
                extra_page[a["id"]] = a["page_id"]

    folded: dict[str, str] = {}  # a form recurs on many pages: fold each once

    def fold(f: str) -> str:
        out = folded.get(f)
        if out is None:
            out = folded[f] = _form(_untitled(" ".join(f.split()), titles))
        return out

    plans = []
    for key in list(groups) + [k for k in extra if k not in groups]:
        forms = dict(groups.get(key, {}))
        for f, r in extra.get(key, {}).items():
            forms.setdefault(f, r)
        if len(forms) < 2:
            continue
        # A label (an alias the registry marks hostile: "the Minsk regime") is not a spelling of
        # the actor's name: `presslens naming` reports it. The text glossing it as the actor
        # ("the generals' Okhrana [SVR]", "Fellaghas (the FLN)") still makes it another name here.
        labels = _labels(reg, key)
        names = list(forms)
        plain = [f for f in names if fold(f) not in labels]
        found = set(variant_forms(names, titles))
        # A label stays only as the carrier of a spelling of a plain name ("the Minsk regime" for
        # Tehran / Teheran); two labels differing in wording are two labels, not two spellings.
        found = {f for f in found if fold(f) not in labels or any(variant_forms([f, g], titles) for g in plain)}
        found |= set(extra.get(key, {}))
        variants = [f for f in names if f in found]
        if len(variants) >= 2:
            plans.append((key, forms, variants))

    # One ref per form and page, so that every source's spelling can be pointed at. Forms are
    # compared folded (case, quotes, honorifics), so refs are gathered the same way; only the
    # reported forms' refs are kept.
    wanted = {(key, fold(f)) for key, _, variants in plans for f in variants}
    wanted_keys = {key for key, _ in wanted}  # only their rows are folded: the memo stays small
    occ: dict[tuple[str, str], dict[str, dict[str, Any]]] = defaultdict(dict)
    # Only the wanted keys' rows are read (DuckDB sorted every mention and place for this: issue 19).
    place_keys = {k[6:] for k in wanted_keys if k.startswith("place:")}
    for sql, key_of, keys in (
            (_MENTION_ROWS, lambda r: str(r["actor_id"]), wanted_keys - {"place:" + k for k in place_keys}),
            (_PLACE_ROWS.format(only=f"AND {_PLACE_KEY} IN (SELECT k FROM _keys)"),
             lambda r: "place:" + str(r["k"]), place_keys)):
        paged = sql.replace(" FROM ", ", (SELECT page_id FROM articles a WHERE a.id = article_id) AS _page FROM ", 1)
        for r in _stream(store, paged, keys=keys):
            if key_of(r) not in wanted_keys:
                continue
            page = r.pop("_page") or ""
            want = (key_of(r), fold(r["text"]))
            if want in wanted:
                occ[want].setdefault(page, r)
    missing = sorted({str(r["article_id"]) for ex in extra.values() for r in ex.values()} - set(extra_page))
    if missing:  # the stored mentions a typo was matched against
        extra_page.update({r["id"]: r["page_id"] for r in _stream(
            store, f"SELECT id, page_id FROM articles WHERE id IN {_in(missing)}", missing)})
    for key, ex in extra.items():
        for r in ex.values():
            if (key, fold(r["text"])) in wanted:
                occ[(key, fold(r["text"]))].setdefault(extra_page.get(r["article_id"], ""), r)
    for key, forms, variants in plans:
        actor = reg.actor(key)
        what = place_names.get(key, key[6:]) if key.startswith("place:") else (actor.name if actor else key)
        refs = [FindingRef(article_id=r["article_id"], start=int(r["start"]), end=int(r["end"]),
                           text=r["text"], item_id=r["id"])
                for f in variants for r in (occ.get((key, fold(f))) or {"": forms[f]}).values()]
        findings.append(Finding(id=stable_id("name_variants", key), kind="name_variants",
                                detail=f"{what} is written several ways: " + "; ".join(f"'{v}'" for v in variants),
                                refs=refs))
    return findings


def _labels(reg: Registry, actor_id: str) -> set[str]:
    """Folded forms of an actor's hostile-register aliases and descriptions."""
    e = reg.entries.get(actor_id) if not actor_id.startswith("place:") else None
    if e is None:
        return set()
    return {_form(n) for n, (register, _) in e.registers.items() if register == "hostile"}


def stored_entries(store: Any, reg: Registry) -> list[Any]:
    """Our registry's entries, and the imported ones the store's items name (the ~27,000 imported
    records are not copied into every store)."""
    ours = dict(getattr(reg.entries, "ours", reg.entries))
    used = {r["id"] for r in store.rows(
        "SELECT DISTINCT actor_id AS id FROM mentions WHERE actor_id IS NOT NULL UNION "
        "SELECT DISTINCT speaker_id FROM quotes WHERE speaker_id IS NOT NULL UNION "
        "SELECT DISTINCT unnest(CAST(actors AS VARCHAR[])) FROM events UNION "
        "SELECT DISTINCT unnest(CAST(recipients AS VARCHAR[])) FROM events")}
    for aid in sorted(used - set(ours)):
        e = reg.entries.get(aid)
        if e is not None:
            ours[aid] = e
    return list(ours.values())


@stages.register("post:name_variants")
def post_name_variants(store: Any, settings: Settings) -> int:
    """Store-wide: register the actor registry in the store and report name variants."""
    reg = registry_for(settings)
    entries = stored_entries(store, reg)
    with store.transaction() as con:
        ids = [e.actor.id for e in entries]
        con.execute(f"DELETE FROM actors WHERE id IN ({', '.join('?' for _ in ids)})", ids)
    store.upsert_actors([e.actor for e in entries])
    findings = name_variant_findings(store, reg, entries)
    store.replace_findings(findings, kinds=["name_variants"])
    return len(findings)
