"""Events stage: seed passages and wire-style passages written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from presslens.records import Analysis, Article, Page, Part
from presslens.testing import analyse_text, run_stages

# The events stage reads the places, dates, numbers and quotes layers' records (it has no parsers
# of its own), so its tests run those layers too.
STAGES = ["nlp", "actors", "places", "dates", "numbers", "quotes", "events"]


def events(text: str, **kw: str):
    a = analyse_text(text, stages=STAGES, **kw)
    for e in a.events:
        assert a.page_text[e.start:e.end] == e.text  # page offsets hold
    return a.events


def one(evs, type_: str, mode: str | None = "any"):
    hits = [e for e in evs if e.type == type_ and (mode == "any" or e.mode == mode)]
    assert hits, f"no {type_}/{mode} in {[(e.type, e.mode, e.text) for e in evs]}"
    return hits[0]


def test_chilean_miners_strike() -> None:
    evs = events("SANTIAGO, Chile (Reuters) - More than 2,000 copper miners went on strike at the Escondida mine "
                 "in Antofagasta on Monday, March 3, 2025, demanding higher wages, union leaders said.")
    ev = one(evs, "PROTEST", "strike")
    assert ev.size.get("participants") == [2001, None]
    assert ev.country == "CL" and ev.place_name == "Antofagasta"
    # Union leaders are a party to the dispute: their account is claimed (dev-set guidelines).
    assert ev.date == "2025-03-03" and ev.status == "claimed"


def test_nigerian_kidnapping() -> None:
    evs = events("Gunmen kidnapped 25 students from a boarding school in Kaduna on 12 June 2024, police said, "
                 "and killed two guards during the attack.")
    ev = one(evs, "ASSAULT", "abduct")
    assert ev.country == "NG" and ev.date == "2024-06-12"
    dead = [e for e in evs if e.size.get("dead")]
    assert dead and dead[0].size["dead"] == [2, 2]


def test_size_of_an_aim_stays_in_its_clause() -> None:
    # A count in a purpose or capacity clause is what the act was for, not a toll: neither the
    # intended killing nor the jailing around it reports dead (modality.yaml `purpose`).
    evs = events("A man who bought nerve agent to kill 300 people was jailed on Monday.")
    assert one(evs, "COERCE").size.get("dead") is None
    kill = one(evs, "ASSAULT")
    assert kill.status == "planned" and kill.size.get("dead") is None
    cap = one(events("The courier carried enough toxin to kill 900 people."), "ASSAULT")
    assert cap.status == "hypothetical" and cap.size.get("dead") is None
    # a participle told after the aim is a reported act, with its toll
    fired = events("Troops fired on the crowd to disperse the marchers, killing 14 people.")
    assert any(e.type == "ASSAULT" and e.status == "reported" and e.size.get("dead") == [14, 14] for e in fired)


def test_french_police_arrest() -> None:
    evs = events("French police arrested 14 people in Marseille on Tuesday after clashes near the old port.")
    ev = one(evs, "COERCE", "arrest")
    assert ev.size.get("arrested") == [14, 14]
    assert ev.place_name == "Marseille" and ev.country == "FR"


def test_sanctions_announcement() -> None:
    evs = events("The US Treasury imposed sanctions on a shipping network on September 4, 2019, and "
                 "designated the group as a terrorist organization.")
    ev = one(evs, "SANCTION")
    assert ev.date == "2019-09-04"
    assert ev.recipients or ev.actors


def test_denied_event() -> None:
    ev = one(events("The MEK did not murder Iranian nuclear scientists."), "ASSAULT")
    assert ev.status == "denied"


def test_planned_protest_and_hypothetical() -> None:
    ev = one(events("Opposition groups plan to rally in Nairobi next week against the new tax law."), "PROTEST")
    assert ev.status == "planned"
    ev = one(events("If the talks fail, unions would strike across the country."), "PROTEST")
    assert ev.status == "hypothetical"
    # What someone calls for has not happened; the call itself has, and is the one event (PLOVER
    # manual 2.3: a single category, moded by what is demanded).
    evs = events("Rights groups urged the Nigerian government to release the kidnapped pupils.")
    assert not [e for e in evs if e.type == "RETREAT"]
    req = one(evs, "REQUEST")
    assert req.status == "reported" and req.mode == "yield"
    assert one(events("The Nigerian government released the kidnapped pupils."), "RETREAT").status == "reported"


def test_claimed_inside_quote() -> None:
    evs = events('The minister said the group was "a terrorist group that murdered thousands of ordinary citizens".')
    ev = one(evs, "ASSAULT")
    assert ev.status == "claimed" and ev.size.get("dead") == [2000, 9999]


def test_seed_passages() -> None:
    evs = events("The British MPs called on their government to blacklist the IRGC and the MOIS as a foreign "
                 "terrorist organization.")
    assert one(evs, "REQUEST") and not [e for e in evs if e.type == "SANCTION"]
    evs = events("The 30,000 political prisoners in Iran who were executed during the 1988 Massacre were not "
                 "associated with the incursion.")
    ev = one(evs, "ASSAULT", "targeted")
    # (Its size comes from the numbers layer, which records no claim for a definite "the 30,000 ...".)
    assert ev.date == "1988"
    evs = events("Your demonstration today marks the peak of a series of Free Iran rallies taken place over the past "
                 "months in Brussels; Washington, D.C.; Berlin; and Stockholm.")
    places = {e.place_name for e in evs if e.type == "PROTEST"}
    assert {"Brussels", "Berlin", "Stockholm"} <= places


def test_related_links_are_events_with_context() -> None:
    lines = ["Iran Protests- Jan 4, 2018- City of Isfahan", "Iran Protests- Tehran, January 3, People Chant"]
    body = "Protesters gathered again in the capital on Friday."
    text = body + "\n\n" + "\n\n".join(lines) + "\n"
    page = Page(key="mem://links", text=text)
    parts = [Part(role="body", start=0, end=len(body), text=body)]
    pos = len(body) + 2
    for ln in lines:
        parts.append(Part(role="related_link", start=pos, end=pos + len(ln), text=ln))
        pos += len(ln) + 2
    from presslens.records import Analysis

    art = Article(id=f"{page.id}-a1", page_id=page.id, seq=1, start=0, end=len(text), body_start=0,
                  body_end=len(body), parts=parts)
    a = run_stages(Analysis(article=art, page_text=text), STAGES)
    link_evs = [e for e in a.events if e.start >= len(body)]
    isf = [e for e in link_evs if e.place_name == "Isfahan"]
    assert isf and isf[0].type == "PROTEST" and isf[0].date == "2018-01-04"
    teh = [e for e in link_evs if e.place_name == "Tehran"]
    assert teh and teh[0].date == "2018-01-03"  # year read from the neighbouring line of the same month


SEEDS = Path(__file__).resolve().parents[1] / "src" / "presslens" / "examples"  # bundled copies of the seeds


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed corpus not available")
def test_exports_and_cli(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from presslens.cli import app
    from presslens.pipeline import ingest
    from presslens.settings import load_settings
    from presslens.store import Store

    db = tmp_path / "e.duckdb"
    settings = load_settings()
    settings["pipeline"]["stages"] = STAGES
    store = Store(db)
    ingest([str(SEEDS / "000_f2f53a0ffb250155.txt")], store, settings=settings)
    store.close()
    r = CliRunner().invoke(app, ["events", "--db", str(db), "--type", "PROTEST", "--json"])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.output)
    assert any(x["place_name"] == "Isfahan" and x["date"] == "2018-01-04" for x in rows)
    r = CliRunner().invoke(app, ["event", rows[0]["id"], "--db", str(db), "--json"])
    assert r.exit_code == 0 and json.loads(r.output)["reports"]
    assert json.loads(r.output)["rules"]  # which lexicon entry and rules produced the event
    r = CliRunner().invoke(app, ["event", rows[0]["id"], "--db", str(db)])
    assert r.exit_code == 0 and "rules: " in r.output
    for fmt, name in (("plover", "events.plover.jsonl"), ("acled", "events.acled.csv")):
        r = CliRunner().invoke(app, ["export", "-f", fmt, "-o", str(tmp_path / "x"), "--db", str(db)])
        assert r.exit_code == 0, r.output
        assert (tmp_path / "x" / name).stat().st_size > 0
    rec = json.loads((tmp_path / "x" / "events.plover.jsonl").read_text().splitlines()[0])
    assert {"event", "mode", "actor", "recipient", "date", "event loc", "size", "event text", "text info",
            "cite info"} <= set(rec)


FULL = ["nlp", "actors", "places", "dates", "numbers", "quotes", "events"]


def full(text: str):
    a = analyse_text(text, stages=FULL)
    for e in a.events:
        assert a.page_text[e.start:e.end] == e.text
    return a.events


def test_place_named_as_party_or_inside_a_name_is_not_the_location() -> None:
    ev = one(events("The United States imposed new sanctions on Chile on Tuesday."), "SANCTION")
    assert ev.place_name is None  # Chile is the target, not where it happened
    ev = one(events("The annual Free Chile rally drew 2,000 people."), "PROTEST")
    assert ev.country != "CL"  # "Free Chile" is a name
    ev = one(events("Thousands of teachers went on strike in 40 Nigerian cities last month."), "PROTEST")
    assert ev.country == "NG"  # the places layer's demonym place qualifying a place noun names the country


def test_visit_takes_place_at_its_object() -> None:
    ev = one(events("Chile's foreign minister visited Argentina on 4 March 2025 to discuss the border."), "CONSULT")
    assert ev.place_name == "Argentina"


def test_date_of_a_nested_event_or_a_qualified_noun_is_not_the_events() -> None:
    ev = one(events("Rights groups accused the army of covering up the 2019 massacre in Lagos."), "ACCUSE")
    assert ev.date is None
    ev = one(events("At a cabinet meeting on 3 June 2024, the president rejected the 2015 peace deal."), "REJECT")
    assert ev.date == "2024-06-03"  # the meeting is the setting; 2015 only names the deal


def test_relative_dates_resolve_against_the_story_day() -> None:
    evs = full("Police arrested 14 people in Lagos on Monday, June 3, 2024.\n\n"
               "Last Saturday, hundreds of students rallied outside the governor's office.")
    ev = one(evs, "PROTEST")
    assert ev.date == "2024-06-01"


def test_statements_take_the_story_date_from_the_lead() -> None:
    evs = events("June 3, 2024\n\nThousands of students rallied in Lagos. Speakers urged the government to "
                 "free the detained students and criticised the police.")
    assert one(evs, "REQUEST").date == "2024-06-03"
    assert one(evs, "ACCUSE").date == "2024-06-03"


def test_issuer_of_a_statement_is_the_actor() -> None:
    evs = full("The Nigerian Army released a statement condemning the kidnapping of 25 students in Kaduna.")
    ev = one(evs, "ACCUSE")
    assert ev.actors and "army" in ev.actors[0]


def test_pronoun_does_not_refer_to_the_source_of_an_attribution() -> None:
    evs = full("Students gathered outside the ministry in Santiago on Monday. According to the Interior Ministry, "
               "they blocked the main road for three hours.")
    ev = one(evs, "PROTEST", "obstruct")
    assert not any("ministry" in a for a in ev.actors)
    assert ev.status == "reported"  # "according to" attributes, it does not dispute


def test_support_triggers_and_non_event_uses() -> None:
    assert one(events("The senator expressed strong support for the striking miners."), "SUPPORT")
    assert not [e for e in events("Supporters of the union waited outside.") if e.type == "SUPPORT"]


def test_known_speakers_account_is_reported_not_claimed() -> None:
    evs = full('"Our members held a rally in Nairobi on 2 May 2024," union leader Jane Mwangi said.')
    assert one(evs, "PROTEST").status == "reported"


# ---- wire passages written for these tests (general mechanisms, not gold strings)


def test_strike_verb_phrases_are_protest_strikes() -> None:
    for text in ("About 3,000 dock workers walked off the job in Rotterdam on Monday over pay.",
                 "Bus drivers downed tools in Nairobi on Friday, halting services across the city.",
                 "Nurses went on strike in Auckland on Tuesday after talks with the health board failed.",
                 "Rail staff in Leeds voted for industrial action over pensions."):
        ev = one(full(text), "PROTEST", "strike")
        assert ev.place_name, text


def test_offer_and_deal_mentions_are_not_agreements() -> None:
    text = ("The company offered 3% and said its offer included a bonus. The last dispute ended with a deal "
            "that included a pay rise. Talks ended without agreement.")
    assert not [e for e in events(text) if e.type == "AGREE"]
    evs = events("The union and the company reached an agreement on Friday after two weeks of talks.")
    one(evs, "AGREE")
    evs = events("The workers accepted the offer on Saturday, ending the dispute.")
    one(evs, "AGREE")
    # An offer to mediate is an intent to cooperate (CAMEO 039 -> AGREE), here conditional.
    evs = events("The Labour Ministry said it would offer mediation if both sides requested it.")
    ev = one(evs, "AGREE")
    assert ev.status == "hypothetical"


def _dateline_article(text: str, dateline: str):
    from presslens.records import Analysis

    page = Page(key="mem://dateline", text=text)
    d_end = text.index(dateline) + len(dateline)
    parts = [Part(role="dateline", start=0, end=d_end, text=text[:d_end]),
             Part(role="body", start=d_end, end=len(text), text=text[d_end:])]
    art = Article(id=f"{page.id}-a1", page_id=page.id, seq=1, start=0, end=len(text), body_start=0,
                  body_end=len(text), parts=parts, dateline=dateline.split(",")[0])
    return run_stages(Analysis(article=art, page_text=text), FULL)


def test_dateline_city_is_not_the_place_of_a_strike_stated_elsewhere() -> None:
    text = ("LIMA, May 5 (Reuters) - About 1,800 workers at the Las Bambas copper mine in southern Peru walked "
            "off the job on Monday, the union said.\n\nThe company said output had not been affected.\n\n"
            "Union leader Jorge Quispe said that 300 contract workers had joined the stoppage.")
    a = _dateline_article(text, "LIMA, May 5 (Reuters) -")
    strikes = [e for e in a.events if e.type == "PROTEST"]
    assert strikes and all(e.place_name != "Lima" for e in strikes)
    assert all(e.country == "PE" for e in strikes)


def test_police_and_officials_report_events_they_do_not_claim_them() -> None:
    evs = full("Gunmen killed at least 12 people in an attack on a village in Zamfara state on Tuesday, police said.")
    ev = one(evs, "ASSAULT")
    assert ev.status == "reported"
    evs = full("Police made 40 arrests in Lyon after clashes on Saturday, the prefecture said.")
    assert one(evs, "COERCE", "arrest").status == "reported"


def test_event_dated_after_the_story_day_is_planned() -> None:
    evs = full("Teachers marched through Lisbon on Thursday, February 6, 2025. The unions have called a "
               "new day of strikes for Tuesday, February 11, 2025.")
    st = [e for e in evs if e.type == "PROTEST" and e.date == "2025-02-11"]
    assert st and st[0].status == "planned" and st[0].place_name is None


def test_members_stand_for_their_body() -> None:
    evs = full("The UK Parliament debated the bill on Monday. British MPs condemned the executions in Iran.")
    ev = one(evs, "ACCUSE")
    assert ev.actors and "parliament" in ev.actors[0]


def test_location_scoring_folds_spellings_and_aliases() -> None:
    from presslens.records import Event
    from presslens.scoring.events import location_ok

    def ev(name: str, gid: int | None) -> Event:
        return Event(id="e", article_id="a", type="PROTEST", start=0, end=1, text="x", place_name=name,
                     country="IR", geonameid=gid)

    assert location_ok({"name": "Shahin-Shahr", "country": "IR"}, ev("Shāhīn Shahr", None))
    from collections import Counter

    from presslens.layers.places import gazetteer

    tuy, _ = gazetteer().lookup("Tūyserkān", Counter(["IR"]))
    assert tuy is not None
    assert location_ok({"name": "Toysercan", "country": "IR"}, ev("Tūyserkān", tuy.geonameid))
    assert not location_ok({"name": "Tabriz", "country": "IR"}, ev("Tūyserkān", tuy.geonameid))


def test_agent_of_an_agentless_passive_is_the_paragraph_agent_of_that_act() -> None:
    evs = full("The Iranian regime began executing political prisoners in the summer of 1988. Thousands of "
               "prisoners who were executed were buried in secret graves.")
    passive = [e for e in evs if e.type == "ASSAULT" and "who were executed" in e.text]
    assert passive and passive[0].actors == ["iran-government"]
    # An active verb whose subject names no registry actor keeps no agent.
    evs = full("The Iranian regime arrested dozens of students on Monday. Unknown men attacked a bus in Zahedan.")
    bus = [e for e in evs if e.type == "ASSAULT" and "bus" in e.text]
    assert bus and bus[0].actors == []


def test_year_only_dates_and_year_spans() -> None:
    ev = one(full("Workers walked off the job at the Andina mine on Monday, June 2, 2025. The last strike at "
                  "Andina, in 2019, lasted nine days."), "PROTEST")
    strikes = [e for e in full("The last strike at the Andina mine, in 2019, lasted nine days.")
               if e.type == "PROTEST"]
    assert ev.date == "2025-06-02" and strikes and strikes[0].date == "2019"
    listed = [e for e in full("The group was listed as a terrorist organization by Canada from 1997 to 2014.")
              if e.type == "SANCTION"]
    assert listed and listed[0].date == "1997/2014"
    since = [e for e in full("On Tuesday, June 4, 2019, activists said the regime has killed thousands of "
                             "dissidents since 1981.") if e.type == "ASSAULT"]
    assert since and since[0].date == "1981/2019"


def test_date_does_not_carry_across_a_change_of_tense() -> None:
    evs = full("Police arrested 20 activists in Minsk on Monday, March 3, 2025, and seized their phones. "
               "The government has long detained critics without charge.")
    later = [e for e in evs if e.type == "COERCE" and "critics" in e.text]
    assert later and later[0].date is None


def test_title_event_restated_in_the_body_is_emitted_once() -> None:
    from presslens.records import Analysis

    title = "Miners strike at Chilean copper mine"
    body = "About 2,000 workers at the Andina copper mine in Chile went on strike on Monday, March 3, 2025."
    text = f"{title}\n\n{body}"
    page = Page(key="mem://title", text=text)
    parts = [Part(role="title", start=0, end=len(title), text=title),
             Part(role="body", start=len(title) + 2, end=len(text), text=body)]
    art = Article(id=f"{page.id}-a1", page_id=page.id, seq=1, start=0, end=len(text), body_start=len(title) + 2,
                  body_end=len(text), parts=parts, title=title)
    a = run_stages(Analysis(article=art, page_text=text), FULL)
    strikes = [e for e in a.events if e.type == "PROTEST"]
    assert len(strikes) == 1 and strikes[0].start > len(title)


def test_statements_at_a_rally_take_the_rallys_place() -> None:
    evs = events("Thousands of teachers rallied in Lima on Saturday against pay cuts.\n\n"
                 "Addressing the rally, union leader Rosa Quispe called on the government to reverse the cuts.")
    req = one(evs, "REQUEST")
    assert req.place_name == "Lima" and req.country == "PE"


def test_a_date_in_another_clause_does_not_leak() -> None:
    evs = events("The prisoners who were executed during the 1988 massacre were not associated with the "
                 "group's incursion into the border region.")
    inc = [e for e in evs if "incursion" in e.text and e.type == "ASSAULT" and "massacre" not in e.text]
    assert all(e.date != "1988" for e in inc)


def test_material_events_take_the_storys_event_date() -> None:
    evs = events("Gunmen stormed a market in Maiduguri, Nigeria on 3 March 2025 and abducted 14 traders, police said.\n\n"
                 "At least 9 people were killed in the attack, police said.")
    killed = [e for e in evs if e.type == "ASSAULT" and e.size.get("dead")]
    assert killed and killed[0].date == "2025-03-03"


def test_back_reference_to_a_reported_strike_is_not_a_new_event() -> None:
    evs = events("Dock workers in Santos, Brazil went on strike on Monday over pay.\n\n"
                 "Exporters said the strike was emblematic of the port's troubles.")
    strikes = [e for e in evs if e.type == "PROTEST"]
    assert len(strikes) == 1


def test_strike_as_attack_or_work_stoppage() -> None:
    ev = one(full("Artillery shells struck a busy bus station in Donetsk on Friday, killing three people."), "ASSAULT")
    assert ev.mode == "heavy-weapons"
    evs = full("A missile strike hit an apartment block in Odesa overnight.")
    assert [e.type for e in evs] == ["ASSAULT"] and evs[0].mode == "heavy-weapons"
    ev = one(full("The army said it does not strike residential areas."), "ASSAULT")
    assert ev.status == "denied"
    assert one(full("Drones struck an oil depot near Belgorod on Monday."), "ASSAULT").mode == "drone"
    assert not [e for e in full("The Russians struck at dawn when the market was busiest.") if e.type == "PROTEST"]
    # Labour senses stay PROTEST/strike; "struck a deal" is neither.
    for text in ("Dock workers struck for a third day.", "The unions called a general strike for May 2.",
                 "The strike by bus drivers entered its second week.", "Nurses will strike next week over pay."):
        one(full(text), "PROTEST", "strike")
    evs = full("The government struck a deal with the unions.")
    assert not [e for e in evs if e.type in ("PROTEST", "ASSAULT")]


def test_riot_police_rescue_searches_and_rights_are_not_events() -> None:
    evs = full("Riot police fired tear gas at students in Santiago.")
    assert [e.type for e in evs] == ["ASSAULT"]
    assert not full("Rescuers searched the rubble for survivors.")
    one(full("Police searched the home of the editor on Monday."), "COERCE", "seize")
    assert not [e for e in full("They defended the right to protest.") if e.type == "PROTEST"]


def test_party_to_a_conflict_claims_and_plans() -> None:
    ev = one(full("Moscow-installed officials said a Ukrainian drone struck a bus station in Horlivka, "
                  "killing two people."), "ASSAULT")
    assert ev.status == "claimed" and ev.mode == "drone"
    ev = one(full("According to Serbia's general staff, Kosovo forces launched 40 attacks along the border."),
             "ASSAULT")
    assert ev.status == "claimed"
    # Police reporting what happened stay reported.
    assert one(full("At least 12 people were killed, police said."), "ASSAULT").status == "reported"
    # ... and so do unnamed officials or witnesses, though the quote names no speaker.
    assert one(full("Police arrested 40 protesters in Santiago on Monday, officials said."), "COERCE").status == "reported"
    assert one(full("Gunmen kidnapped 20 pupils in Kaduna, witnesses said."), "ASSAULT").status == "reported"
    # Future meetings are AGREE (PLOVER manual 3.1, 3.2.1).
    assert one(full("The minister said she would meet her counterpart in Geneva next week."),
               "AGREE").status == "reported"
    assert one(full("The foreign ministers will meet in Ankara next week."), "AGREE").status == "reported"
    assert one(full("Senator Dunn said the bill would impose sanctions on officials."),
               "SANCTION").status == "hypothetical"
    assert one(full("The mayor said the city would offer mediation if both sides asked for it."),
               "AGREE").status == "hypothetical"


def test_demonym_weapons_stand_for_the_countrys_armed_forces_and_give_the_mode() -> None:
    a = analyse_text("Moldovan forces have held the ridge for a month. On Friday, Moldovan shells struck a fuel "
                     "depot near the river, officials said. A Moldovan drone hit a checkpoint on Saturday, killing "
                     "three guards.", stages=["nlp", "actors", "events"])
    evs = a.events
    hits = [e for e in evs if e.type == "ASSAULT" and "shells" in e.text]
    assert hits and hits[0].mode == "heavy-weapons"
    assert hits[0].actors == ["moldova-armed-forces"]
    kill = [e for e in evs if e.type == "ASSAULT" and "killing" in e.text]
    assert kill and kill[0].mode == "drone"


def test_protesters_throwing_stones_riot() -> None:
    evs = events("Thousands marched peacefully through the capital on Monday. Later a group of masked protesters "
                 "threw bottles at the parliament building.")
    assert any(e.type == "PROTEST" and e.mode == "riot" for e in evs)
    assert any(e.type == "PROTEST" and e.mode == "demo" for e in evs)


def test_meeting_venue_told_of_the_counterpart() -> None:
    evs = events("On Tuesday the foreign minister met with Egyptian diplomats in Cairo to discuss the border.")
    ev = one(evs, "CONSULT")
    assert ev.place_name == "Cairo" and ev.country == "EG"


def test_legislative_votes() -> None:
    # PLOVER has no vote event: a vote on a measure, for or against nothing, is no event; a vote for it
    # endorses it (SUPPORT), and a future SUPPORT is AGREE (PLOVER manual 3.1).
    evs = events("The city council will vote on the parking plan next month.")
    assert not [e for e in evs if e.type in ("SUPPORT", "AGREE")]
    evs = events("The city council voted for the parking plan on Monday.")
    one(evs, "SUPPORT")
    evs = events("The city council will vote for the parking plan next month.")
    one(evs, "AGREE")
    evs = events("The assembly voted against the budget on Monday.")
    assert one(evs, "REJECT").status == "reported"
    evs = events("The parliament voted to impose sanctions on the company.")
    assert one(evs, "SANCTION") and not [e for e in evs if e.type == "SUPPORT"]


def test_agent_of_an_effect_is_who_the_cause_belongs_to() -> None:
    evs = full("Police said Al-Shabaab's attacks on farming villages have resulted in dozens of civilians "
               "being killed.")
    killed = next(e for e in evs if e.type == "ASSAULT" and "killed" in e.text)
    assert killed.actors == ["al-shabaab"]  # a registry actor since the PETRARCH2 import (was provisional)


def test_part_in_an_act_and_demonstrative_groups() -> None:
    evs = full("The strike was called by the Dockers Union and the Transport Federation. The ministry "
               "criticised the role of these groups in blockading the port and seizing its cranes.")
    seize = one(evs, "COERCE", "seize")
    assert seize.actors == ["x-dockers-union", "x-transport-federation"]
    accuse = one(evs, "ACCUSE")
    assert not accuse.actors and set(accuse.recipients) == {"x-dockers-union", "x-transport-federation"}


def test_purpose_clause_of_a_passive_relative_is_its_subjects() -> None:
    evs = full("Juan Perez, who was involved in a failed 2019 plot to kidnap the mayor, was arrested.")
    kidnap = one(evs, "ASSAULT", "abduct")
    assert kidnap.actors == ["x-juan-perez"]
    arrest = one(evs, "COERCE", "arrest")
    assert arrest.recipients == ["x-juan-perez"] and not arrest.actors


def test_predicate_names_the_author_of_the_act() -> None:
    ev = one(full("The kidnapping was an act by Boko Haram to force the release of its fighters."), "ASSAULT")
    assert ev.actors == ["boko-haram"]


def test_deontic_demand_is_the_speakers_and_addresses_the_subject() -> None:
    evs = full('"I believe the government must now act to ban the militia," Senator Maria Lopez told '
               "reporters in Bogota.")
    req = one(evs, "REQUEST")
    assert req.actors == ["x-maria-lopez"]


def test_third_party_agent_inside_a_quote_is_not_the_speaker() -> None:
    evs = full('The Daily Planet reported: "Farmers called on the government to cut fuel taxes."')
    req = one(evs, "REQUEST")
    assert "x-daily-planet" not in req.actors and "daily-planet" not in req.actors


def test_reduced_relative_dates_its_noun_and_a_report_date_is_not_the_events() -> None:
    evs = full("More than 2,000 miners marched in Santiago on Saturday, March 6, 2021. It was the peak of a "
               "series of strikes held over the past few weeks in Antofagasta and Calama.")
    strikes = [e for e in evs if e.type == "PROTEST" and e.mode == "strike"]
    assert strikes and {e.date for e in strikes} == {"2021-02/2021-03"}
    ev = one(full("In March 2019, the newspaper reported that the blockade was an act of defiance by the "
                  "Farmers Union."), "PROTEST")
    assert ev.date is None and ev.actors == ["x-farmers-union"]


def test_headline_without_a_year_takes_its_neighbours() -> None:
    page = Page(key="mem://links", text="Main story\n\nBody text about the strike wave.\n\n"
                "Chile Strikes- Jan 3, Miners Protest Outside the Ministry\n\n"
                "Chile Strikes - Jan. 4, 2021 - City of Antofagasta\n")
    text = page.text
    b0, b1 = text.index("Body"), text.index("wave.") + 5
    l1 = text.index("Chile Strikes- Jan 3")
    l2 = text.index("Chile Strikes - Jan. 4")
    art = Article(id=f"{page.id}-a1", page_id=page.id, seq=1, start=0, end=len(text), body_start=b0, body_end=b1,
                  parts=[Part(role="body", start=b0, end=b1, text=text[b0:b1]),
                         Part(role="related_link", start=l1, end=l2 - 2, text=text[l1:l2 - 2]),
                         Part(role="related_link", start=l2, end=len(text) - 1, text=text[l2:len(text) - 1])])
    from presslens.records import Analysis

    a = run_stages(Analysis(article=art, page_text=text), FULL)
    first = [e for e in a.events if l1 <= e.start < l2]
    assert first and all(e.date == "2021-01-03" for e in first)


def test_purpose_clause_happens_where_its_verb_does() -> None:
    evs = full("Hours before the summit opened in Abuja, the army chief, General Tunde Bello, flew to Lagos "
               "in order to arrest the smugglers.")
    arrest = one(evs, "COERCE", "arrest")
    assert arrest.place_name == "Lagos"
    assert len(arrest.actors) == 1 and arrest.actors[0].endswith("tunde-bello")


def test_a_different_kind_of_act_does_not_inherit_the_place() -> None:
    evs = full("Gunmen bombed a market in Maiduguri on Monday, killing 12 people. Separately, the group has "
               "kidnapped dozens of students over the years.")
    kidnap = one(evs, "ASSAULT", "abduct")
    assert kidnap.place_name is None


def test_clausal_subject_takes_the_author_named_by_its_predicate() -> None:
    ev = one(full("Attacking the convoy was a show of force by Boko Haram."), "ASSAULT")
    assert ev.actors == ["boko-haram"]


def test_group_pronoun_skips_the_person_who_reports() -> None:
    evs = full("Senator Maria Lopez said the Dockers Union had not asked for money. They have called on the "
               "government to lift the ban, she added.")
    req = one(evs, "REQUEST")
    assert req.actors == ["x-dockers-union"]


def test_a_companys_workers_are_not_the_company() -> None:
    ev = one(full("Codelco mine workers protested over unpaid wages in Calama on Monday."), "PROTEST")
    assert "codelco" not in ev.actors and "x-codelco" not in ev.actors
    ev = one(full("More than 3,000 Boko Haram supporters marched in Kano on Monday."), "PROTEST")
    assert ev.actors == ["boko-haram"]


def test_week_precision_dates_score_by_iso_week() -> None:
    from presslens.records import Event
    from presslens.scoring.events import date_ok

    def ev(value: str, prec: str) -> Event:
        return Event(id="e", article_id="a", type="PROTEST", start=0, end=1, text="x", date=value,
                     date_precision=prec)

    gold = {"date": "2019-07-20", "date_precision": "week"}  # a Saturday: "last week" seven days back
    assert date_ok(gold, ev("2019-07-15", "week"))  # that week's Monday
    assert not date_ok(gold, ev("2019-07-22", "week"))
    assert not date_ok(gold, ev("2019-07-15", "day"))
    assert date_ok({"date": "2019-07", "date_precision": "month"}, ev("2019-07", "month"))


def test_where_clause_takes_its_occasions_time_place_and_organiser() -> None:
    evs = full("Last month the Dockers Union held a rally in Valparaiso on March 3, 2021, where 5,000 gathered "
               "to demand higher pensions.")
    where = next(e for e in evs if e.type == "PROTEST" and e.text.startswith("where"))
    assert (where.date, where.place_name, where.actors) == ("2021-03-03", "Valparaíso", ["x-dockers-union"])
    assert where.size == {"participants": [5000, 5000]}


def _with_caption(key: str, text: str, title_end: int, c0: int, c1: int, b0: int) -> Analysis:
    """Runs the layers over one article of title, caption [c0, c1) and body from b0."""
    page = Page(key=key, text=text)
    art = Article(id=f"{page.id}-a1", page_id=page.id, seq=1, start=0, end=len(text), body_start=b0,
                  body_end=len(text), parts=[Part(role="title", start=0, end=title_end, text=text[:title_end]),
                                             Part(role="caption", start=c0, end=c1, text=text[c0:c1]),
                                             Part(role="body", start=b0, end=len(text), text=text[b0:])])
    return run_stages(Analysis(article=art, page_text=text), FULL)


def test_caption_date_dates_its_scene() -> None:
    text = ("Miners rally in Antofagasta\n\nUnion leader Ana Rios, speaking at the miners' rally in Antofagasta- "
            "Strikers hold a banner, with the leaders' photo in the front row, calling for solidarity with the "
            "strike-March 3, 2021\n\nThe strike entered its second week.")
    c0, c1 = text.index("Union leader"), text.index("2021") + 4
    a = _with_caption("mem://caption", text, 27, c0, c1, text.index("The strike"))
    cap = [e for e in a.events if c0 <= e.start < c1 and e.type == "PROTEST"]
    assert cap and all(e.date == "2021-03-03" for e in cap)


@pytest.mark.parametrize("label", ["Archive photo: ", "FILE PHOTO - ", ""])
def test_archive_caption_reports_no_event(label: str) -> None:
    # Rule archive-caption: a picture labelled as from the archive shows an earlier scene.
    text = ("Teachers walk out in Lyon\n\n" + label + "Striking teachers march through the city centre\n\n"
            "Thousands of teachers protested in Lyon on Tuesday over pay.")
    c0 = text.index(label + "Striking") if label else text.index("Striking")
    c1, b0 = text.index("centre") + 6, text.index("Thousands of teachers")
    a = _with_caption("mem://archive-caption", text, 25, c0, c1, b0)
    in_caption = [e for e in a.events if c0 <= e.start < c1]
    assert bool(in_caption) == (label == "")  # an unlabelled caption still reports its scene
    assert any(b0 <= e.start and e.type == "PROTEST" for e in a.events)


def test_dated_archive_caption_reports_its_past_scene() -> None:
    text = ("Teachers walk out in Lyon\n\nArchive photo: Striking teachers march through Lyon in March 2019\n\n"
            "Thousands of teachers protested in Lyon on Tuesday over pay.")
    c0, c1 = text.index("Archive"), text.index("2019") + 4
    a = _with_caption("mem://dated-archive-caption", text, 25, c0, c1, text.index("Thousands of teachers"))
    dates = [e.date for e in a.events if c0 <= e.start < c1]
    assert dates and set(dates) == {"2019-03"}


def test_place_of_another_event_in_the_clause_is_not_this_ones() -> None:
    evs = full("Security forces began arresting union members after a peaceful march in Santiago on May 3, 2021, "
               "during which police fired tear gas on the crowd.")
    arrest = one(evs, "COERCE", "arrest")
    assert arrest.place_name is None
    fired = next(e for e in evs if e.type == "ASSAULT" and "fired" in e.text)
    assert (fired.place_name, fired.date) == ("Santiago", "2021-05-03")  # "during which": the march's scene


def test_paired_places_name_parties_not_the_location() -> None:
    ev = one(full("The government agreed to the ceasefire in the Iran-Iraq war in 1988."), "RETREAT")
    assert ev.place_name is None


def test_only_the_lead_sets_the_articles_frame() -> None:
    filler = " ".join(["The region has seen years of economic decline and political turmoil."] * 14)
    lead = "Gunmen attacked a bus in Maiduguri on Monday, killing five passengers.\n\n"
    later = "\n\nGunmen also attacked a school."
    evs = full(lead + filler + later)
    assert all(e.place_name == "Maiduguri" for e in evs if e.type == "ASSAULT")  # a wire story's frame
    evs = full(filler + "\n\nIn 2015, gunmen attacked a bus in Maiduguri.\n\n" + filler + later)
    school = next(e for e in evs if "school" in e.text)
    assert school.place_name is None  # a scene deep in a feature frames nothing


def test_named_event_and_same_day_event_take_the_agent_told_elsewhere() -> None:
    evs = full("The Dockers Union's Fair Pay rally in Valparaiso drew 4,000 people.\n\n"
               "Organisers said the Fair Pay rallies held in Santiago and Concepcion over the past month were "
               "larger.")
    later = [e for e in evs if e.type == "PROTEST" and e.place_name in ("Santiago", "Concepción")]
    assert later and all("x-dockers-union" in e.actors for e in later)
    evs = full("Thousands of workers, members of the Dockers Union, marched in Valparaiso on May 3, 2021.\n\n"
               "Police dispersed a peaceful demonstration in Valparaiso on May 3, 2021 with water cannon.")
    demo = next(e for e in evs if e.type == "PROTEST" and "demonstration" in e.text)
    assert demo.actors == ["x-dockers-union"]
    evs = full("Strikers, members of the Dockers Union, marched in Valparaiso on May 3, 2021.\n\n"
               "A peaceful demonstration in Lima on May 3, 2021 ended without incident.")
    lima = next(e for e in evs if e.type == "PROTEST" and "Lima" in e.text)
    assert lima.actors == []  # same day, another country: another event


def test_possessive_closing_a_coordination_marks_every_conjunct() -> None:
    ev = one(full("Are the Sudanese army and RSF’s attacks on villages in Darfur related?"), "ASSAULT")
    assert set(ev.actors) == {"sudan-armed-forces", "x-rsf"}


def test_event_noun_in_an_adverbial_takes_the_clause_subject() -> None:
    ev = one(full("The Dockers Union shut the port in protest at the layoffs."), "PROTEST")
    assert ev.actors == ["x-dockers-union"]


def test_a_bodys_motion_acts_for_the_body() -> None:
    evs = full("Senators in the US Congress tabled Resolution 212 on Monday.\n\n"
               "Resolution 212 condemns the violence in Gaza. The motion also calls for a ceasefire.")
    assert one(evs, "ACCUSE").actors == ["us-congress"]
    assert one(evs, "REQUEST").actors == ["us-congress"]
    evs = full("The motion condemns the violence in Gaza.")
    assert one(evs, "ACCUSE").actors == []  # no body named: no guess


def test_title_case_headline_verb_takes_its_subject() -> None:
    # Title case makes the tagger read "Run" as a proper noun; its subject still shows who acts.
    ev = one(full("Lagos, the Nigerian Army Run Away From Protesters"), "RETREAT")
    assert ev.actors == ["nigerian-army"]


def test_trigger_matcher_finds_what_a_spacy_matcher_finds() -> None:
    from spacy.matcher import Matcher

    from presslens.layers.events import TriggerMatcher, lexicon

    a = analyse_text("Officials expressed their deep concern over the strike. Miners went on strike in Antofagasta "
                     "and called on Codelco to resume talks.\nProtests- Jan 4, 2018\nThe union said it would "
                     "express concern. Gunmen kidnapped 20 pupils.", stages=["nlp"])
    entries = lexicon()["triggers"]
    ref = Matcher(a.doc.vocab)
    for i, e in enumerate(entries):
        pattern: list[dict[str, object]] = []
        for j, w in enumerate(str(e["w"]).split()):
            if w == "*":
                pattern.extend({"OP": "?", "IS_SENT_START": False} for _ in range(3))
            else:
                pattern.append({"_": {"pl_key": w}, **({"POS": {"IN": list(e["pos"])}} if j == 0 and e.get("pos")
                                                       else {})})
        ref.add(str(i), [pattern])
    want = sorted((int(a.doc.vocab.strings[m]), s, e) for m, s, e in ref(a.doc))
    got = sorted(TriggerMatcher(entries)(a.doc))
    assert got == want
    words = {entries[i]["w"] for i, _, _ in got}
    assert {"express * concern", "go on strike", "call on", "protest", "kidnap"} <= words


def test_called_on_x_to_act_makes_x_the_recipient_of_the_request() -> None:
    evs = full("Rights groups called on Nigerian police to release the detained protesters.")
    req = one(evs, "REQUEST")
    assert req.recipients == ["nigeria-police"] and req.mode == "yield"
    assert not [e for e in evs if e.type == "RETREAT"]  # the demanded act is the request's mode


def test_a_lockdown_restricts_movement_with_or_without_a_named_agent() -> None:
    # Manual 3.15 restrict ("restrictions on ... movement, including cordoning off areas"); sentences
    # written for this test.
    passive = one(events("The border town was locked down on Thursday after the bombing."), "COERCE", "restrict")
    assert passive.text and not passive.actors
    one(events("Soldiers imposed a lockdown on the northern district."), "COERCE", "restrict")
    assert not [e for e in events("Residents complained about the lockdown rules.") if e.type == "COERCE"]


def test_what_was_banned_did_not_take_place_even_without_a_ban_event() -> None:
    # Invented. The banned gatherings are no PROTEST whether or not the ban itself is kept as an event
    # (a public-health measure in an epidemic is none, by the gold conventions); a protest that people
    # held in defiance of a ban is one.
    assert not [e for e in events("Health officials banned public gatherings to slow the epidemic.")
                if e.type == "PROTEST"]
    assert [e for e in events("Thousands defied the ban and marched through the capital.") if e.type == "PROTEST"]


def test_objections_insults_and_recriminations_are_accusations() -> None:
    """PLOVER 3.9 ACCUSE "express disapprovals, objections ... defame, denigrate" (plover.yaml `object`,
    `insult` as CAMEO writes it, a noun, `recrimination`); invented sentences."""
    assert one(events("The farmers' union objected to the new tax on diesel."), "ACCUSE", "disapprove")
    assert one(events("The crowd began shouting insults at the mayor."), "ACCUSE", "disapprove")
    assert one(events("The vote was followed by bitter recriminations between the two factions."), "ACCUSE")
    assert one(events("The union lodged an objection with the ministry."), "ACCUSE")  # support verb + noun
    assert not [e for e in events("A blogger was jailed for insulting the king.") if e.type == "ACCUSE"]
