"""Language layer: detection on real pages, English layers skipped elsewhere, model per language."""

from __future__ import annotations

from pathlib import Path

import pytest

from presslens.ingest import read_paths
from presslens.layers.language import detect, model_for, runs_on
from presslens.pipeline import Pipeline
from presslens.records import Page
from presslens.settings import load_settings
from presslens.testing import default_settings, single_article

PAGES = Path(__file__).resolve().parents[2] / "shared" / "dev" / "extraction" / "pages"


@pytest.mark.parametrize(("text", "code"), [
    # Sentences written for this test.
    ("Die Bundesregierung hat am Montag neue Regeln für den Bahnverkehr beschlossen, sagte ein Sprecher.", "de"),
    ("Le gouvernement a annoncé lundi de nouvelles règles pour les transports publics, selon un porte-parole.", "fr"),
    ("The government announced new rules for public transport on Monday, a spokesman said.", "en"),
])
def test_detects_language_of_a_sentence(text: str, code: str) -> None:
    assert detect(text)[0] == code


def test_short_text_takes_the_fallback() -> None:
    assert detect("Merkel", min_letters=40, fallback="en") == ("en", 0.0)


def _page(name: str) -> Page:
    path = PAGES / name
    if not path.is_file():
        pytest.skip(f"{path} not available")
    items = [p for p in read_paths([str(path)], default_settings()) if isinstance(p, Page)]
    assert items
    return items[0]


def test_german_page_is_stored_with_its_language_and_layers_skipped() -> None:
    page = _page("zeit.de.zugverkehr.html")
    analyses = Pipeline(default_settings()).analyse_page(page)
    assert analyses and all(a.article.language == "de" for a in analyses)
    for a in analyses:
        assert "actors" in a.article.skipped and "events" in a.article.skipped
        assert "language" not in a.article.skipped
        assert not a.mentions and not a.events and not a.quotes


def test_english_page_runs_every_layer() -> None:
    page = _page("reuters.com.parasite.html")
    analyses = Pipeline(default_settings()).analyse_page(page)
    assert analyses and all(a.article.language == "en" and not a.article.skipped for a in analyses)
    assert any(a.mentions for a in analyses)


def test_a_second_language_plugs_in_through_settings() -> None:
    s = load_settings(language={"analysed": ["en", "de"], "models": {"de": "de_core_news_sm"}})
    assert model_for(s, "de") == "de_core_news_sm"
    assert model_for(s, "en") == s["nlp"]["model"]
    with pytest.raises(KeyError, match="language.models.fr"):
        model_for(s, "fr")
    _, a = single_article("Ein Text.")
    a.article.language = "de"
    assert runs_on("actors", a, frozenset(s["language"]["analysed"]))
    assert not runs_on("actors", a, frozenset(["en"]))
    assert runs_on("language", a, frozenset(["en"]))


def test_verdict_is_an_iso_639_1_code() -> None:
    # Written for this test in Nigerian Pidgin, an English-based creole that py3langid models
    # with a three-letter code only; the article's language field promises ISO 639-1.
    text = "Police for Abuja arrest two men wey steal motor on Monday, na so dem talk."
    assert detect(text, iso639_1=False)[0] == "pcm"
    code, prob = detect(text)
    assert code == "en" and 0.5 < prob <= 1.0


def test_opening_of_a_real_english_page_is_english() -> None:
    # The first 100 characters of a real hotel page (a short text, as a news snippet is): the
    # full model calls it Nigerian Pidgin.
    page = _page("luxuryhaven.co.hyatt.html")
    pipe = Pipeline(default_settings())
    analyses = pipe.analyse_page(page)
    body = analyses[0].page_text[analyses[0].article.start : analyses[0].article.end]
    assert detect(body[:100])[0] == "en"
