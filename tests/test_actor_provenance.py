"""Every dated office in our YAML registry says where it comes from (issue 13: no unsourced leaders)."""

from __future__ import annotations

import datetime as dt
import re

from presslens.layers.actors.registry import bundled_yaml, load_registry

ROLE_CODE = re.compile(r"^[A-Z]{3}[A-Z]{3}$")  # CAMEO country + sector, as PETRARCH2's roles


def _dated(text: str | None) -> bool:
    if text is None:
        return True
    if re.fullmatch(r"\d{4}", text):
        return True
    dt.date.fromisoformat(text)  # raises on a malformed date
    return True


def test_every_yaml_role_has_a_source_and_valid_dates() -> None:
    with_roles = [a for a in bundled_yaml()["actors"] if a.get("roles")]
    assert len(with_roles) >= 34  # the leaders after PETRARCH2's cut-off
    for a in with_roles:
        assert str(a.get("source", "")).startswith("https://"), a["id"]
        for r in a["roles"]:
            assert ROLE_CODE.match(r["code"]), (a["id"], r)
            assert r.get("office"), (a["id"], r)
            assert _dated(r.get("from")) and r.get("from"), (a["id"], r)
            assert _dated(r.get("to")), (a["id"], r)
            if r.get("to"):
                assert str(r["from"]) < str(r["to"]), (a["id"], r)


def test_roles_and_source_reach_the_registry() -> None:
    e = load_registry().entries["tsai-ing-wen"]
    assert e.source == "https://en.wikipedia.org/wiki/Tsai_Ing-wen"
    assert e.roles == [("TWNGOV", "2016-05-20", "2024-05-20")]
