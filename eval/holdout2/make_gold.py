"""Writes the hand-written gold files of the second held-out set (eval/holdout2/gold/*.json).

Written before any system output on these pages was looked at. The gold is data; this script
only keeps it in one readable place and checks it. Run:
    .venv/bin/python eval/holdout2/make_gold.py
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from goldkit import A, E, L, N, Q, write_golds  # noqa: E402

HERE = Path(__file__).parent
PAGES = HERE / "pages"
GOLD = HERE / "gold"


GOLDS = {}

# --------------------------------------------------------------------------- (a) BBC war report
GOLDS["k1_bbc_ukraine_kostiantynivka_shelling.txt"] = {
    "articles": [{
        "id": "a1", "title": "Ukraine war: Seven killed as Russian shelling hits market in Kostiantynivka",
        "tags": [], "byline": "Olena Kravets in Kyiv and Mark Ellison",
        "captions": ["Rescuers search the burnt-out stalls of the central market in Kostiantynivka"],
        "body_first": "At least seven people were killed and 23 injured when Russian shells struck",
        "body_last": "but no direct talks are planned."}],
    "boilerplate": ["BBC News", "Published 14 March 2025", "Share", "Save",
                    "Image source, Donetsk Regional Military Administration", "More on this story"],
    "related_links": ["Why Pokrovsk matters to both armies",
                      "Ukraine's drone makers race to keep up with Russia",
                      "Life in a front-line town where the market is the last thing open"],
    "actors": [
        A("serhiy-havrylenko", "Serhiy Havrylenko", "PERSON", ["Serhiy Havrylenko"]),
        A("donetsk-regional-military-administration", "Donetsk Regional Military Administration", "GOV",
          ["Donetsk regional military administration"]),
        A("russia-defence-ministry", "Ministry of Defence of Russia", "GOV", ["defence ministry"]),
        A("nikolai-sorokin", "Nikolai Sorokin", "PERSON", ["Nikolai Sorokin"]),
        A("russia-government", "Government of Russia", "GOV", ["Russia", "Kremlin", "Moscow"]),
        A("russia-armed-forces", "Armed Forces of Russia", "GOV", ["Russian forces", "Russian troops"]),
        A("ukraine-government", "Government of Ukraine", "GOV", ["Ukraine", "Kyiv"]),
        A("ukraine-foreign-ministry", "Ministry of Foreign Affairs of Ukraine", "GOV", ["foreign ministry"]),
        A("ukraine-general-staff", "General Staff of the Armed Forces of Ukraine", "GOV", ["general staff"]),
        A("ukraine-armed-forces", "Armed Forces of Ukraine", "GOV", ["Ukrainian troops"]),
        A("russian-occupation-authorities-donetsk", "Russian-installed authorities in occupied Donetsk region",
          "GOV", ["Moscow-installed officials"]),
        A("un", "United Nations (Human Rights Monitoring Mission in Ukraine)", "GOV", ["UN"]),
        A("bbc", "BBC", "ORG", ["BBC"]),
        A("turkey-government", "Government of Turkey", "GOV", ["Turkish officials"]),
    ],
    "quotes": [
        Q("a1", None, "indirect", "At least seven people were killed and 23 injured", "say"),
        Q("a1", "serhiy-havrylenko", "direct", "The Russians struck at the time when the market is busiest", "wrote"),
        Q("a1", "serhiy-havrylenko", "indirect", "two children were among the injured and that rescuers", "said"),
        Q("a1", "russia-defence-ministry", "indirect", 'its forces had hit a "temporary deployment point"', "said"),
        Q("a1", "nikolai-sorokin", "indirect", 'the Russian military "does not strike civilian targets"', "told"),
        Q("a1", "ukraine-foreign-ministry", "direct", "a deliberate act of terror against civilians", "called"),
        Q("a1", "ukraine-foreign-ministry", "indirect", "Western partners to speed up deliveries of air defence systems", "urged"),
        Q("a1", "ukraine-general-staff", "indirect", "Russian forces launched 142 attacks along the front line", "According to"),
        Q("a1", "ukraine-general-staff", "indirect", "its troops had repelled most of them", "said"),
        Q("a1", "ukraine-general-staff", "indirect", "Russia had lost 1,230 soldiers in 24 hours", "claimed"),
        Q("a1", "russia-defence-ministry", "indirect", "Ukraine had lost up to 385 servicemen on the Donetsk front", "said"),
        Q("a1", "russian-occupation-authorities-donetsk", "indirect", "a Ukrainian drone had hit a bus station in Horlivka", "said"),
        Q("a1", None, "indirect", "fewer than 10,000 residents remain, most of them elderly", "estimate"),
        Q("a1", "un", "indirect", "more than 12,000 civilians had been killed since Russia", "said"),
    ],
    "numbers": [
        N("a1", "Seven", 7, 7, False, "people killed", "market strike deaths (headline)"),
        N("a1", "At least seven", 7, None, False, "people killed", "market strike deaths"),
        N("a1", "23", 23, 23, False, "people injured", "market strike injured"),
        N("a1", "two children", 2, 2, False, "children injured", "children among the injured"),
        N("a1", "142", 142, 142, False, "attacks", "Russian attacks over the past day (Ukraine's general staff)"),
        N("a1", "1,230", 1230, 1230, False, "soldiers", "Russian losses in 24 hours (Ukraine's general staff)"),
        N("a1", "up to 385", None, 385, False, "servicemen", "Ukrainian losses (Russia's defence ministry)"),
        N("a1", "killing two people", 2, 2, False, "people killed", "Horlivka bus station deaths"),
        N("a1", "about 67,000", 67000, 67000, True, "people", "Kostiantynivka pre-war population"),
        N("a1", "fewer than 10,000", None, 9999, False, "residents", "residents remaining"),
        N("a1", "more than 12,000", 12001, None, False, "civilians killed", "civilian deaths since February 2022 (UN)"),
    ],
    "events": [
        E("a1", "ASSAULT", "heavy-weapons", "Russian shells struck a crowded market in the eastern Ukrainian town of Kostiantynivka on Thursday morning",
          "2025-03-13", "day", L("Kostiantynivka", "UA"), ["russia-armed-forces"], [],
          {"dead": [7, None], "injured": [23, 23]}, "reported"),
        E("a1", "ACCUSE", None, 'Ukraine\'s foreign ministry called the attack "a deliberate act of terror against civilians"',
          None, None, None, ["ukraine-foreign-ministry"], ["russia-government"], {}, "reported"),
        E("a1", "REQUEST", None, "urged Western partners to speed up deliveries of air defence systems", None, None, None,
          ["ukraine-foreign-ministry"], [], {}, "reported"),
        E("a1", "ASSAULT", None, "Russian forces launched 142 attacks along the front line over the past day",
          "2025-03-13", "day", None, ["russia-armed-forces"], [], {}, "claimed"),
        E("a1", "ASSAULT", "drone", "a Ukrainian drone had hit a bus station in Horlivka on Wednesday, killing two people",
          "2025-03-12", "day", L("Horlivka", "UA"), ["ukraine-armed-forces"], [], {"dead": [2, 2]}, "claimed"),
        E("a1", "CONSULT", "meet", "envoys from both countries met separately with Turkish officials in Istanbul",
          "2025-03-10", "week", L("Istanbul", "TR"), ["russia-government", "ukraine-government"], ["turkey-government"],
          {}, "reported"),
    ],
    "findings": [],
}

# --------------------------------------------------------------------------- (b) Senate press release
GOLDS["k2_senate_press_release_nicaragua_sanctions.txt"] = {
    "articles": [{
        "id": "a1",
        "title": "Whitfield, Okonkwo Introduce Bipartisan Bill to Sanction Nicaraguan Officials Over Crackdown on Independent Media",
        "tags": [], "byline": None, "captions": [],
        "body_first": "WASHINGTON, D.C. – U.S. Senator Thomas Whitfield (R-Tenn.), chairman of the Senate",
        "body_last": "by Representative Luis Ortega Haynes (D-Fla.)."}],
    "boilerplate": ["United States Senate Committee on Foreign Relations", "Press Releases", "March 6, 2025",
                    "The full text of the bill can be found here.", "###",
                    "Contact: Rachel Dunmore (Whitfield), 202-224-3344 | press@whitfield.senate.gov",
                    "Contact: Marcus Bell (Okonkwo), 202-224-4654", "Print", "Email", "Share"],
    "related_links": [],
    "actors": [
        A("thomas-whitfield", "Thomas Whitfield", "PERSON", ["Thomas Whitfield", "Senator Whitfield", "Whitfield"]),
        A("angela-okonkwo", "Angela Okonkwo", "PERSON", ["Angela Okonkwo", "Senator Okonkwo", "Okonkwo"]),
        A("nicaragua-government", "Government of Nicaragua", "GOV",
          ["Managua", "Government of Nicaragua", "Nicaraguan government"]),
        A("nicaragua-foreign-ministry", "Ministry of Foreign Affairs of Nicaragua", "GOV", ["Foreign Ministry"]),
        A("cpj", "Committee to Protect Journalists", "ORG", ["Committee to Protect Journalists"]),
        A("carlos-benavides", "Carlos Benavides", "PERSON", ["Carlos Benavides"]),
        A("mark-delaney", "Mark Delaney", "PERSON", ["Mark Delaney"]),
        A("priya-raman", "Priya Raman", "PERSON", ["Priya Raman"]),
        A("luis-ortega-haynes", "Luis Ortega Haynes", "PERSON", ["Luis Ortega Haynes"]),
        A("sfrc-western-hemisphere-subcommittee", "Senate Foreign Relations Subcommittee on the Western Hemisphere",
          "GOV", ["Senate Foreign Relations Subcommittee on the Western Hemisphere"]),
        A("iadb", "Inter-American Development Bank", "GOV", ["Inter-American Development Bank"]),
        A("us-house", "United States House of Representatives", "GOV", ["House of Representatives"]),
        A("la-voz-del-pueblo", "La Voz del Pueblo", "ORG", ["La Voz del Pueblo"]),
    ],
    "quotes": [
        Q("a1", "thomas-whitfield", "direct", "For three years the government in Managua has shut down newspapers", "said"),
        Q("a1", "thomas-whitfield", "direct", "This bill tells the officials who carry out those orders", "said"),
        Q("a1", "angela-okonkwo", "direct", "Journalists should not have to choose between silence and a prison cell", "said"),
        Q("a1", "angela-okonkwo", "direct", "We are sending a clear message to Managua", "said"),
        Q("a1", "angela-okonkwo", "indirect", "the bill had the support of press freedom organizations", "added"),
        Q("a1", "thomas-whitfield", "indirect", "the Nicaraguan government to release the 11 journalists", "called on"),
        Q("a1", "cpj", "indirect", "more than 200 Nicaraguan journalists have fled the country since 2018", "According to"),
        Q("a1", "carlos-benavides", "indirect", "his newsroom had been raided twice before it was shut down", "said"),
        Q("a1", "nicaragua-foreign-ministry", "direct", "interference in the internal affairs of a sovereign state", "rejected"),
    ],
    "numbers": [
        N("a1", "$15 million", 15000000, 15000000, False, "US dollars", "proposed support for exiled media"),
        N("a1", "11", 11, 11, False, "journalists", "journalists held at La Modelo"),
        N("a1", "more than 200", 201, None, False, "journalists", "journalists who fled Nicaragua (CPJ)"),
    ],
    "events": [
        E("a1", "SANCTION", None, "legislation that would impose sanctions on Nicaraguan officials", "2025-03-06", "day", None,
          ["thomas-whitfield", "angela-okonkwo"], ["nicaragua-government"], {}, "hypothetical"),
        E("a1", "REQUEST", None, "called on the Nicaraguan government to release the 11 journalists", "2025-03-06", "day", None,
          ["thomas-whitfield", "angela-okonkwo"], ["nicaragua-government"], {}, "reported"),
        E("a1", "COERCE", "censor", "has shut down newspapers", None, None, None,
          ["nicaragua-government"], [], {}, "claimed"),
        E("a1", "COERCE", "seize", "seized their printing presses", None, None, None,
          ["nicaragua-government"], [], {}, "claimed"),
        E("a1", "COERCE", "arrest", "the 11 journalists currently held at the La Modelo prison", None, None,
          L("La Modelo", "NI"), ["nicaragua-government"], [], {"arrested": [11, 11]}, "reported"),
        E("a1", "REJECT", None, "Nicaragua's Foreign Ministry rejected an earlier version of the measure last year", "2024", "year",
          None, ["nicaragua-foreign-ministry"], [], {}, "reported"),
    ],
    "findings": [],
}

# --------------------------------------------------------------------------- (c) Bogotá student march
GOLDS["k3_bogota_student_march.txt"] = {
    "articles": [{
        "id": "a1", "title": "Students march in Bogotá against university budget cuts as turnout is disputed",
        "tags": [], "byline": "Camila Restrepo", "captions": [],
        "body_first": "Tens of thousands of university students marched through central Bogotá on Wednesday",
        "body_last": "called a national strike at public universities for April 23."}],
    "boilerplate": ["The Andean Tribune", "Colombia | Education", "April 10, 2025", "Related articles"],
    "related_links": ["Congress opens debate on 2026 budget as deficit widens",
                      "Public universities warn they cannot pay staff beyond September",
                      "Explainer: how Colombia funds higher education"],
    "actors": [
        A("cne", "National Student Coordinator", "ORG", ["National Student Coordinator", "CNE"]),
        A("valentina-ospina", "Valentina Ospina", "PERSON", ["Valentina Ospina"]),
        A("bogota-metropolitan-police", "Bogotá Metropolitan Police", "GOV", ["Bogotá Metropolitan Police", "Riot police"]),
        A("colombia-finance-ministry", "Ministry of Finance of Colombia", "GOV", ["Ministry of Finance"]),
        A("andres-galeano", "Andrés Galeano", "PERSON", ["Andrés Galeano"]),
        A("lucia-herran", "Lucía Herrán", "PERSON", ["Lucía Herrán"]),
        A("bogota-city-government", "Bogotá city government", "GOV", ["city government"]),
        A("colombia-congress", "Congress of Colombia", "GOV", ["Congress"]),
        A("colombia-government", "Government of Colombia", "GOV", ["the government"]),
    ],
    "quotes": [
        Q("a1", "cne", "indirect", "students from 32 public universities had travelled to the capital", "said"),
        Q("a1", "valentina-ospina", "direct", "They can count us however they like", "said"),
        Q("a1", "bogota-metropolitan-police", "indirect", "27 people had been arrested for vandalism and assaulting officers", "said"),
        Q("a1", "bogota-metropolitan-police", "direct", "The right to protest is guaranteed, but the police will not tolerate", "said"),
        Q("a1", "cne", "indirect", "at least 14 students had been injured by police", "said"),
        Q("a1", "bogota-city-government", "indirect", "its human rights officials had accompanied the march", "said"),
        Q("a1", "andres-galeano", "indirect", 'the cuts were "painful but unavoidable" given the fiscal deficit', "told"),
        Q("a1", "andres-galeano", "indirect", "the government was open to dialogue with students", "said"),
        Q("a1", "lucia-herran", "indirect", "she would meet student representatives next week", "wrote"),
    ],
    "numbers": [
        N("a1", "Tens of thousands", 20000, 99999, False, "students", "Bogotá march (reporter)"),
        N("a1", "50,000", 50000, 50000, False, "people", "Bogotá march (organisers)"),
        N("a1", "8,000", 8000, 8000, False, "people", "Bogotá march (police)"),
        N("a1", "32", 32, 32, False, "public universities", "universities sending students (CNE)"),
        N("a1", "27", 27, 27, False, "people arrested", "arrests (police)"),
        N("a1", "nine", 9, 9, False, "police officers injured", "officers injured (police)"),
        N("a1", "two of them", 2, 2, False, "officers seriously injured", "officers seriously injured (police)"),
        N("a1", "at least 14", 14, None, False, "students injured", "students injured (CNE)"),
        N("a1", "about 1.2 trillion", 1200000000000, 1200000000000, True, "pesos", "proposed cut to university transfers"),
    ],
    "events": [
        E("a1", "PROTEST", "demo", "Tens of thousands of university students marched through central Bogotá on Wednesday",
          "2025-04-09", "day", L("Bogotá", "CO"), ["cne"], ["colombia-government"],
          {"participants": [20000, 99999]}, "reported"),
        E("a1", "PROTEST", "riot", "a group of hooded protesters threw stones and paint at the front of the Ministry of Finance",
          "2025-04-09", "day", L("Bogotá", "CO"), [], ["colombia-finance-ministry"], {}, "reported"),
        E("a1", "ASSAULT", "crowd-control", "Riot police responded with tear gas and stun grenades",
          "2025-04-09", "day", L("Bogotá", "CO"), ["bogota-metropolitan-police"], [], {}, "reported"),
        E("a1", "COERCE", "arrest", "27 people had been arrested for vandalism and assaulting officers",
          "2025-04-09", "day", L("Bogotá", "CO"), ["bogota-metropolitan-police"], [], {"arrested": [27, 27]}, "reported"),
        E("a1", "ASSAULT", "crowd-control", "at least 14 students had been injured by police",
          "2025-04-09", "day", L("Bogotá", "CO"), ["bogota-metropolitan-police"], [], {"injured": [14, None]}, "claimed"),
        E("a1", "ACCUSE", None, 'accused the riot police of "disproportionate force"', None, None, None,
          ["cne"], ["bogota-metropolitan-police"], {}, "reported"),
        E("a1", "REQUEST", None, "demanded the release of all those detained", None, None, None,
          ["cne"], [], {}, "reported"),
        E("a1", "CONSULT", "meet", "she would meet student representatives next week", "2025-04-14", "week", None,
          ["lucia-herran"], [], {}, "planned"),
        E("a1", "PROTEST", "strike", "Student groups have called a national strike at public universities for April 23",
          "2025-04-23", "day", None, [], ["colombia-government"], {}, "planned"),
    ],
    "findings": [
        {"kind": "conflicting_numbers", "disjoint": True,
         "detail": "Bogotá march turnout: organisers 50,000 vs police 8,000.",
         "refs": ["50,000", "8,000"]},
    ],
}

# --------------------------------------------------------------------------- (d) partisan opinion column
GOLDS["k4_opinion_fair_streets_toll.txt"] = {
    "articles": [{
        "id": "a1", "title": "The 'Fair Streets' toll is neither fair nor about streets",
        "tags": [], "byline": "Brian Kessler", "captions": [],
        "body_first": "Last Tuesday, the Milwaukee Common Council voted 9-6 to approve",
        "body_last": "send the council back to the drawing board."}],
    "boilerplate": ["The Heartland Standard", "OPINION", "May 5, 2025", "Share on Facebook", "Share on X", "Email",
                    "Brian Kessler is a contributing columnist at The Heartland Standard and a former small-business owner in Milwaukee.",
                    "Share this article:", "Facebook", "X", "Copy link", "Comments (214)", "More from Opinion"],
    "related_links": ["Why Wisconsin's school choice fight is not over",
                      "The property tax shock coming to Milwaukee County"],
    "actors": [
        A("brian-kessler", "Brian Kessler", "PERSON", ["Brian Kessler"]),
        A("milwaukee-common-council", "Milwaukee Common Council", "GOV", ["Milwaukee Common Council"]),
        A("dana-whitlock", "Dana Whitlock", "PERSON", ["Dana Whitlock", "Whitlock"]),
        A("gregory-fenn", "Gregory Fenn", "PERSON", ["Gregory Fenn", "Mayor Fenn"]),
        A("milwaukee-taxpayers-alliance", "Milwaukee Taxpayers Alliance", "ORG", ["Milwaukee Taxpayers Alliance"]),
        A("milwaukee-city-government", "City of Milwaukee", "GOV", ["City Hall"]),
    ],
    "quotes": [
        Q("a1", "dana-whitlock", "direct", "Today we took back our streets. Fewer cars", "celebrated"),
        Q("a1", "milwaukee-city-government", "indirect", "the charge will raise about $48 million a year", "estimate"),
        Q("a1", None, "indirect", 'every cent will go to "transit improvements."', "told"),
        Q("a1", "milwaukee-taxpayers-alliance", "indirect", "less than half of that money ever reached a bus route", "found"),
        Q("a1", "dana-whitlock", "indirect", 'the plan has "broad community support."', "says"),
        Q("a1", "gregory-fenn", "indirect", 'he was "still weighing" it and wanted to see', "told"),
    ],
    "numbers": [
        N("a1", "$9", 9, 9, False, "US dollars", "daily charge per car"),
        N("a1", "about $48 million", 48000000, 48000000, True, "US dollars", "annual revenue (city consultants)"),
        N("a1", "four", 4, 4, False, "bus routes", "routes cut since 2020"),
        N("a1", "More than 3,000", 3001, None, False, "residents", "petition signatories"),
    ],
    "events": [
        E("a1", "REQUEST", None, "Mayor Fenn should veto this plan and send the council back to the drawing board", None, None,
          None, ["brian-kessler"], ["gregory-fenn"], {}, "reported"),
    ],
    "findings": [],
}

LAYERS_COMPLETE = {"articles": True, "boilerplate": True, "related_links": True, "actors": False,
                   "quotes": True, "numbers": True, "events": False, "findings": False}


if __name__ == "__main__":
    write_golds(HERE, GOLDS, LAYERS_COMPLETE)
