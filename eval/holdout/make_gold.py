"""Writes the hand-written gold files of the held-out set (eval/holdout/gold/*.json).

The gold is data; this script only keeps it in one readable place. Run:
    .venv/bin/python eval/holdout/make_gold.py
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from goldkit import A, E, L, N, Q, write_golds  # noqa: E402

HERE = Path(__file__).parent
PAGES = HERE / "pages"
GOLD = HERE / "gold"


GOLDS = {}

# --------------------------------------------------------------------------- (a) Reuters wire
GOLDS["h1_reuters_chile_copper_strike.txt"] = {
    "articles": [{
        "id": "a1", "title": "Chilean copper miners strike at Cerro Alto after wage talks collapse",
        "tags": [], "byline": "Natalia Ramos", "captions": [],
        "body_first": "SANTIAGO, March 3 (Reuters) - Some 2,500 workers at the Cerro Alto copper mine",
        "body_last": "ended with a deal that included a bonus of 15 million pesos per worker."}],
    "boilerplate": ["Reuters",
                    "Reporting by Natalia Ramos; Additional reporting by Lucia Perez in Calama; Editing by Mark Potter",
                    "Our Standards: The Thomson Reuters Trust Principles."],
    "related_links": [],
    "actors": [
        A("cerro-alto-workers-union", "Cerro Alto Workers' Union", "ORG", ["Cerro Alto Workers' Union"]),
        A("patricio-fuentes", "Patricio Fuentes", "PERSON", ["Patricio Fuentes", "Fuentes"]),
        A("andes-pacific-copper", "Andes Pacific Copper", "ORG", ["Andes Pacific Copper"]),
        A("reuters", "Reuters", "ORG", ["Reuters"]),
        A("chile-labor-ministry", "Ministry of Labor of Chile", "GOV", ["Labor Ministry"]),
        A("london-metal-exchange", "London Metal Exchange", "ORG", ["London Metal Exchange"]),
    ],
    "quotes": [
        Q("a1", "cerro-alto-workers-union", "indirect", "Some 2,500 workers at the Cerro Alto copper mine", "said"),
        Q("a1", "patricio-fuentes", "direct", "The company has made record profits and offered us crumbs", "told"),
        Q("a1", "andes-pacific-copper", "indirect", "contingency teams had kept the processing plants running", "said"),
        Q("a1", "andes-pacific-copper", "direct", "We regret the union's decision and remain open to dialogue", "said"),
        Q("a1", "andes-pacific-copper", "indirect", "its offer included a one-off bonus of 18 million pesos", "adding"),
        Q("a1", "patricio-fuentes", "indirect", "workers had set up a picket at the mine's main gate", "said"),
        Q("a1", "andes-pacific-copper", "indirect", "fewer than 200 contractors had stopped work", "said"),
        Q("a1", "chile-labor-ministry", "indirect", "it would offer mediation if both sides requested it", "said"),
    ],
    "numbers": [
        N("a1", "Some 2,500", 2500, 2500, True, "workers", "strikers at Cerro Alto"),
        N("a1", "18 million", 18000000, 18000000, False, "Chilean pesos", "company's bonus offer per worker"),
        N("a1", "$19,000", 19000, 19000, False, "US dollars", "company's bonus offer per worker"),
        N("a1", "25 million", 25000000, 25000000, False, "Chilean pesos", "union's bonus demand"),
        N("a1", "about 310,000", 310000, 310000, True, "tonnes of copper", "Cerro Alto output last year"),
        N("a1", "nearly 600", None, 600, False, "contract workers", "contractors joining the strike (union figure)"),
        N("a1", "fewer than 200", None, 199, False, "contractors", "contractors joining the strike (company figure)"),
        N("a1", "15 million", 15000000, 15000000, False, "Chilean pesos", "2021 bonus per worker"),
    ],
    "events": [
        E("a1", "PROTEST", "strike", "Some 2,500 workers at the Cerro Alto copper mine in northern Chile walked off the job on Monday",
          "2025-03-03", "day", L("Chile", "CL"), ["cerro-alto-workers-union"], ["andes-pacific-copper"],
          {"participants": [2500, 2500]}, "reported"),
        E("a1", "REJECT", None, "after rejecting the company's final wage offer", "2025-03-03", "day", L("Chile", "CL"),
          ["cerro-alto-workers-union"], ["andes-pacific-copper"], {}, "reported"),
        E("a1", "PROTEST", "strike", "nearly 600 contract workers had joined the stoppage in solidarity", None, None,
          L("Chile", "CL"), [], ["andes-pacific-copper"], {"participants": [None, 600]}, "claimed"),
        E("a1", "REQUEST", None, "The union had asked for a bonus of 25 million pesos", None, None, None,
          ["cerro-alto-workers-union"], ["andes-pacific-copper"], {}, "reported"),
        E("a1", "CONSULT", "mediate", "it would offer mediation if both sides requested it", None, None, None,
          ["chile-labor-ministry"], ["cerro-alto-workers-union", "andes-pacific-copper"], {}, "hypothetical"),
        E("a1", "PROTEST", "strike", "The last strike at Cerro Alto, in 2021, lasted 12 days", "2021", "year", None,
          [], ["andes-pacific-copper"], {}, "reported"),
    ],
    "findings": [
        {"kind": "conflicting_numbers", "disjoint": True,
         "detail": "Contract workers who joined the stoppage: union says nearly 600, company says fewer than 200.",
         "refs": ["nearly 600", "fewer than 200"]},
    ],
}

# --------------------------------------------------------------------------- (b) AP Nigeria
GOLDS["h2_ap_nigeria_school_kidnapping.txt"] = {
    "articles": [{
        "id": "a1", "title": "Gunmen abduct dozens of students from boarding school in northern Nigeria",
        "tags": [], "byline": "IBRAHIM SANI", "captions": [],
        "body_first": "KADUNA, Nigeria (AP) — Gunmen stormed a boarding school in northern Nigeria's Kaduna state",
        "body_last": "Of the 276 schoolgirls abducted from Chibok in 2014, dozens remain missing."}],
    "boilerplate": ["Associated Press", "Updated 2:40 PM GMT+1, November 13, 2024",
                    "Associated Press writer Grace Eze in Abuja contributed to this report.",
                    "Copyright 2024 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed without permission."],
    "related_links": [],
    "actors": [
        A("kaduna-police", "Kaduna State Police Command", "GOV", ["police"]),
        A("mansir-hassan", "Mansir Hassan", "PERSON", ["Mansir Hassan", "Hassan"]),
        A("musa-abdullahi", "Musa Abdullahi", "PERSON", ["Musa Abdullahi"]),
        A("bello-yusuf", "Bello Yusuf (Governor of Kaduna state)", "PERSON", ["Bello Yusuf"]),
        A("associated-press", "The Associated Press", "ORG", ["Associated Press", "AP"]),
        A("amnesty-international", "Amnesty International", "ORG", ["Amnesty International"]),
        A("gss-kurmin-gida-principal", "Principal of Government Secondary School, Kurmin Gida", "PERSON",
          ["The school's principal"]),
    ],
    "quotes": [
        Q("a1", "kaduna-police", "indirect", "Gunmen stormed a boarding school in northern Nigeria's Kaduna state", "said"),
        Q("a1", "mansir-hassan", "indirect", "At least 12 people were killed in the attack", "said"),
        Q("a1", "mansir-hassan", "indirect", "officers had exchanged fire with the attackers", "said"),
        Q("a1", "mansir-hassan", "direct", "Our tactical teams are combing the forest together", "said"),
        Q("a1", "musa-abdullahi", "indirect", "more than 80 students had been taken from their dormitories", "told"),
        Q("a1", "gss-kurmin-gida-principal", "indirect", "287 students were enrolled but that he could not yet say", "said"),
        Q("a1", "bello-yusuf", "direct", "We will not negotiate with criminals, and we will not rest", "told"),
        Q("a1", None, "indirect", "Last week, gunmen kidnapped at least 25 worshippers", "according to"),
        Q("a1", "amnesty-international", "indirect", "more than 1,500 students had been abducted in Nigeria", "said"),
    ],
    "numbers": [
        N("a1", "dozens", 24, 99, False, "students", "students abducted (headline)"),
        N("a1", "dozens", 24, 99, False, "students", "students abducted (police)"),
        N("a1", "At least 12", 12, None, False, "people killed", "deaths in the school attack"),
        N("a1", "about 30", 30, 30, True, "motorcycles", "attackers' motorcycles"),
        N("a1", "more than 80", 81, None, False, "students", "students abducted (parent)"),
        N("a1", "287", 287, 287, False, "students", "students enrolled at the school"),
        N("a1", "at least 25", 25, None, False, "worshippers", "worshippers kidnapped in Niger state"),
        N("a1", "more than 1,500", 1501, None, False, "students", "students abducted in Nigeria since 2014"),
        N("a1", "276", 276, 276, False, "schoolgirls", "Chibok schoolgirls abducted in 2014"),
        N("a1", "dozens", 24, 99, False, "schoolgirls", "Chibok schoolgirls still missing"),
    ],
    "events": [
        E("a1", "ASSAULT", "abduct", "Gunmen stormed a boarding school in northern Nigeria's Kaduna state before dawn on Tuesday and abducted dozens of students",
          "2024-11-12", "day", L("Kaduna", "NG"), [], [], {}, "reported"),
        E("a1", "ASSAULT", None, "At least 12 people were killed in the attack", "2024-11-12", "day",
          L("Kurmin Gida", "NG"), [], [], {"dead": [12, None]}, "reported"),
        E("a1", "CONSULT", "visit", "after visiting the school on Wednesday", "2024-11-13", "day", None,
          ["bello-yusuf"], [], {}, "reported"),
        E("a1", "ASSAULT", "abduct", "gunmen kidnapped at least 25 worshippers from a church in neighboring Niger state",
          "2024-11-04", "week", L("Niger", "NG"), [], [], {}, "reported"),
        E("a1", "ASSAULT", "abduct", "Of the 276 schoolgirls abducted from Chibok in 2014", "2014", "year",
          L("Chibok", "NG"), [], [], {}, "reported"),
    ],
    "findings": [
        {"kind": "conflicting_numbers", "disjoint": False,
         "detail": "Students abducted: police 'dozens' (24-99), a parent 'more than 80'; overlapping but different figures.",
         "refs": ["abducted dozens of students", "more than 80"]},
    ],
}

# --------------------------------------------------------------------------- (c) Paris pensions
GOLDS["h3_paris_pension_protest.txt"] = {
    "articles": [{
        "id": "a1", "title": "Pension reform: turnout battle as marchers fill the streets of Paris",
        "tags": [], "byline": "Claire Dubois", "captions": [],
        "body_first": "PARIS, 6 February 2025 - Tens of thousands of people marched through Paris on Thursday",
        "body_last": "The unions have called a fifth day of strikes and demonstrations for next Tuesday."}],
    "boilerplate": ["La Gazette de Paris — English edition", "This article was translated from French.",
                    "(Translated from the French by the editors.)", "© La Gazette de Paris. All rights reserved."],
    "related_links": [],
    "actors": [
        A("paris-police-prefecture", "Paris Police Prefecture", "GOV", ["Paris police prefecture"]),
        A("cgt", "Confédération générale du travail", "ORG", ["CGT"]),
        A("martine-lefort", "Martine Lefort", "PERSON", ["Martine Lefort"]),
        A("france-interior-ministry", "French Interior Ministry", "GOV", ["Interior Ministry"]),
        A("french-unions", "French trade unions (intersyndicale)", "ORG", ["the unions"]),
        A("cfdt", "Confédération française démocratique du travail", "ORG", ["CFDT"]),
        A("yves-marchand", "Yves Marchand", "PERSON", ["Yves Marchand"]),
        A("olivier-garnier", "Olivier Garnier", "PERSON", ["Olivier Garnier"]),
        A("france-2", "France 2", "ORG", ["France 2"]),
        A("french-senate", "French Senate", "GOV", ["Senate"]),
    ],
    "quotes": [
        Q("a1", "paris-police-prefecture", "indirect", "80,000 people took part in the march between", "According to"),
        Q("a1", "martine-lefort", "direct", "There were over 300,000 of us in Paris today", "told"),
        Q("a1", "french-unions", "indirect", "more than 2 million people had taken to the streets", "said"),
        Q("a1", "yves-marchand", "indirect", "the government to withdraw the bill before the Senate vote", "called on"),
        Q("a1", "olivier-garnier", "direct", "This reform is necessary to save our pay-as-you-go system", "said"),
        Q("a1", "paris-police-prefecture", "indirect", "Police made 34 arrests in Paris after clashes", "said"),
    ],
    "numbers": [
        N("a1", "Tens of thousands", 20000, 99999, False, "people", "Paris march (reporter)"),
        N("a1", "80,000", 80000, 80000, False, "people", "Paris march (police prefecture)"),
        N("a1", "over 300,000", 300001, None, False, "marchers", "Paris march (CGT)"),
        N("a1", "757,000", 757000, 757000, False, "demonstrators", "nationwide turnout (Interior Ministry)"),
        N("a1", "more than 2 million", 2000001, None, False, "people", "nationwide turnout (unions)"),
        N("a1", "some 200", 200, 200, True, "towns and cities", "places with marches"),
        N("a1", "34", 34, 34, False, "arrests", "arrests in Paris"),
        N("a1", "Two", 2, 2, False, "police officers", "officers injured"),
    ],
    "events": [
        E("a1", "PROTEST", "demo", "Tens of thousands of people marched through Paris on Thursday against the government's pension reform",
          "2025-02-06", "day", L("Paris", "FR"), ["french-unions"], ["france-government"],
          {"participants": [20000, 99999]}, "reported"),
        E("a1", "PROTEST", "demo", "more than 2 million people had taken to the streets in some 200 towns and cities",
          "2025-02-06", "day", L("France", "FR"), ["french-unions"], ["france-government"],
          {"participants": [2000001, None]}, "claimed"),
        E("a1", "REQUEST", None, "called on the government to withdraw the bill", None, None, None,
          ["yves-marchand"], ["france-government"], {}, "reported"),
        E("a1", "COERCE", "arrest", "Police made 34 arrests in Paris after clashes near Place de la Nation",
          "2025-02-06", "day", L("Paris", "FR"), ["paris-police-prefecture"], [], {"arrested": [34, 34]}, "reported"),
        E("a1", "PROTEST", "strike", "The unions have called a fifth day of strikes and demonstrations for next Tuesday",
          "2025-02-11", "day", None, ["french-unions"], ["france-government"], {}, "planned"),
    ],
    "findings": [
        {"kind": "conflicting_numbers", "disjoint": True,
         "detail": "Paris turnout: police prefecture 80,000 vs CGT 'over 300,000'.",
         "refs": ["80,000", "over 300,000"]},
        {"kind": "conflicting_numbers", "disjoint": True,
         "detail": "Nationwide turnout: Interior Ministry 757,000 vs unions 'more than 2 million'.",
         "refs": ["757,000", "more than 2 million"]},
    ],
}

# --------------------------------------------------------------------------- (d) interview
GOLDS["h4_interview_nile_dam.txt"] = {
    "articles": [{
        "id": "a1", "title": "Q&A: Why the Nile dam talks keep stalling",
        "tags": [], "byline": "Daniel Okafor", "captions": [],
        "body_first": "Hana Tesfaye is a senior fellow at the Horn Policy Institute",
        "body_last": "focus on a drought protocol that all three countries can live with."}],
    "boilerplate": ["Global Affairs Review", "This interview is part of our series on water and security.",
                    "Share this:", "More from Global Affairs Review"],
    "related_links": ["Sudan's farmers brace for another dry season",
                      "How the Grand Ethiopian Renaissance Dam changed regional power politics",
                      "Water diplomacy in Central Asia: lessons for the Nile"],
    "actors": [
        A("hana-tesfaye", "Hana Tesfaye", "PERSON", ["Hana Tesfaye"]),
        A("horn-policy-institute", "Horn Policy Institute", "ORG", ["Horn Policy Institute"]),
        A("global-affairs-review", "Global Affairs Review", "ORG", ["Global Affairs Review"]),
        A("daniel-okafor", "Daniel Okafor", "PERSON", ["Daniel Okafor"]),
        A("egypt-foreign-ministry", "Ministry of Foreign Affairs of Egypt", "GOV", ["foreign ministry"]),
        A("egypt-government", "Government of Egypt", "GOV", ["Egypt", "Cairo"]),
        A("ethiopia-government", "Government of Ethiopia", "GOV", ["Ethiopia", "Addis Ababa"]),
        A("us-government", "Government of the United States", "GOV", ["United States"]),
        A("african-union", "African Union", "GOV", ["African Union"]),
    ],
    "quotes": [
        Q("a1", "hana-tesfaye", "direct", "The three delegations met for two days and left", ":"),
        Q("a1", "ethiopia-government", "indirect", "it will not sign anything that limits its future use", "says"),
        Q("a1", "egypt-foreign-ministry", "indirect", "Ethiopia had acted unilaterally by starting another filling", "said"),
        Q("a1", "hana-tesfaye", "direct", "Both sides describe the same facts in different words.", ":"),
        Q("a1", "hana-tesfaye", "direct", "I don't think so. Nobody in Cairo or Addis Ababa", ":"),
        Q("a1", "hana-tesfaye", "direct", "The United States and the African Union have both tried", ":"),
    ],
    "numbers": [
        N("a1", "three", 3, 3, False, "delegations", "delegations at the Cairo talks"),
        N("a1", "about 60 billion", 60000000000, 60000000000, True, "cubic metres", "water held in the reservoir"),
        N("a1", "more than 100 million", 100000001, None, False, "people", "Egyptians depending on the Nile"),
        N("a1", "three", 3, 3, False, "countries", "parties to the dispute"),
    ],
    "events": [
        E("a1", "CONSULT", "meet", "The three delegations met for two days", None, None, L("Cairo", "EG"),
          ["egypt-government", "ethiopia-government"], [], {}, "reported"),
        E("a1", "ACCUSE", None, "Egypt's foreign ministry said last week that Ethiopia had acted unilaterally", None, None, None,
          ["egypt-foreign-ministry"], ["ethiopia-government"], {}, "reported"),
        E("a1", "REJECT", None, "Ethiopia says it will not sign anything that limits its future use of the river", None, None, None,
          ["ethiopia-government"], ["egypt-government"], {}, "reported"),
    ],
    "findings": [],
}

# --------------------------------------------------------------------------- (e) blog index
GOLDS["h5_blog_index_fair_seas.txt"] = {
    "articles": [
        {"id": "a1", "title": "Small-scale fishers in Senegal call for limits on foreign trawlers",
         "tags": ["Fisheries", "Senegal", "Small-scale fishers"], "byline": "Aminata Diallo", "captions": [],
         "body_first": "Around 600 fishers and their families gathered on the beach at Kayar",
         "body_last": "who heads the local fishers' association."},
        {"id": "a2", "title": "What is at stake as the EU-Mauritania fisheries deal comes up for renewal",
         "tags": ["Ocean policy", "European Union", "Mauritania"], "byline": "Tom Becker", "captions": [],
         "body_first": "The European Union pays Mauritania about 60 million euros a year",
         "body_last": "behind the catch limits before the talks begin."},
        {"id": "a3", "title": "Volunteers haul 3 tonnes of plastic from Kenyan beaches",
         "tags": ["Plastic pollution", "Beach clean-ups", "Kenya"], "byline": "Grace Wanjiru", "captions": [],
         "body_first": "More than 400 volunteers joined our clean-up along the coast near Mombasa",
         "body_last": "to more products this year."},
    ],
    "boilerplate": ["Latest from the blog", "Read more", "Share this", "Related posts",
                    "© 2024 Fair Seas Coalition. All rights reserved."],
    "related_links": ["How fishers in Ghana are tracking illegal catches",
                      "Five things to know about the WTO deal on fisheries subsidies",
                      "Our 2023 annual report is now online"],
    "actors": [
        A("moussa-ndiaye", "Moussa Ndiaye", "PERSON", ["Moussa Ndiaye"]),
        A("eu", "European Union", "GOV", ["European Union", "EU"]),
        A("european-commission", "European Commission", "GOV", ["European Commission"]),
        A("kenya-environment-ministry", "Ministry of Environment of Kenya", "GOV", ["environment ministry"]),
        A("fair-seas-coalition", "Fair Seas Coalition", "ORG", ["Fair Seas Coalition"]),
    ],
    "quotes": [
        Q("a1", "moussa-ndiaye", "direct", "Our nets come back empty while the big ships", "said"),
        Q("a2", "fair-seas-coalition", "indirect", "it to publish the scientific assessments behind the catch limits", "asking"),
        Q("a3", "kenya-environment-ministry", "indirect", "it would expand its ban on single-use plastics", "said"),
    ],
    "numbers": [
        N("a1", "Around 600", 600, 600, True, "fishers", "Kayar protest"),
        N("a2", "about 60 million", 60000000, 60000000, True, "euros", "EU annual payment to Mauritania"),
        N("a3", "3", 3, 3, False, "tonnes of plastic", "plastic collected (headline)"),
        N("a3", "More than 400", 401, None, False, "volunteers", "clean-up volunteers"),
    ],
    "events": [
        E("a1", "PROTEST", "demo", "Around 600 fishers and their families gathered on the beach at Kayar on Saturday",
          "2024-05-11", "day", L("Kayar", "SN"), [], [], {"participants": [600, 600]}, "reported"),
        E("a2", "REQUEST", None, "written to the European Commission asking it to publish the scientific assessments",
          None, None, None, ["fair-seas-coalition"], ["european-commission"], {}, "reported"),
    ],
    "findings": [],
}

LAYERS_COMPLETE = {"articles": True, "boilerplate": True, "related_links": True, "actors": False,
                   "quotes": True, "numbers": True, "events": False, "findings": False}


if __name__ == "__main__":
    write_golds(HERE, GOLDS, LAYERS_COMPLETE, event_actors_listed=False)
