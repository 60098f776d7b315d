"""Batch 8 of the places gold (session 24): held-out-style regional US news no places work had used.

Texts: ten National Guard news items (nationalguard.mil, army.mil, dvidshub.net,
vaguard.dodlive.mil; US federal government works, public domain) on floods, tornadoes, winter
storms and wildfires, 2007-2021, found with the project's search tool (corpus ``pages``) by the
rule fixed and committed before any query (``b8/SELECTION.md``, with its log and amendments). A
document's text is the tool's excerpt, verbatim (``b8/texts/<slug>.txt``, addresses in
``b8/manifest.json``); doc id ``web:<slug>``.

Annotated from the text's meaning with ``annotations.py``'s guidelines, before presslens was run
on these texts; ids looked up by build.py from country / admin1 / kind. Conventions here: a state
named inside a unit's name ("Missouri National Guard", "Arkansas Army National Guard", "Cal
Guard") is ``in_name``; a town named inside a task force or base name ("Task Force Mandan",
"Little Rock Air Force Base") too; datelines ("ARLINGTON, Va.") read "City, ST" as the town and
the state; "Missourians" is a demonym of the state. Facilities (Camp Robinson) are skipped.

Readings the gazetteer lacks keep ``none``: Craig, Mo. and Warner, S.D. (villages under 500),
Picher, Okla. (a town abandoned since), Bonilla, S.D. (a hamlet), the Missouri and Mississippi
rivers, the Red River Valley, the Midwest, the Southwest, the (southern) Plains, the middle
Atlantic, the Dakotas. Doubts: "in Gloucester, Va." is read as Gloucester County (the text's
"Gloucester Emergency Management" is the county's office; the county seat is Gloucester
Courthouse); army.mil 41598 puts "the northwest counties of Mingo, Logan, Wyoming and McDowell"
under Missouri, but these four are the West Virginia counties of that name (Missouri has none of
Mingo, Wyoming or McDowell): annotated as the West Virginia counties the text means.

Frozen part (amendment C of SELECTION.md, fixed before annotation): the first half of the doc ids
sorted by ``sha1(doc_id).hexdigest()``; build.py reads it from ``manifest.json``.
"""

_HDR = [  # the nationalguard.mil page header
    ("organization in the [United States]", "toponym", "US"),
    ("official [U.S.] Department", "in_name", "US"),
    ("website of the [United States] government", "toponym", "US"),
]
_ARL = [("ARLINGTON", "toponym", "city:US.VA", "Arlington"), ("ARLINGTON, [Va.]", "toponym", "US.VA")]

DOCS8: dict[str, list[tuple[str, ...]]] = {
    # --- frozen ---
    "web:www-nationalguard-mil-news-article-view-article-572966-guard-responding-to-domes": [
        *_HDR,
        ("WASHINGTON", "toponym", "city:US.DC", "Washington"),
        ("Kansas", "toponym", "US.KS"),
        ("[Missouri] National Guard", "in_name", "US.MO"),
        ("Missouri", "toponym", "US.MO"),
        ("Craig", "toponym", "none"),
        ("Lexington", "toponym", "city:US.MO"),
        ("Richmond", "toponym", "city:US.MO"),
        ("South Dakota", "toponym", "US.SD"),
        ("Watertown", "toponym", "city:US.SD"),
        ("S.D.", "toponym", "US.SD"),
        ("Groton", "toponym", "city:US.SD"),
        ("Warner", "toponym", "none"),
        ("Redfield", "toponym", "city:US.SD"),
        ("Aberdeen", "toponym", "city:US.SD"),
    ],
    "web:www-nationalguard-mil-news-article-view-article-1601821-thousands-of-guard-membe": [
        *_HDR,
        ("WASHINGTON", "toponym", "city:US.DC", "Washington"),
        ("western [United States]", "toponym", "US"),
        ("[California] National Guard", "in_name", "US.CA"),
        ("[California] Guard", "in_name", "US.CA"),
        ("[Cal] Guard", "in_name", "US.CA", "California"),
        ("California", "toponym", "US.CA"),
    ],
    "web:www-nationalguard-mil-news-article-2765511-guard-fights-wildfires-responds-to-id": [
        *_ARL,
        ("[Louisiana] National Guard", "in_name", "US.LA"),
        ("Louisiana", "toponym", "US.LA"),
    ],
    "web:www-army-mil-article-9109-guard-answers-calls-in-storm-battered-states": [
        ("[Arkansas] Army National Guard", "in_name", "US.AR"),
        ("Arkansas", "toponym", "US.AR"),
        *_ARL,
        ("the [Southwest]", "toponym", "none"),
        ("[Delaware] coast", "toponym", "US.DE"),
        ("Delaware", "toponym", "US.DE"),
        ("southern [Plains]", "toponym", "none"),
        ("[middle Atlantic]", "toponym", "none"),
        ("Alabama", "toponym", "US.AL"),
        ("Georgia", "toponym", "US.GA"),
        ("Kansas", "toponym", "US.KS"),
        ("Mississippi", "toponym", "US.MS"),
        ("Oklahoma", "toponym", "US.OK"),
        ("South Carolina", "toponym", "US.SC"),
        ("Picher", "toponym", "none"),
        ("Missouri", "toponym", "US.MO"),
        ("Stuttgart", "toponym", "city:US.AR"),
    ],
    "web:www-army-mil-article-41598-national-guard-battles-flood-waters-in-four-states": [
        ("[Missouri] National Guard", "in_name", "US.MO"),
        ("[Missouri] Guard", "in_name", "US.MO"),
        ("[Louisiana], Mo.", "toponym", "city:US.MO"),
        ("Louisiana, [Mo.]", "toponym", "US.MO"),
        *_ARL,
        ("South Dakota", "toponym", "US.SD"),
        ("Huron", "toponym", "city:US.SD"),
        ("Woonsocket", "toponym", "city:US.SD"),
        ("Bonilla", "toponym", "none"),
        ("Missouri River", "toponym", "none"),
        ("Missouri", "toponym", "US.MO"),
        ("Mingo", "toponym", "county:US.WV", "Mingo County"),
        ("Logan", "toponym", "county:US.WV", "Logan County"),
        ("Wyoming", "toponym", "county:US.WV", "Wyoming County"),
        ("McDowell", "toponym", "county:US.WV", "McDowell County"),
        ("Andrew", "toponym", "county:US.MO", "Andrew County"),
        ("Atchison", "toponym", "county:US.MO", "Atchison County"),
        ("Buchanan", "toponym", "county:US.MO", "Buchanan County"),
        ("Holt", "toponym", "county:US.MO", "Holt County"),
        ("Dakotas", "toponym", "none"),
    ],
    # --- dev ---
    "web:www-nationalguard-mil-news-article-575646-national-guard-members-respond-to-torn": [
        *_ARL,
        ("[Arkansas] National Guard", "in_name", "US.AR"),
        ("[Arkansas] Air National Guard", "in_name", "US.AR"),
        ("Arkansas", "toponym", "US.AR"),
        ("Mayflower", "toponym", "city:US.AR"),
        ("Vilonia", "toponym", "city:US.AR"),
        ("[Camp Robinson]", "skip", "none"),
        ("[Little Rock] Air Force Base", "in_name", "city:US.AR"),
        ("[Mississippi] National Guard", "in_name", "US.MS"),
        ("Mississippi", "toponym", "US.MS"),
        ("Lee County", "toponym", "county:US.MS"),
        ("Tupelo", "toponym", "city:US.MS"),
        ("Winston County", "toponym", "county:US.MS"),
        ("Louisville", "toponym", "city:US.MS"),
    ],
    "web:www-nationalguard-mil-news-article-view-article-611419-national-guard-remains-vi": [
        *_HDR,
        ("BISMARCK", "toponym", "city:US.ND", "Bismarck"),
        ("BISMARCK, [N.D.]", "toponym", "US.ND"),
        ("[North Dakota] National Guard", "in_name", "US.ND"),
        ("North Dakota", "toponym", "US.ND"),
        ("Minnesota", "toponym", "US.MN"),
        ("Task Force [Mandan]", "in_name", "city:US.ND"),
        ("Bismarck", "toponym", "city:US.ND"),
        ("Mandan", "toponym", "city:US.ND"),
        ("Minot", "toponym", "city:US.ND"),
        ("Burlington", "toponym", "city:US.ND"),
    ],
    "web:www-dvidshub-net-news-540442-national-guard-rolls-out-yet-another-midwest-storm": [
        ("WASHINGTON", "toponym", "city:US.DC", "Washington"),
        ("UNITED STATES", "toponym", "US"),
        ("[Defense.gov]", "skip", "none"),
        ("Midwest", "toponym", "none"),
        ("[Missouri] National Guard", "in_name", "US.MO"),
        ("[Missouri] Guard", "in_name", "US.MO"),
        ("Missourians", "demonym", "US.MO"),
        ("Missouri", "toponym", "US.MO"),
        ("[Texas] Guard", "in_name", "US.TX"),
        ("Texas", "toponym", "US.TX"),
        ("Oklahoma", "toponym", "US.OK"),
        ("Arkansas", "toponym", "US.AR"),
    ],
    "web:www-army-mil-article-10386-guard-fighting-midwest-floods-california-fires": [
        ("Midwest", "toponym", "none"),
        ("[U.S.] Army", "in_name", "US"),
        ("California", "toponym", "US.CA"),
        ("[Missouri] National Guard", "in_name", "US.MO"),
        ("[Missouri] Guard", "in_name", "US.MO"),
        ("Missourians", "demonym", "US.MO"),
        ("Missouri", "toponym", "US.MO"),
        *_ARL,
        ("Mississippi River", "toponym", "none"),
        ("Winfield", "toponym", "city:US.MO"),
        ("Winfield, [Mo.]", "toponym", "US.MO"),
    ],
    "web:vaguard-dodlive-mil-2015-10-07-8105": [
        ("[Va.] National Guard", "in_name", "US.VA", "Virginia"),
        ("[Virginia] National Guard", "in_name", "US.VA"),
        ("[Virginia] Air National Guard", "in_name", "US.VA"),
        ("[Virginia] Army National Guard", "in_name", "US.VA"),
        ("[Virginia] Defense Force", "in_name", "US.VA"),
        ("[Virginia] Department", "in_name", "US.VA"),
        ("Portsmouth", "toponym", "city:US.VA"),
        ("[Gloucester] Emergency", "in_name", "county:US.VA", "Gloucester County"),
        ("Gloucester", "toponym", "county:US.VA", "Gloucester County"),
        ("Gloucester, [Va.]", "toponym", "US.VA"),
        ("SANDSTON", "toponym", "city:US.VA", "Sandston"),
        ("SANDSTON, [Va.]", "toponym", "US.VA"),
    ],
}
