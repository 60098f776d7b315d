"""Neutrality by construction: neutral canonical names, symmetric registers for opponents,
per-source naming with registers, and the side-swap gate on our invented pairs."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest

from presslens.across.naming import naming_rows
from presslens.eval import SuiteContext
from presslens.eval.side_swap import plan, run_pair, swap_text
from presslens.lang import data, words
from presslens.layers.actors.registry import REGISTERS, load_registry
from presslens.pipeline import Pipeline
from presslens.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]
SWAP = ROOT / "eval" / "side_swap"


def _exempt() -> set[str]:
    return {line.split("#")[0].strip() for line in data("loaded_word_exempt") if line.split("#")[0].strip()}


def test_no_canonical_name_or_type_takes_a_side() -> None:
    """Every shipped actor (ours, PETRARCH2's, sector agents): no loaded word in name or type."""
    reg = load_registry()
    loaded, exempt = words("loaded_words"), _exempt()
    bad = []
    for aid in reg.entries:
        e = reg.entries[aid]
        found = set(re.findall(r"[a-z]+", f"{e.actor.name} {e.actor.type}".lower())) & loaded
        if found and aid not in exempt:
            bad.append((aid, e.actor.name, sorted(found)))
    assert not bad, bad
    assert exempt <= set(reg.entries), "exemptions must name shipped actors"


def test_loaded_word_check_catches_a_label() -> None:
    loaded = words("loaded_words")
    assert set(re.findall(r"[a-z]+", "government of the islamic republic of iran (the regime)")) & loaded


def test_registers_are_valid_and_users_are_registry_actors() -> None:
    reg = load_registry()
    for aid, e in reg.entries.ours.items():  # type: ignore[attr-defined]
        for name, (register, used_by) in e.registers.items():
            assert register in REGISTERS, (aid, name)
            assert all(u in reg.entries for u in used_by), (aid, name, used_by)


@pytest.mark.parametrize("registry", [(), (str(SWAP / "registry.yaml"),)])
def test_opponents_have_symmetric_coverage(registry: tuple[str, ...]) -> None:
    """For each pair of opponents: the registers (by kind: name or description) one side has a
    name in, the other has too, so each side's labels for the other are recorded."""
    reg = load_registry(registry)
    pairs = 0
    for aid, e in reg.entries.ours.items():  # type: ignore[attr-defined]
        for other in e.opponents:
            o = reg.entries[other]
            assert aid in o.opponents, f"{aid} lists {other} as opponent, not the reverse"
            kinds = {(e.register_of(n), k) for k, names in (("alias", e.actor.aliases), ("generic", e.generic))
                     for n in names}
            okinds = {(o.register_of(n), k) for k, names in (("alias", o.actor.aliases), ("generic", o.generic))
                      for n in names}
            assert kinds == okinds, (aid, other, kinds ^ okinds)
            pairs += 1
    assert pairs >= 2


def test_naming_rows_carry_registers_and_who_uses_them() -> None:
    reg = load_registry()
    rows = [
        {"actor_id": "iran-government", "source": "a", "text": "the regime", "article_id": "p-a1",
         "published": "2019-07-01", "mention_id": "m1", "start": 5},
        {"actor_id": "iran-government", "source": "a", "text": "The Regime", "article_id": "p-a2",
         "published": "2019-06-01", "mention_id": "m2", "start": 9},
        {"actor_id": "mek", "source": "b", "text": "the cult", "article_id": "q-a1",
         "published": None, "mention_id": "m3", "start": 1},
        {"actor_id": "mek", "source": "b", "text": "PMOI", "article_id": "q-a1", "published": None,
         "mention_id": "m4", "start": 20},
        {"actor_id": "mek", "source": "b", "text": "Mojahedin fighters", "article_id": "q-a1", "published": None,
         "mention_id": "m5", "start": 40},
    ]
    out = {(r["actor_id"], r["name"].lower()): r for r in naming_rows(rows, reg)}
    gov = out[("iran-government", "the regime")]
    assert gov["register"] == "hostile" and "mek" in gov["used_by"]
    assert gov["mentions"] == 2 and gov["first_seen"] == "2019-06-01" and gov["last_seen"] == "2019-07-01"
    assert gov["first_mention_id"] == "m2"
    assert out[("mek", "the cult")]["register"] == "hostile"
    assert out[("mek", "pmoi")]["register"] == "self"
    assert out[("mek", "mojahedin fighters")]["register"] == "unlisted"


def test_swap_keeps_articles_case_possessives_and_number() -> None:
    reg = load_registry((str(SWAP / "registry.yaml"),))
    p = plan(reg, "valdoria-government", "vdu")
    text = ("The junta said the Valdorian Democratic Union lied. The VDU's leaders met junta leaders. "
            "Protests against the junta grew, the Republic of Valdoria said.")
    out = swap_text(text, p)
    assert out == ("The gang said the Republic of Valdoria lied. The Government of Valdoria's leaders met gang "
                   "leaders. Protests against the gang grew, the Valdorian Democratic Union said.")
    assert swap_text(out, plan(reg, "vdu", "valdoria-government")) == text  # and back


def test_swap_leaves_other_actors_longer_names_alone() -> None:
    reg = load_registry()
    p = plan(reg, "mek", "iran-government")
    out = swap_text("Islamic Republic of Iran Broadcasting said the Islamic Republic of Iran and the MEK met.", p)
    assert out.startswith("Islamic Republic of Iran Broadcasting said the People's Mojahedin Organization of Iran")
    assert out.endswith("and the Iranian government met.")  # a verb after a name: an of-less partner


@pytest.mark.parametrize(("a", "b", "page"), [
    ("valdoria-government", "vdu", "valdoria.txt"),
    ("northern-highland-militia", "coastal-defence-brigades", "highlands.txt"),
    ("russia-government", "ukraine-government", "russia-ukraine.txt"),
    ("turkey-government", "pkk", "turkey-pkk.txt"),  # Turkey's places have no PKK counterpart
])
def test_side_swap_gate_on_our_pages(a: str, b: str, page: str) -> None:
    """Swapping two opponents' names (every register) changes no detection: mentions, events
    (type, mode, status, actors, recipients, size, date), quotes (kind, speaker, cue), numbers."""
    settings = load_settings(actors={"extra": [str(SWAP / "registry.yaml")], "imported": ["petrarch2"]})
    reg = load_registry((str(SWAP / "registry.yaml"),))
    text = (SWAP / "pages" / page).read_text(encoding="utf-8")
    res = run_pair(Pipeline(settings), text, str(SWAP / "pages" / page), a, b, reg)
    assert res.items > 20 and (not res.unpaired or b == "pkk")
    assert res.asymmetries == [], res.asymmetries


def test_side_swap_suite_reports_every_pair() -> None:
    """The suite's rows (what `presslens eval` prints), on our pages only (the seed pair runs in
    the eval gate)."""
    from presslens.eval import side_swap as ss

    ctx = SuiteContext(settings=load_settings(), tmp=Path(tempfile.mkdtemp()))
    orig = ss.SEED_PAIRS
    ss.SEED_PAIRS = ()
    try:
        rows = ss.side_swap(ctx)
    finally:
        ss.SEED_PAIRS = orig
    invented = {"swap.valdoria-government/vdu", "swap.northern-highland-militia/coastal-defence-brigades"}
    assert set(rows) == invented | {"swap.russia-government/ukraine-government", "swap.turkey-government/pkk"}
    # With the masked parse (nlp.mask_actors) every pair is symmetric, registry pairs included.
    assert all(r["asymmetries"] == 0 and r["symmetric"] == 1.0 and r["items_n"] > 20 for r in rows.values())


def test_swap_grammar_modifiers_descriptions_and_compounds() -> None:
    """A name used as a modifier gets a partner that can modify; a lower-case description stays
    lower-case (it is no name then, on either side); a name in a hyphenated compound is swapped;
    another actor's description containing a swapped name ("the regime's Supreme Leader") is not."""
    reg = load_registry()
    p = plan(reg, "mek", "iran-government")
    out = swap_text("3,000 MEK supporters met anti-MEK clerics. The regime's Supreme Leader spoke against "
                    "dictatorship, and the regime replied.", p)
    assert out.startswith("3,000 Iranian government supporters met anti-")
    assert "MEK" not in out and "Government of Iran supporters" not in out
    assert "The regime's Supreme Leader spoke against cult" in out or "against terrorist cult" in out, out
    assert out.endswith("and the cult replied.")


def test_swap_pairs_states_by_their_places() -> None:
    reg = load_registry()
    p = plan(reg, "russia-government", "ukraine-government")
    assert swap_text("Moscow said the Kyiv regime and the Russian government met in Russia.", p) == (
        "Kyiv said the Kremlin regime and the Ukrainian government met in Ukraine.")


def _shipped_strings() -> list[tuple[str, str]]:
    """Every string literal of the CLI and server modules, and every line of the UI's HTML/JS."""
    import ast

    src = ROOT / "src" / "presslens"
    out: list[tuple[str, str]] = []
    for f in [src / "cli.py", *sorted((src / "commands").glob("*.py")), *sorted((src / "server").glob("*.py"))]:
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                out.append((f"{f.name}:{node.lineno}", node.value))
    for f in sorted((src / "server" / "static").glob("*")):
        if f.suffix in (".js", ".html"):
            out += [(f"{f.name}:{i}", ln) for i, ln in enumerate(f.read_text(encoding="utf-8").splitlines(), 1)]
    return out


def _loaded_in(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower())) & words("loaded_words")


def test_ui_and_cli_wording_takes_no_side() -> None:
    """Issue 15 point 4: no label the CLI or the UI prints is a loaded word (lang/en/loaded_words);
    what an actor is called comes from the registry and the texts, never from our strings."""
    strings = _shipped_strings()
    assert len(strings) > 500  # the CLI, the API and the UI were read
    found = [(where, s[:80]) for where, s in strings if _loaded_in(s)]
    assert found == []


def test_wording_check_catches_a_loaded_ui_label() -> None:
    assert _loaded_in('<th>Regime statements</th>') == {"regime"}
