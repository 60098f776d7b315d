"""The PETRARCH2 actor-dictionary reader (``layers/actors/petrarch.py``). The records are lines of
../shared/reference/petrarch2/Phoenix.International.actors.txt and Phoenix.Countries.actors.txt
(PETRARCH2, MIT), in their layout: a name, "+" synonyms, an indented code."""

from __future__ import annotations

from pathlib import Path

from presslens.layers.actors.petrarch import parse_actor_file

INTERNATIONAL = """\
ORGANIZATION_OF_NON_ALIGNED_COUNTRIES_\t[IGONON]# NGO_Actors
ORGANIZATION_OF_PETROLEUM_EXPORTING_COUNTRIES_\t
+OPEC
\t[IGOOPC]# NGO_Actors
ORGANIZATION_OF_THE_ISLAMIC_CONFERENCE_\t[IGOMOS]# NGO_Actors
THE_UNITED_NATIONS_\t[IGOUNO]
UN_\t[IGOUNO]
"""
COUNTRIES = """\
VLADIMIR_IVASHKO_  # CountryInfo.txt
VLADIMIR_A._IVASHKO
\t[RUSELI 500101-910824]
\t[RUSGOV 910824-910829]
"""


def _blocks(tmp_path: Path, text: str) -> dict[str, tuple[list[str], str | None]]:
    p = tmp_path / "Phoenix.test.actors.txt"
    p.write_text(text, encoding="utf-8")
    return {b.primary: (b.synonyms, b.default) for b in parse_actor_file(p)}


def test_a_codeless_name_under_a_coded_record_opens_its_own(tmp_path: Path) -> None:
    got = _blocks(tmp_path, INTERNATIONAL)
    assert got["ORGANIZATION_OF_NON_ALIGNED_COUNTRIES_"] == ([], "IGONON")  # OPEC is not a synonym
    assert got["ORGANIZATION_OF_PETROLEUM_EXPORTING_COUNTRIES_"][0] == ["OPEC"]
    assert got["THE_UNITED_NATIONS_"][0] == ["UN_"]  # one record written twice stays one


def test_two_codeless_names_share_the_code_below(tmp_path: Path) -> None:
    got = _blocks(tmp_path, COUNTRIES)
    assert list(got) == ["VLADIMIR_IVASHKO_"]
    assert got["VLADIMIR_IVASHKO_"][0] == ["VLADIMIR_A._IVASHKO"]


# Lines of ../shared/reference/petrarch2/Phoenix.agents.txt (PETRARCH2, MIT), in its layout.
AGENTS = """\
!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON
!MINIST! = MINISTER, MINISTERS, MINISTRY, MINISTRIES
JOURNALIST [~MED]
GUNMAN {} [~UAF]
GUNMEN [~UAF]
POLICE {} [~COP]
CONGRESS!PERSON! [~LEG]
!MINIST!  [~GOV]
"""


def test_agents_keep_the_root_and_its_plural_as_petrarch2_matches_them(tmp_path: Path) -> None:
    from presslens.layers.actors.petrarch_agents import parse_agents

    p = tmp_path / "agents.txt"
    p.write_text(AGENTS, encoding="utf-8")
    got = parse_agents(p)
    assert got["MED"] == ["journalist", "journalists"]
    assert got["UAF"] == ["gunman", "gunmen"]  # an irregular plural is a root of its own, never "gunmens"
    assert got["COP"] == ["police"]
    assert "congressman" in got["LEG"] and "congresswomen" in got["LEG"]
    assert got["GOV"] == ["minister", "ministers"]  # the ministry is a body the state-body rules name


def test_conversion_refuses_to_run_without_the_cased_word_table(tmp_path: Path, monkeypatch) -> None:
    # Without spacy-lookups-data the acronym test falls back to word length and the output would
    # silently differ from the committed data; the converter must stop before writing anything.
    from presslens.layers.actors import petrarch

    monkeypatch.setattr(petrarch, "load_cased", lambda: {})
    monkeypatch.setattr(petrarch, "CASED", {})
    out = tmp_path / "out"
    assert petrarch.main([str(tmp_path), str(out)]) == 2
    assert not out.exists()
