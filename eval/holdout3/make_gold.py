"""Writes the hand-written gold files of the third held-out set (eval/holdout3/gold/*.json).

Written before any system output on these pages was looked at. The gold is data; this script
only keeps it in one readable place and checks it (eval/goldkit.py). Run:
    .venv/bin/python eval/holdout3/make_gold.py
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from goldkit import A, E, L, N, Q, write_golds  # noqa: E402

HERE = Path(__file__).parent

GOLDS = {}

# --------------------------------------------------------------------------- (a) Al Jazeera, Sudan
GOLDS["m1_aljazeera_sudan_ceasefire_collapse.txt"] = {
    "articles": [{
        "id": "a1", "title": "Sudan ceasefire collapses as army and RSF trade blame over El Fasher attack",
        "tags": [], "byline": None,
        "captions": ["Smoke rises over El Fasher in North Darfur after overnight shelling, March 15, 2025 [File: Reuters]"],
        "body_first": "The army says the paramilitary group broke the truce with a drone strike on a hospital",
        "body_last": "said Amna Yousif, a teacher who fled with her four children."}],
    "boilerplate": ["Al Jazeera", "News|Sudan war", "Published On 15 Mar 2025", "Save",
                    "Click here to share on social media", "SOURCE: AL JAZEERA AND NEWS AGENCIES",
                    "Follow Al Jazeera English:", "Facebook", "X", "Instagram", "YouTube"],
    "related_links": [],
    "actors": [
        A("rsf", "Rapid Support Forces", "ORG", ["Rapid Support Forces", "RSF"]),
        A("sudan-armed-forces", "Sudanese Armed Forces", "GOV", ["Sudanese Armed Forces", "SAF", "Sudan's army"]),
        A("sudan-doctors-network", "Sudan Doctors Network", "ORG", ["Sudan Doctors Network"]),
        A("nabil-abdallah", "Nabil Abdallah", "PERSON", ["Nabil Abdallah"]),
        A("ramtane-lamamra", "Ramtane Lamamra", "PERSON", ["Ramtane Lamamra", "Lamamra"]),
        A("un", "United Nations", "GOV", ["UN", "United Nations"]),
        A("wfp", "World Food Programme", "GOV", ["World Food Programme", "WFP"]),
        A("al-jazeera", "Al Jazeera", "ORG", ["Al Jazeera"]),
        A("saudi-arabia-government", "Government of Saudi Arabia", "GOV", ["Saudi Arabia"]),
        A("us-government", "Government of the United States", "GOV", ["United States"]),
        A("amna-yousif", "Amna Yousif", "PERSON", ["Amna Yousif"]),
    ],
    "quotes": [
        Q("a1", "sudan-armed-forces", "indirect", "RSF fighters had launched a drone attack on the Saudi Teaching Hospital", "said"),
        Q("a1", "sudan-doctors-network", "indirect", "more than 60 people had been wounded", "said"),
        Q("a1", "sudan-doctors-network", "direct", "The hospital was hit twice within an hour", "said"),
        Q("a1", "nabil-abdallah", "direct", "a deliberate massacre of innocent civilians and patients", "accused"),
        Q("a1", "nabil-abdallah", "indirect", 'the army had "the full right to respond by every means."', "said"),
        Q("a1", "rsf", "indirect", "its fighters had only returned fire after army warplanes bombed", "said"),
        Q("a1", "rsf", "indirect", "12 of its fighters had been killed in the air raids", "claimed"),
        Q("a1", "ramtane-lamamra", "indirect", 'he was "deeply alarmed" by the resumption of fighting', "said"),
        Q("a1", "ramtane-lamamra", "direct", "Every day this war continues, more Sudanese children die", "told"),
        Q("a1", "ramtane-lamamra", "indirect", "the UN would send a team to meet both delegations", "said"),
        Q("a1", "un", "indirect", "more than 12 million people have been displaced since the war began", "According to"),
        Q("a1", "wfp", "indirect", "about 1.7 million people in North Darfur faced famine conditions", "said"),
        Q("a1", None, "indirect", "thousands of families had fled El Fasher towards Tawila", "said"),
        Q("a1", "amna-yousif", "direct", "We left with nothing. There is no water", "said"),
    ],
    "numbers": [
        N("a1", "at least 18", 18, None, False, "people killed", "hospital strike deaths (army)"),
        N("a1", "31", 31, 31, False, "people killed", "hospital strike deaths (doctors' union)"),
        N("a1", "more than 60", 61, None, False, "people wounded", "hospital strike wounded (doctors' union)"),
        N("a1", "12", 12, 12, False, "fighters killed", "RSF fighters killed in air raids (RSF)"),
        N("a1", "more than 12 million", 12000001, None, False, "people displaced", "displaced since April 2023 (UN)"),
        N("a1", "about 1.7 million", 1700000, 1700000, True, "people", "people facing famine in North Darfur (WFP)"),
        N("a1", "thousands", 2000, 9999, False, "families", "families fled El Fasher"),
        N("a1", "four children", 4, 4, False, "children", "Amna Yousif's children"),
    ],
    "events": [
        E("a1", "ASSAULT", "drone", "RSF fighters had launched a drone attack on the Saudi Teaching Hospital in El Fasher",
          None, None, L("El Fasher", "SD"), ["rsf"], [], {"dead": [18, None]}, "claimed"),
        E("a1", "ASSAULT", "aerial", "army warplanes bombed its positions in the city's eastern districts on Friday night",
          "2025-03-14", "day", L("El Fasher", "SD"), ["sudan-armed-forces"], ["rsf"], {"dead": [12, 12]}, "claimed"),
        E("a1", "ACCUSE", None, "Army spokesman Nabil Abdallah accused the RSF", None, None, None,
          ["nabil-abdallah"], ["rsf"], {}, "reported"),
        E("a1", "REJECT", None, "The RSF denied attacking the hospital", None, None, None,
          ["rsf"], ["sudan-armed-forces"], {}, "reported"),
        E("a1", "REQUEST", None, "The parties must return to the ceasefire immediately", None, None, None,
          ["ramtane-lamamra"], ["sudan-armed-forces", "rsf"], {}, "reported"),
        E("a1", "CONSULT", "meet", "the UN would send a team to meet both delegations in Jeddah next week",
          "2025-03-17", "week", L("Jeddah", "SA"), ["un"], ["sudan-armed-forces", "rsf"], {}, "planned"),
        E("a1", "AGREE", None, "The truce, brokered by Saudi Arabia and the United States, was announced on March 8",
          "2025-03-08", "day", None, ["sudan-armed-forces", "rsf"], [], {}, "reported"),
    ],
    "findings": [
        {"kind": "conflicting_numbers", "disjoint": False,
         "detail": "El Fasher hospital strike deaths: army at least 18 vs doctors' union 31.",
         "refs": ["at least 18", "31"]},
    ],
}

# --------------------------------------------------------------------------- (b) Indian outlet, farmers
GOLDS["m2_india_farmers_tractor_rally.txt"] = {
    "articles": [{
        "id": "a1", "title": "Farmers' tractor rally: Over 200 detained at Shambhu border as police stop march to Delhi",
        "tags": ["farmers protest", "MSP", "Shambhu border", "Haryana Police"], "byline": "Gurpreet Sandhu",
        "captions": [],
        "body_first": "Over 200 farmers were detained by the Haryana Police on Friday",
        "body_last": "have failed to break the deadlock."}],
    "boilerplate": ["The Deccan Ledger", "Home > India > Punjab", "Chandigarh, Updated: Feb 21, 2025 07:45 PM IST",
                    "(With inputs from PTI)", "First Published: Feb 21, 2025 05:10 PM IST"],
    "related_links": ["Also Read: MSP committee report delayed again, farmers' unions say talks were 'eyewash'",
                      "Also Read: Punjab CM writes to Centre, seeks withdrawal of cases against farmers"],
    "actors": [
        A("haryana-police", "Haryana Police", "GOV", ["Haryana Police"]),
        A("skm", "Samyukt Kisan Morcha", "ORG", ["Samyukt Kisan Morcha", "SKM"]),
        A("jagjit-singh-dallewal", "Jagjit Singh Dallewal", "PERSON", ["Jagjit Singh Dallewal", "Dallewal"]),
        A("shivraj-singh-chouhan", "Shivraj Singh Chouhan", "PERSON", ["Shivraj Singh Chouhan", "Chouhan"]),
        A("india-government", "Government of India", "GOV", ["Centre"]),
        A("anil-vij", "Anil Vij", "PERSON", ["Anil Vij"]),
        A("bhagwant-mann", "Bhagwant Mann", "PERSON", ["Bhagwant Mann"]),
        A("haryana-government", "Government of Haryana", "GOV", ["state government"]),
        A("pti", "Press Trust of India", "ORG", ["PTI"]),
    ],
    "quotes": [
        Q("a1", None, "indirect", "Police used water cannons and tear gas to disperse the crowd", "said"),
        Q("a1", "haryana-police", "indirect", "214 people had been detained and eight policemen injured", "said"),
        Q("a1", "skm", "indirect", "at least 35 farmers had been hurt, some by rubber bullets", "claimed"),
        Q("a1", "jagjit-singh-dallewal", "direct", "The government is treating farmers like enemies at their own border", "said"),
        Q("a1", "jagjit-singh-dallewal", "direct", "We will not go back until the Centre", "said"),
        Q("a1", "jagjit-singh-dallewal", "indirect", "the unions would hold a second tractor rally on February 26", "said"),
        Q("a1", "jagjit-singh-dallewal", "indirect", 'a nationwide "rail roko" protest for March 3', "announced"),
        Q("a1", "shivraj-singh-chouhan", "indirect", 'the government was "ready for talks at any time"', "said"),
        Q("a1", "shivraj-singh-chouhan", "direct", "The doors of dialogue are open. Blocking highways", "told"),
        Q("a1", "anil-vij", "indirect", "the police had acted with restraint and accused", "said"),
        Q("a1", "anil-vij", "indirect", "the detained protesters would be released by evening", "said"),
        Q("a1", None, "indirect", "Tractors and trolleys stretched for nearly 5 km", "according to"),
        Q("a1", "haryana-government", "indirect", "Mobile internet was suspended in seven districts of Haryana", "said"),
        Q("a1", "bhagwant-mann", "indirect", "farmers had a democratic right to protest", "said"),
        Q("a1", "bhagwant-mann", "indirect", 'the Centre to resume negotiations "without any delay"', "urged"),
        Q("a1", None, "indirect", "around 10,000 farmers had gathered at Shambhu and Khanauri", "said"),
    ],
    "numbers": [
        N("a1", "Over 200", 201, None, False, "people detained", "detained (headline)"),
        N("a1", "Over 200 farmers", 201, None, False, "farmers detained", "farmers detained at Shambhu"),
        N("a1", "thousands", 2000, 9999, False, "protesters", "protesters on tractors"),
        N("a1", "214", 214, 214, False, "people detained", "detained (Haryana Police)"),
        N("a1", "eight", 8, 8, False, "policemen injured", "policemen injured (Haryana Police)"),
        N("a1", "at least 35", 35, None, False, "farmers hurt", "farmers hurt (SKM)"),
        N("a1", "seven", 7, 7, False, "districts", "districts with mobile internet suspended"),
        N("a1", "around 10,000", 10000, 10000, True, "farmers", "farmers gathered (farmers' leaders)"),
        N("a1", "4,500", 4500, 4500, False, "farmers", "farmers gathered (police)"),
        N("a1", "At least 3", 3, None, False, "rounds of talks", "failed rounds of talks"),
    ],
    "events": [
        E("a1", "COERCE", "arrest", "Over 200 farmers were detained by the Haryana Police on Friday", "2025-02-21", "day",
          L("Shambhu", "IN"), ["haryana-police"], [], {"arrested": [201, None]}, "reported"),
        E("a1", "PROTEST", "demo", "thousands of protesters on tractors tried to cross the Shambhu border", "2025-02-21", "day",
          L("Shambhu", "IN"), ["skm"], ["india-government"], {"participants": [2000, 9999]}, "reported"),
        E("a1", "ASSAULT", "crowd-control", "Police used water cannons and tear gas to disperse the crowd", "2025-02-21", "day",
          L("Shambhu", "IN"), ["haryana-police"], [], {}, "reported"),
        E("a1", "PROTEST", "demo", "the unions would hold a second tractor rally on February 26", "2025-02-26", "day",
          None, ["skm"], ["india-government"], {}, "planned"),
        E("a1", "PROTEST", "obstruct", 'announced a nationwide "rail roko" protest for March 3', "2025-03-03", "day",
          None, ["skm"], ["india-government"], {}, "planned"),
        E("a1", "REQUEST", None, "appealed to farmers to end the agitation", None, None, None,
          ["shivraj-singh-chouhan"], ["skm"], {}, "reported"),
        E("a1", "COERCE", "censor", "Mobile internet was suspended in seven districts of Haryana", None, None,
          L("Haryana", "IN"), ["haryana-government"], [], {}, "reported"),
        E("a1", "ACCUSE", None, 'accused "some elements" of trying to provoke violence', None, None, None,
          ["anil-vij"], [], {}, "reported"),
        E("a1", "ACCUSE", None, "Bhagwant Mann criticised the use of force", None, None, None,
          ["bhagwant-mann"], ["haryana-police"], {}, "reported"),
        E("a1", "REQUEST", None, "He urged the Centre to resume negotiations", None, None, None,
          ["bhagwant-mann"], ["india-government"], {}, "reported"),
    ],
    "findings": [
        {"kind": "conflicting_numbers", "disjoint": True,
         "detail": "Farmers gathered at Shambhu and Khanauri: leaders around 10,000 vs police 4,500.",
         "refs": ["around 10,000", "4,500"]},
    ],
}

# --------------------------------------------------------------------------- (c) rights NGO news index
GOLDS["m3_rights_ngo_news_index.txt"] = {
    "articles": [
        {"id": "a1", "title": "Belarus: Dozens detained over online comments as crackdown widens",
         "tags": ["Belarus", "Freedom of Expression", "Arbitrary Detention"], "byline": None, "captions": [],
         "body_first": "Belarusian authorities have detained at least 48 people in the past two weeks",
         "body_last": "expand targeted sanctions on officials responsible for the detentions."},
        {"id": "a2", "title": "Hong Kong: Court upholds convictions of pro-democracy activists",
         "tags": ["Hong Kong", "Fair Trial", "National Security"], "byline": None, "captions": [],
         "body_first": "Hong Kong's Court of Appeal on Wednesday upheld the subversion convictions",
         "body_last": "\"foreign interference\" in the city's judicial affairs."},
    ],
    "boilerplate": ["Civic Freedom Watch",
                    "Donate now: Help us document rights abuses. Every gift is matched until 31 March.",
                    "News", "12 March 2025", "Read more", "Share", "5 March 2025", "Older posts",
                    "Support our work. Civic Freedom Watch accepts no government funding.", "Donate",
                    "Subscribe to our newsletter", "Privacy policy | Contact us", "© 2025 Civic Freedom Watch"],
    "related_links": [],
    "actors": [
        A("civic-freedom-watch", "Civic Freedom Watch", "ORG", ["Civic Freedom Watch"]),
        A("gubopik", "Main Directorate for Combating Organised Crime and Corruption (Belarus)", "GOV",
          ["Main Directorate for Combating Organised Crime and Corruption", "GUBOPiK"]),
        A("belarus-government", "Government of Belarus", "GOV", ["Belarusian authorities"]),
        A("olga-marchenko", "Olga Marchenko", "PERSON", ["Olga Marchenko"]),
        A("viasna", "Viasna Human Rights Centre", "ORG", ["Viasna"]),
        A("belarus-interior-ministry", "Ministry of Internal Affairs of Belarus", "GOV", ["Belarusian Interior Ministry"]),
        A("alexander-lukashenko", "Alexander Lukashenko", "PERSON", ["Alexander Lukashenko"]),
        A("eu", "European Union", "GOV", ["European Union"]),
        A("hong-kong-court-of-appeal", "Hong Kong Court of Appeal", "GOV", ["Court of Appeal"]),
        A("daniel-cheung", "Daniel Cheung", "PERSON", ["Daniel Cheung"]),
        A("hong-kong-government", "Government of Hong Kong", "GOV", ["Hong Kong government"]),
    ],
    "quotes": [
        Q("a1", "civic-freedom-watch", "indirect", "Belarusian authorities have detained at least 48 people", "said"),
        Q("a1", "civic-freedom-watch", "indirect", "the crackdown on dissent has reached", "warning"),
        Q("a1", "olga-marchenko", "direct", "People are being dragged from their homes at dawn", "said"),
        Q("a1", "viasna", "indirect", "there are now more than 1,200 political prisoners in Belarus", "According to"),
        Q("a1", "viasna", "indirect", "at least seven of those detained this month had been beaten", "said"),
        Q("a1", "alexander-lukashenko", "direct", "there are no political prisoners in Belarus", "said"),
        Q("a1", "civic-freedom-watch", "indirect", "the European Union to expand targeted sanctions", "urges"),
        Q("a2", "civic-freedom-watch", "direct", "a further blow to what remains of judicial independence", "called"),
        Q("a2", "daniel-cheung", "direct", "Today's decision confirms that peaceful political participation", "said"),
        Q("a2", "daniel-cheung", "indirect", "the authorities to release all those jailed for peaceful activism", "called on"),
        Q("a2", "hong-kong-government", "indirect", 'the court had ruled "strictly in accordance with the law"', "said"),
    ],
    "numbers": [
        N("a1", "Dozens", 24, 99, False, "people detained", "detentions over online comments (headline)"),
        N("a1", "at least 48", 48, None, False, "people detained", "detentions over online comments"),
        N("a1", "more than 1,200", 1201, None, False, "political prisoners", "political prisoners in Belarus (Viasna)"),
        N("a1", "at least seven", 7, None, False, "detainees beaten", "detainees beaten (Viasna)"),
        N("a2", "12", 12, 12, False, "activists", "activists whose convictions were upheld"),
        N("a2", "47", 47, 47, False, "people charged", "people charged in 2021 over the unofficial primary"),
    ],
    "events": [
        E("a1", "COERCE", "arrest", "Belarusian authorities have detained at least 48 people in the past two weeks",
          "2025-02-26/2025-03-12", "interval", L("Belarus", "BY"), ["belarus-government"], [], {"arrested": [48, None]},
          "reported"),
        E("a1", "ASSAULT", "beat", "had been beaten during interrogation", "2025-03", "month", L("Belarus", "BY"),
          ["gubopik"], [], {"injured": [7, None]}, "claimed"),
        E("a1", "REQUEST", None, "urges the European Union to expand targeted sanctions", "2025-03-12", "day", None,
          ["civic-freedom-watch"], ["eu"], {}, "reported"),
        E("a2", "SANCTION", "convict", "upheld the subversion convictions of 12 pro-democracy activists", "2025-03-05", "day",
          L("Hong Kong", "HK"), ["hong-kong-court-of-appeal"], [], {}, "reported"),
        E("a2", "REQUEST", None, "He called on the authorities to release all those jailed", "2025-03-05", "day", None,
          ["daniel-cheung"], ["hong-kong-government"], {}, "reported"),
        E("a2", "REJECT", None, 'rejected what it called "foreign interference"', "2025-03-05", "day", None,
          ["hong-kong-government"], [], {}, "reported"),
    ],
    "findings": [],
}

LAYERS_COMPLETE = {"articles": True, "boilerplate": True, "related_links": True, "actors": False,
                   "quotes": True, "numbers": True, "events": False, "findings": False}


if __name__ == "__main__":
    write_golds(HERE, GOLDS, LAYERS_COMPLETE)
