"""The masked parse (``presslens.layers.masking``, setting ``nlp.mask_actors``): registered
organisations' names are parsed as one placeholder, and the Doc keeps the page's words and offsets.
Sentences are from the bundled sample pages (shared/seeds, 002: NCRI page) and their side-swap."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from presslens.layers.masking import MaskSpan, mask, restore, unit_ends
from presslens.pipeline import Pipeline
from presslens.records import Analysis, Article, Page
from presslens.settings import load_settings

# 002, line 240, and the same sentence with the two sides' names swapped (eval/side_swap.py).
PERRY = ("The Iranian regime poses a threat to peace and stability in the Middle East and across the world, "
         "and Europe should support the main Iranian Opposition as the democratic alternative to the mullahs’ "
         "clerical dictatorship, writes former Irish Member of Parliament John Perry in an op-ed.")
PERRY_SWAPPED = ("The Monafeqin poses a threat to peace and stability in the Middle East and across the world, "
                 "and Europe should support the main Iranian Opposition as the democratic alternative to the "
                 "hypocrites’ clerical cult, writes former Irish Member of Parliament John Perry in an op-ed.")


def _nlp_doc(text: str, **nlp: object) -> Doc:
    from presslens.nlp import NlpStage

    settings = load_settings(nlp=nlp) if nlp else load_settings()
    a = Analysis(article=Article(id="a", page_id="p", start=0, end=len(text), seq=0, body_start=0,
                                 body_end=len(text)), page_text=text)
    doc = NlpStage(settings)(a).doc
    assert doc is not None
    return doc


def _outside(doc: Doc) -> list[tuple[str, str, str, str]]:
    """(word, tag, dep, head word) of every token outside the masked names and label words."""
    inside = {i for s, e in doc.user_data.get("presslens_masked", ()) for i in range(s, e)}
    return [(t.text, t.tag_, t.dep_, "NAME" if t.head.i in inside else t.head.text) for t in doc if t.i not in inside]


def test_both_sides_labels_get_the_same_parse() -> None:
    a, b = _nlp_doc(PERRY), _nlp_doc(PERRY_SWAPPED)
    assert a.text == PERRY and b.text == PERRY_SWAPPED
    assert _outside(a) == _outside(b)
    assert [e.text for e in a.ents if e.label_ == "ORG"][:1] == ["Iranian regime"]
    assert [e.text for e in b.ents if e.label_ == "ORG"][:1] == ["Monafeqin"]


def test_masking_can_be_turned_off() -> None:
    doc = _nlp_doc(PERRY, mask_actors=False)
    assert doc.text == PERRY and "presslens_masked" not in doc.user_data


def test_restore_keeps_words_and_hangs_a_name_from_its_head() -> None:
    nlp = spacy.blank("en")
    doc = nlp.make_doc("The Government of the Islamic Republic of Iran said  \n\n  so.")
    m = mask(doc, [MaskSpan(0, 8, "ORG")])
    from presslens.lang import data

    assert m.words[:2] == ["The", data("mask_placeholders")["noun"]]  # the article stays; a common noun
    assert "\n\n" in m.words and not any(w.strip() == "" and w not in ("\n\n", " ") for w in m.words)
    parsed = Doc(nlp.vocab, words=m.words, spaces=m.spaces, tags=["DT", "NN", "VBD", "_SP", "RB", "."][: len(m.words)],
                 heads=[1, 2, 2, 2, 2, 2][: len(m.words)], deps=["det", "nsubj", "ROOT", "dep", "advmod", "punct"][: len(m.words)])
    out = restore(doc, parsed, m)
    assert out.text == doc.text and [t.text for t in out] == [t.text for t in doc]
    gov = out[1]
    assert gov.dep_ == "nsubj" and gov.head.text == "said"
    assert all(t.head.i in range(1, 8) for t in out[2:8])  # the rest of the name stays inside it
    assert out[7].dep_ == "pobj" and out[7].head.text == "of"
    assert [e.text for e in out.ents] == ["Government of the Islamic Republic of Iran"]
    assert unit_ends(out)[1] == 8 and unit_ends(out)[8] == 9


def test_a_masked_name_is_one_word_in_a_trigger_gap() -> None:
    """CAMEO/PLOVER "remove * from" allows three words between: a long name is one (002, line 121)."""
    text = ("Secretary Clinton was forced to remove the Government of Iran from the FTO list after being "
            "ordered to do so by the D.C. Circuit Court of Appeals.")
    (a,) = Pipeline(load_settings()).analyse_page(Page(key="k", text=text, path="k"))
    assert any(e.type == "RETREAT" and "iran-government" in e.recipients for e in a.events)


def test_every_item_keeps_its_page_offsets() -> None:
    from presslens.eval.gold_docs import sample_dir
    from presslens.ingest import read_paths

    path = sorted(sample_dir().glob("*.txt"))[0]
    pages = [p for p in read_paths([str(path)], load_settings()) if isinstance(p, Page)]
    for a in Pipeline(load_settings()).analyse_page(pages[0]):
        for item in (*a.mentions, *a.events, *a.quotes):
            assert a.page_text[item.start:item.end] == item.text


def test_the_actor_scan_is_reused_only_for_the_same_words() -> None:
    """The scan made when masking before the parse serves the parsed Doc with the same words; a Doc
    of other words carrying the copied user data is scanned afresh."""
    from presslens.layers.actors.component import ActorsComponent
    from presslens.nlp import blank_english

    comp = ActorsComponent(blank_english())
    nlp = blank_english()
    first = nlp.make_doc("The MEK and Amnesty International met in Paris.")
    hits, _ = comp._scan(first)
    assert hits  # the registry knows these names
    same = nlp.make_doc("The MEK and Amnesty International met in Paris.")
    same.user_data.update(first.user_data)
    assert [(h.start, h.end, h.actors) for h in comp._scan(same)[0]] == [(h.start, h.end, h.actors) for h in hits]
    hits[0].actors = ("changed",)  # callers change hits in place: the kept scan is not theirs
    assert comp._scan(same)[0][0].actors != ("changed",)
    other = nlp.make_doc("Officials of Hamas spoke in Gaza.")
    other.user_data.update(first.user_data)
    fresh = ActorsComponent(blank_english())._scan(nlp.make_doc("Officials of Hamas spoke in Gaza."))[0]
    assert [(h.start, h.end) for h in comp._scan(other)[0]] == [(h.start, h.end) for h in fresh]
