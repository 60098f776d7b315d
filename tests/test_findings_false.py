"""False findings a user meets (issue 16): two unrelated, undated government releases paired by their
words alone; a source with no name printed by its file path; a population set against a sum as "the same
dollar count"; a capitalised common word taken for a typo of a place name. Real pages: two British
Columbia releases four years apart (eval/dev/geo/local/b9, government releases); the rest invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from presslens import cli
from presslens.across.figure_findings import label
from presslens.across.number_findings import number_findings
from presslens.numbers import find_quantities
from presslens.records import NumberClaim
from presslens.store import Store

TEXTS = Path(__file__).resolve().parents[1] / "eval/dev/geo/local/b9/texts"
RELEASES = [TEXTS / "news-gov-bc-ca-releases-2011cscd0023-000684.txt",
            TEXTS / "news-gov-bc-ca-releases-2015cscd0024-000693.txt"]
DARLING_DOWNS = TEXTS / "statements-qld-gov-au-statements-92454.txt"  # a Queensland region


def _nums(text: str, art: str = "a") -> list[NumberClaim]:
    return [NumberClaim(id=f"{art}{i}", article_id=art, start=q.start, end=q.end, text=q.text, low=q.low, high=q.high,
                        approx=q.approx, counts=q.counts) for i, q in enumerate(find_quantities(text))]


@pytest.fixture(scope="module")
def releases(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, object]]:
    db = tmp_path_factory.mktemp("findfp") / "s.duckdb"
    assert cli.run(["ingest", *map(str, RELEASES), str(DARLING_DOWNS), "--db", str(db), "--workers", "1"]) == cli.EXIT_OK
    with Store(db, read_only=True) as s:
        return s.rows("SELECT kind, detail FROM findings")


def test_undated_releases_paired_by_their_words_are_not_set_against_each_other(
        releases: list[dict[str, object]]) -> None:
    # A 2011 grant round and a 2015 awareness-week statement: no shared event, no copied passage.
    assert not [f for f in releases if str(f["detail"]).startswith("Sources disagree")]


def test_no_finding_prints_a_file_path(releases: list[dict[str, object]]) -> None:
    assert not [f for f in releases if str(RELEASES[0].parent) in str(f["detail"])]


def test_a_capitalised_common_word_is_no_typo_of_a_place_name(releases: list[dict[str, object]]) -> None:
    # "Towns for Tomorrow" (a BC program) is not "Darling Downs" misspelt.
    assert not [f for f in releases if f["kind"] == "name_variants" and "'Towns'" in str(f["detail"])]


def test_a_source_without_a_name_is_labelled_by_host_or_file_name() -> None:
    assert label("/home/ann/pages/release-12.txt") == "release-12.txt"
    assert label("https://news.example.org/releases/2011/12") == "news.example.org"
    assert label("Daily Courier") == "Daily Courier"


def test_a_bare_figure_after_a_sum_is_no_dollar_count() -> None:
    text = ("- The Northvale Villages Fund was set up in 2007 as a three-year, $21-million program for "
            "communities with populations up to 5,000\n")
    nums = _nums(text)
    assert {n.text for n in nums} >= {"$21-million", "up to 5,000"}
    assert number_findings(nums, {"a": "p"}, {"p": text}) == []


def test_two_sums_of_one_program_still_conflict() -> None:
    text = ("The ministry said the program cost $21 million. A later audit said the program cost $35 million.\n")
    nums = _nums(text)
    found = number_findings(nums, {"a": "p"}, {"p": text})
    assert [f.disjoint for f in found] == [True]


def test_the_size_of_a_change_is_not_the_level_it_changed() -> None:
    text = ("In 2019, the Eastvale Ministry of Culture increased funding for Eastvale arts grant programs by "
            "$5 million, from over $40.5 million to over $45.5 million.\n")
    nums = _nums(text)
    assert {n.text for n in nums} >= {"$5 million", "over $40.5 million"}
    assert [f for f in number_findings(nums, {"a": "p"}, {"p": text}) if "'$5 million'" in f.detail] == []
