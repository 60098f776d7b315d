"""Language of each article (py3langid, offline), and which article stages run for it.

The English NLP layers run only on English articles: an article in another language is stored
with its language, and every article stage after ``language`` is listed in its ``skipped`` field
(shown by ``summary``, the UI and the exports). A second language plugs in through settings:
add its code to ``language.analysed`` and its spaCy model to ``language.models``; the ``nlp``
stage then parses it with that model (layers holding English word lists need their own data
under ``lang/<code>/`` before their output means anything).

The identifier's model ships xz-compressed in the py3langid wheel; decompressing it costs most
of its load time, so the uncompressed copy is kept once in the user's cache folder
(``$XDG_CACHE_HOME/presslens``, else ``~/.cache/presslens``) when that folder is writable.
"""

from __future__ import annotations

import functools
import lzma
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from ..records import Analysis
from ..registry import stages
from ..settings import Settings

STAGE = "language"


def _cache_dir() -> Path:
    from ..startcache import user_cache

    return user_cache()


def model_cache_path() -> Path:
    """Where the uncompressed py3langid model of the installed version is kept."""
    from importlib.metadata import version

    from py3langid import langid

    packed = langid.MODEL_DIR / langid.MODEL_FILE
    return _cache_dir() / f"py3langid-{version('py3langid')}-{packed.stat().st_size}.npz"


@functools.lru_cache(maxsize=1)
def identifier() -> Any:
    """The py3langid identifier (normalised probabilities), loaded once per process."""
    import numpy as np
    from py3langid import langid
    from py3langid.modelio import _to_array

    packed = langid.MODEL_DIR / langid.MODEL_FILE
    cached = model_cache_path()
    if not cached.is_file():
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            with lzma.open(packed) as src, tempfile.NamedTemporaryFile(dir=cached.parent, delete=False) as dst:
                shutil.copyfileobj(src, dst, length=1 << 20)
            os.replace(dst.name, cached)
        except OSError:  # read-only home: decompress on every start instead
            return langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)
    with np.load(cached, allow_pickle=False) as d:
        return langid.LanguageIdentifier(
            np.asarray(d["ptc"]), np.asarray(d["pc"]), d["classes"].tolist(), _to_array(d["nextmove"]),
            d["out_feat"].tolist(), norm_probs=True, tk_row=_to_array(d["nextmove_row"]))


def letters(text: str) -> int:
    return sum(c.isalpha() for c in text)


def detect(
    text: str, *, min_letters: int = 40, fallback: str = "en", iso639_1: bool = True,
) -> tuple[str, float]:
    """(ISO 639-1 code, probability) of a text; too short to judge: (fallback, 0.0).

    With ``iso639_1`` the verdict is taken only among languages that have an ISO 639-1 code
    (the code ``article.language`` promises). py3langid also models 26 varieties with only
    three-letter codes (Nigerian Pidgin, Extremaduran, Egyptian Arabic, Cantonese...); on
    short texts they win by chance over the language they are close to: a 74-letter English
    news sentence about Liberia came out as Nigerian Pidgin (p 0.44, English 0.41), and every
    English layer was skipped for it.
    """
    if letters(text) < min_letters:
        return fallback, 0.0
    idf = identifier()
    if not iso639_1:
        code, prob = idf.classify(text)
        return str(code), float(prob)
    ranked = [(c, p) for c, p in idf.rank(text) if len(c) == 2]
    total = sum(p for _, p in ranked) or 1.0  # renormalised over the languages judged among
    return str(ranked[0][0]), float(ranked[0][1]) / total


class LanguageStage:
    """Sets ``article.language`` from the article's prose parts (title, body, captions)."""

    def __init__(self, settings: Settings):
        conf = settings.get("language", {})
        self.enabled = bool(conf.get("detect", True))
        self.min_letters = int(conf.get("min_letters", 40))
        self.fallback = str(conf.get("fallback", "en"))
        self.iso639_1 = bool(conf.get("two_letter_codes", True))

    def text_of(self, a: Analysis) -> str:
        from ..nlp import MASKED_ROLES

        parts = [p for p in a.article.parts if p.role not in MASKED_ROLES]
        if not parts:
            return a.page_text[a.article.start : a.article.end]
        return "\n".join(a.page_text[p.start : p.end] for p in parts)

    def __call__(self, a: Analysis) -> Analysis:
        if not self.enabled:
            a.article.language = self.fallback
            return a
        a.article.language, _ = detect(
            self.text_of(a), min_letters=self.min_letters, fallback=self.fallback, iso639_1=self.iso639_1)
        return a


def analysed_languages(settings: Settings) -> frozenset[str]:
    return frozenset(str(x) for x in settings.get("language", {}).get("analysed", ["en"]))


def runs_on(stage: str, a: Analysis, analysed: frozenset[str]) -> bool:
    """Whether an article stage runs on this article: always before its language is known."""
    lang = a.article.language
    return stage == STAGE or lang is None or lang in analysed


def model_for(settings: Settings, lang: str | None) -> str:
    """The spaCy model for a language: ``language.models``, English falling back to ``nlp.model``."""
    models = settings.get("language", {}).get("models") or {}
    if lang in models:
        return str(models[lang])
    if lang in (None, "en"):
        return str(settings["nlp"]["model"])
    raise KeyError(f"no spaCy model for language {lang!r}: set language.models.{lang}")


@stages.register(STAGE)
def make_language_stage(settings: Settings) -> LanguageStage:
    return LanguageStage(settings)
