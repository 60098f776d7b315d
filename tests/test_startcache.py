"""The start-up cache (presslens.startcache) gives back the tables the builders make, and a worker's
stage lookups import only the modules that register stages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from presslens import lang, startcache
from presslens.layers.actors import registry as actors_registry
from presslens.layers.events.cameo import Cameo


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("PRESSLENS_NO_STARTUP_CACHE", raising=False)
    return tmp_path / "presslens" / "startup"


def test_imported_index_from_the_cache_equals_the_parsed_one(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    written = actors_registry._imported_tables("petrarch2")  # parsed, then written
    assert [p.name.startswith("imported-petrarch2-") for p in cache.iterdir()] == [True]
    read = actors_registry._imported_tables("petrarch2")  # read back
    monkeypatch.setenv("PRESSLENS_NO_STARTUP_CACHE", "1")
    parsed = actors_registry._imported_tables("petrarch2")
    assert read == parsed == written
    offsets, agents, names = read
    assert len(offsets) > 20_000 and agents and names.names[0] == parsed[2].names[0]
    assert isinstance(names.names[0][0], tuple)


def test_cameo_from_the_cache_matches_the_built_dictionary(cache: Path) -> None:
    def build() -> Cameo:
        return Cameo(lang.data("events/cameo"))

    args = {"files": [lang.path("events/cameo")], "code": [sys.modules[Cameo.__module__]]}
    startcache.cached("cameo", build, **args)
    read = startcache.cached("cameo", lambda: pytest.fail("built again"), **args)  # type: ignore[arg-type, return-value]
    built = build()
    assert read.synsets == built.synsets and read.verbs == built.verbs and read.for_verb == built.for_verb
    assert read.patterns == built.patterns and read.codes == built.codes


def test_a_changed_file_builds_anew_beside_the_old_table(cache: Path, tmp_path: Path) -> None:
    src = tmp_path / "words.txt"
    src.write_text("alpha\nbeta\n")

    def build() -> list[str]:
        return src.read_text().split()

    assert startcache.cached("words", build, files=[src], code=[startcache]) == ["alpha", "beta"]
    first = sorted(cache.glob("words-*.pickle"))
    src.write_text("gamma\n")
    assert startcache.cached("words", build, files=[src], code=[startcache]) == ["gamma"]
    second = sorted(cache.glob("words-*.pickle"))
    assert len(first) == 1 and len(second) == 2 and first[0] in second  # the old one waits for `cache --prune`
    assert startcache.path_for("words", files=[src], code=[startcache]) in second


def test_presslens_cache_lists_the_startup_tables_as_current(cache: Path) -> None:
    from presslens.commands.cache import cache_files

    actors_registry._imported_tables("petrarch2")
    stale = cache / "cameo-0123456789abcdef01234567.pickle"
    stale.write_bytes(b"old")
    listed = dict(cache_files())
    assert listed[actors_registry.imported_cache_path("petrarch2")] is True
    assert listed[stale] is False


def test_a_damaged_table_is_rebuilt(cache: Path, tmp_path: Path) -> None:
    src = tmp_path / "n.txt"
    src.write_text("1 2 3")
    startcache.cached("n", lambda: src.read_text().split(), files=[src], code=[startcache])
    (only,) = cache.glob("n-*.pickle")
    only.write_bytes(only.read_bytes()[:5])
    assert startcache.cached("n", lambda: ["rebuilt"], files=[src], code=[startcache]) == ["rebuilt"]


def test_stage_lookups_leave_eval_and_scoring_unimported() -> None:
    code = (
        "import sys\n"
        "from presslens import registry\n"
        "registry.stages.get('numbers'); registry.segmenters.get('layout'); registry.stages.get('post:merge')\n"
        "bad = [m for m in sys.modules if m.startswith(('presslens.eval', 'presslens.scoring'))]\n"
        "assert not bad, bad\n"
        "registry.scorers.names()  # any other kind still loads every built-in\n"
        "assert 'presslens.eval.gold_docs' in sys.modules\n"
        "try:\n"
        "    registry.stages.get('no-such-stage')\n"
        "except KeyError as e:\n"
        "    assert 'events' in str(e)\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
