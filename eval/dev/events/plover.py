"""PLOVER 2.0 names shared by build.py and check.py (standard library only).

Types and modes are copied from the PLOVER 2.0 manual (draft 4 February 2024, CC BY-SA 4.0),
chapter 3: each type's section and its "Name / Content" mode table. ASSAULT's ``sideAB`` comes
from section 3.16.1. Types without a mode table take no mode.
"""

from __future__ import annotations

import hashlib
import re

MODES: dict[str, tuple[str, ...]] = {
    "AGREE": (),
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "SUPPORT": (),
    "CONCEDE": (),
    "COOPERATE": (),
    "AID": (),
    "RETREAT": ("withdraw", "release", "disarm", "ceasefire", "access", "resign"),
    "REQUEST": ("assist", "change", "yield", "meet"),
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "REJECT": ("assist", "change", "yield", "meet"),
    "THREATEN": ("restrict", "arrest", "relations", "expel", "territory", "violence"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "COERCE": ("seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport",
               "withhold", "misinformation", "cyber"),
    "ASSAULT": ("abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive",
                "firearms", "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons",
                "crowd-control", "unconventional", "sideAB"),
}
TYPES = tuple(MODES)
STATUSES = ("reported", "claimed", "planned", "denied", "hypothetical")
SIZE_FIELDS = ("participants", "dead", "injured", "arrested")


def group_of(item_id: str) -> str:
    """The freezing group: a sentence id without its trailing ``-s<N>``."""
    return re.sub(r"-s\d+$", "", item_id)


# Untuned batches frozen whole (FROZEN.md): every item is frozen whatever its group's hash.
WHOLE_FROZEN_BATCHES = frozenset({"s20", "s21", "s23"})

# Untuned batches frozen by article (FROZEN.md): in these batches exactly the listed groups are frozen,
# chosen by a rule fixed before the batch's text was read (s22: the 2nd, 4th, 6th and 8th chosen article;
# s24: the 2nd, 4th, 6th, 8th and 10th chosen story; s25: the 2nd, 4th, ..., 14th chosen story; s26: the 2nd, 4th, ..., 10th chosen story;
# s27: in each half the 2nd, 4th, ... chosen story: GeoVirus articles 33, 113, 145, 183 and search stories S2, S4, S6, S8;
# s28: the 2nd and 4th story taken, S2 and S4).
FROZEN_GROUPS_BY_BATCH = {
    "s22": frozenset({"wn-geo015", "wn-geo037", "wn-geo069", "wn-geo105"}),
    "s24": frozenset({"voa-2022-ukraine-un-appeal", "voa-2014-south-sudan-ceasefire",
                      "voa-2020-afghan-taliban-prisoners", "voa-2016-burundi-journalists",
                      "voa-2024-trump-verdict"}),
    "s25": frozenset({"voa-2014-un-funding-appeal", "voa-2007-darfur-ceasefire-attacks",
                      "voa-2001-us-reservists", "voa-2019-syria-donor-pledges",
                      "voa-2003-afghan-ambush", "voa-2017-barcelona-condemnation",
                      "voa-2025-gaza-hostage-release"}),
    "s26": frozenset({"voa-2023-intelligence-strategy", "voa-2011-egypt-evacuations",
                      "voa-2017-homs-ceasefire", "voa-2015-usaid-suspends-ngo",
                      "wn-2010-wikileaks-warning"}),
    "s27": frozenset({"wn-geo033", "wn-geo113", "wn-geo145", "wn-geo183",
                      "voa-2014-zabul-friendly-fire", "usaid-2018-humanitarian-day",
                      "voa-2019-lavrov-washington-visit", "voa-2020-volunteers-sweep-up"}),
    "s28": frozenset({"wn-2004-lula-roh-meeting", "wn-2004-mosul-beheaded-bodies"}),
}


def part_of(item_id: str, batch: str | None = None) -> str:
    """FROZEN.md's rule: a group is frozen when sha256(group) mod 3 == 0; an item of a batch frozen
    whole is frozen."""
    if batch in WHOLE_FROZEN_BATCHES:
        return "frozen"
    g = group_of(item_id)
    if batch in FROZEN_GROUPS_BY_BATCH:
        return "frozen" if g in FROZEN_GROUPS_BY_BATCH[batch] else "dev"
    return "frozen" if int(hashlib.sha256(g.encode("utf-8")).hexdigest(), 16) % 3 == 0 else "dev"
