"""A bare figure in a gapped clause counts what the figure before it counts ("14 miners have died in the pits
this year and 40 since 2016"), and a function word after a figure is no counted noun. Sentences invented."""

from __future__ import annotations

from presslens.testing import figure_keys as _keys


def test_a_gapped_figure_takes_the_class_and_act_of_the_figure_before_it() -> None:
    keys = _keys("At least 14 miners have died in Eastland's pits this year and 40 since 2016, the union said.")
    assert keys["40"] == keys["At least 14"] == ("workers", "kill")
    keys = _keys("About 400 people were injured in the clashes and 20 in the capital alone.")
    assert keys["20"] == ("injured", "injure")


def test_a_figure_with_a_verb_of_its_own_is_not_gapped() -> None:
    keys = _keys("Seventeen people died and 12 were blinded after drinking the brew.")
    assert keys["Seventeen"] == ("dead", "kill")
    assert keys["12"] is None  # "were blinded": its own act, which the lexicon does not class
