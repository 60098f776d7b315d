"""The events layer gives the same events under two hash seeds (set and dict order, cache order).

Session 18 traced the seeds' mode accuracy reading 0.8986 or 0.9058 on the same code to the
scorer's tie-break by event id (tests/test_eval_events.py); this guards the layer itself, so that a
set iterated in hash order can never again make two runs of one build differ."""

from __future__ import annotations

import json
import os
import subprocess
import sys

# Invented text with acts of several types, modes and modalities (strike and protest over one
# span, a threat, a lifted ban, a denial, a place list).
TEXT = (
    "Teachers' strikes and protests spread to Tabriz, Shiraz and Mashhad on Monday. "
    "Police arrested twelve students and fired tear gas at a crowd in Tehran. "
    "The union threatened to block the highway, and the ministry lifted its ban on rallies. "
    "The army denied that it had shelled the village, while the two governments signed a trade agreement."
)

SCRIPT = r"""
import json, sys
from presslens.pipeline import Pipeline
from presslens.records import Page
from presslens.settings import load_settings
text = sys.stdin.read()
out = []
for an in Pipeline(load_settings()).analyse_page(Page(key="k", text=text, path="k")):
    for e in an.events:
        out.append([e.id, e.type, e.mode, e.start, e.end, e.trigger_start, e.status, e.place_name,
                    list(e.actors), list(e.recipients), list(e.rules)])
print(json.dumps(out))
"""


def _events(seed: str) -> list[list[object]]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    res = subprocess.run([sys.executable, "-c", SCRIPT], input=TEXT, capture_output=True, text=True,
                         env=env, check=True, timeout=600)
    return json.loads(res.stdout.strip().splitlines()[-1])


def test_events_do_not_depend_on_the_hash_seed() -> None:
    first = _events("1")
    assert first, "the text states acts; no event means the check checks nothing"
    assert _events("2") == first
