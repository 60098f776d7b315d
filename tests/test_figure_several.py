"""An article that gives several values of one quantity, nothing in its words telling them apart,
tells several counts of it (``figure_findings._several``): only its first (its headline or lead
figure) is set against other outlets' figures. Figures given to two claimants are rival claims of one
count and all stay comparable. Texts: Wikinews (CC BY 2.5) as GeoVirus gives them
(shared/dev/geo/GeoVirus.xml: "Swine flu: recent developments worldwide", "Swine flu, in-depth:
worldwide report"; none of them in the across set) and the across set's s02 Wikinews sentence."""

from __future__ import annotations

from presslens.across.figure_findings import Told, story_findings, told
from presslens.numbers import find_quantities
from presslens.records import NumberClaim


def _told(source: str, text: str, article: str) -> Told:
    nums = [NumberClaim(id=f"{article}-n{i}", article_id=article, start=q.start, end=q.end, text=q.text, low=q.low,
                        high=q.high, approx=q.approx, counts=q.counts) for i, q in enumerate(find_quantities(text))]
    return told(source, text, nums)


ROUNDUP = ("Swine flu: recent developments worldwide\n\nThe H1N1 swine flu virus has now spread to 66 different "
           "countries throughout the globe, with at least 19,273 confirmed cases and 117 deaths having been reported "
           "according to the latest World Health Organisation (WHO) tally. On Wednesday, eleven people had been "
           "reported dead from the virus in India, taking the country's death toll up to 212 people. In the United "
           "States, 27 people have died from the virus.")
OTHER = ("Swine flu, in-depth: worldwide report\n\nThere have been at least 3,330 deaths from the swine flu since the "
         "virus started spreading, out of almost 316,000 total reported cases.")


def _several_texts(t: Told) -> set[str]:
    return {n.text for n in t.numbers if n.id in t.several}


def test_a_round_up_sets_only_its_lead_figure_against_another_outlet() -> None:
    a, b = _told("A", ROUNDUP, "a"), _told("B", OTHER, "b")
    assert _several_texts(a) == {"eleven", "27"}  # India's and the United States' dead after the world's 117
    assert _several_texts(b) == set()
    found = {r.text for f in story_findings(a, b, "a|b") for r in f.refs}
    assert "117" in found and "at least 3,330" in found
    assert not found & {"eleven", "27"}


def test_figures_of_two_claimants_are_rival_claims_of_one_count() -> None:
    """eval/dev/across s02 Wikinews: the authorities' toll and an advocacy group's."""
    text = ("Authorities report that 4 people are have died from typhoid and over 526 have been stricken since "
            "August 22. However, a report by the Treatment Action Campaign (Tac) states that 49 have died.")
    a = _told("A", text, "a")
    assert _several_texts(a) == set()
    b = _told("B", "Only two deaths can be linked to typhoid fever, the department says.", "b")
    found = sorted(tuple(sorted(r.text for r in f.refs)) for f in story_findings(a, b, "a|b"))
    assert found == [("4", "two"), ("49", "two")]
