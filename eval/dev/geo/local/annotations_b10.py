"""Batch 10 of the places gold (session 26): US federal press releases dense in US places.

Texts: ten press releases of US Attorneys' offices (justice.gov: Eastern Wisconsin, Montana,
Western Virginia, Northern Iowa, Eastern Kentucky, Eastern Tennessee; one Eastern California
release reposted by the FBI's Sacramento office), 2009-2024, US federal government works (public
domain), found with the project's search tool (corpus ``pages``) by the rule fixed and committed
before any query (``b10/SELECTION.md``, with its log and amendments A-C). A document's text is the
tool's excerpt, verbatim (``b10/texts/<slug>.txt``; addresses, titles and licences in
``b10/manifest.json``); doc id ``web:<slug>``.

Annotated from the text's meaning with ``annotations.py``'s guidelines, before presslens was run
on these texts; ids looked up by build.py from country / admin1 / kind. Conventions here (as
batches 8-9): a country, state, county or town inside a capitalised name of an office, court,
agency, unit or plan is ``in_name`` ("[U.S.] Attorney's Office", "[United States] Attorney",
"[U.S.] District Court", "Eastern District of [Wisconsin]", "[Kentucky] State Police", "[San
Joaquin County] District Attorney's Office", "[Louisville] Field Division", "[Harrisonburg]
Division", "[Winchester] Expansion Plan", "Home [Sacramento] Press Releases" — the FBI field
office's name in the page's navigation line); before a lower-case common noun it is a toponym
("the Harrisonburg federal courthouse", "an Iowa farmer", "United States Taxpayers" in a headline);
the bare country ("owe monies to the United States", "owed ... to the U.S.") is a toponym.
Datelines read "City, ST" as the town and the state ("LONDON, Ky.", "Knoxville, Tenn"); "Eastern
Wisconsin" and "Northwest Virginia" mark the state (the span is the state's name; the text's region
is part of it, as batch 8 read "western [United States]"); "Washington, D.C." is the city and the
district, and "Washington-based" the city. "Route 29 Corridor" (a road) and "the Commonwealth"
(not a name) are not annotated.

Readings the gazetteer lacks keep ``none``: the Shenandoah Valley. Doubts, written before the first
run: Floyd, Iowa is a small town (about 300 people) that the gazetteer may lack (then ``none``);
"Montana U.S. Attorney's Office" (the headline) is read as an office name (``in_name``) while
"Montana's U.S. Attorney" is a toponym (the state's possessive).

Frozen part (SELECTION.md, fixed before annotation): the first five doc ids sorted by
``sha1(doc_id).hexdigest()``; build.py reads it from ``manifest.json``.
"""

_DC = [("Washington", "toponym", "city:US.DC"), ("D.C.", "toponym", "US.DC")]

DOCS10: dict[str, list[tuple[str, ...]]] = {
    # --- frozen ---
    "web:www-fbi-gov-sacramento-press-releases-2009-sc092409-htm": [
        ("Home [Sacramento] Press", "in_name", "city:US.CA"),
        ("SACRAMENTO", "toponym", "city:US.CA", "Sacramento"),
        ("[San Joaquin County] District Attorney", "in_name", "county:US.CA"),
        ("San Joaquin County", "toponym", "county:US.CA"),
        ("U.S.", "in_name", "US"),
        ("United States", "in_name", "US"),
        ("District of [California]", "in_name", "US.CA"),
        ("Lathrop", "toponym", "city:US.CA"),
    ],
    "web:www-justice-gov-usao-edwi-pr-united-states-attorney-announces-financial-recoveries-over-14-milli": [
        ("Eastern [Wisconsin]", "toponym", "US.WI"),
        ("District of [Wisconsin]", "in_name", "US.WI"),
        ("[United States] Taxpayers", "toponym", "US"),
        ("United States", "in_name", "US"),
        ("U.S.", "in_name", "US"),
        ("Washington", "toponym", "city:US.DC"),
    ],
    "web:www-justice-gov-usao-mt-pr-500th-day-trump-administration-attorney-general-sessi": [
        ("District of [Montana]", "in_name", "US.MT"),
        ("Montana", "toponym", "US.MT"),
        ("U.S.", "in_name", "US"),
        ("United States", "in_name", "US"),
        ("BILLINGS", "toponym", "city:US.MT", "Billings"),
    ],
    "web:www-justice-gov-usao-mt-pr-montana-us-attorney-s-office-collects-153-million-civ": [
        ("[Montana] U.S. Attorney’s Office", "in_name", "US.MT"),
        ("District of [Montana]", "in_name", "US.MT"),
        ("[Montana]'s U.S. Attorney", "toponym", "US.MT"),
        ("to the [U.S.] The law", "toponym", "US"),
        ("U.S.", "in_name", "US"),
        ("BILLINGS", "toponym", "city:US.MT", "Billings"),
    ],
    "web:www-justice-gov-usao-edtn-pr-us-attorneys-office-collects-over-11m-criminal-and": [
        ("Knoxville", "toponym", "city:US.TN"),
        ("Knoxville, [Tenn]", "toponym", "US.TN"),
        ("District of [Tennessee]", "in_name", "US.TN"),
        ("to the [U.S.] and", "toponym", "US"),
        ("U.S.", "in_name", "US"),
    ],
    # --- dev ---
    "web:www-justice-gov-usao-edwi-pr-united-states-attorney-announces-financial-recoveri": [
        ("Eastern [Wisconsin]", "toponym", "US.WI"),
        ("District of [Wisconsin]", "in_name", "US.WI"),
        ("[United States] Taxpayers", "toponym", "US"),
        ("to the [United States].", "toponym", "US"),
        ("United States", "in_name", "US"),
        ("U.S.", "in_name", "US"),
        *_DC,
    ],
    "web:www-justice-gov-usao-wdva-pr-united-states-attorney-s-office-deploy-resources-un": [
        ("Shenandoah Valley", "toponym", "none"),
        ("the [Charlottesville] and Harrisonburg Divisions", "in_name", "city:US.VA"),
        ("Charlottesville and [Harrisonburg] Divisions", "in_name", "city:US.VA"),
        ("[Harrisonburg] Division criminal", "in_name", "city:US.VA"),
        ("[Winchester] Expansion Plan", "in_name", "city:US.VA"),
        ("Charlottesville", "toponym", "city:US.VA"),
        ("Harrisonburg", "toponym", "city:US.VA"),
        ("Winchester", "toponym", "city:US.VA"),
        ("District of [Virginia]", "in_name", "US.VA"),
        ("Roanoke", "toponym", "city:US.VA"),
        ("VIRGINIA", "toponym", "US.VA"),
        ("U.S.", "in_name", "US"),
        ("United States", "in_name", "US"),
    ],
    "web:www-justice-gov-usao-wdva-pr-officials-announce-latest-results-ongoing-effort-co": [
        ("District of [Virginia]", "in_name", "US.VA"),
        ("Northwest [Virginia] Regional", "in_name", "US.VA"),
        ("[Virginia] State Police", "in_name", "US.VA"),
        ("HARRISONBURG", "toponym", "city:US.VA", "Harrisonburg"),
        ("HARRISONBURG, [VIRGINIA]", "toponym", "US.VA"),
        ("Strasburg", "toponym", "city:US.VA"),
        ("Strasburg, [Virginia]", "toponym", "US.VA"),
        ("Shenandoah County", "toponym", "county:US.VA"),
        ("Philadelphia", "toponym", "city:US.PA"),
        ("Pennsylvania", "toponym", "US.PA"),
        ("Stephens City", "toponym", "city:US.VA"),
        ("Stephens City, [Virginia]", "toponym", "US.VA"),
        ("Baltimore", "toponym", "city:US.MD"),
        ("Maryland", "toponym", "US.MD"),
        ("U.S.", "in_name", "US"),
        ("United States", "in_name", "US"),
    ],
    "web:www-justice-gov-usao-ndia-pr-iowa-farmer-sentenced-federal-prison-farm-loan-frau": [
        ("District of [Iowa]", "in_name", "US.IA"),
        ("Iowa", "toponym", "US.IA"),
        ("Floyd", "toponym", "none"),  # about 300 people: not in the gazetteer
        ("Cedar Rapids", "toponym", "city:US.IA"),
        ("U.S.", "in_name", "US"),
        ("United States", "in_name", "US"),
    ],
    "web:justice-gov-usao-edky-pr-lexington-man-sentenced-armed-fentanyl-and-methamphetam": [
        ("LONDON", "toponym", "city:US.KY", "London"),
        ("Lexington", "toponym", "city:US.KY"),
        ("Ky.", "toponym", "US.KY"),
        ("Kentucky", "in_name", "US.KY"),
        ("[Louisville] Field Division", "in_name", "city:US.KY"),
        ("U.S.", "in_name", "US"),
        ("the [United States].", "toponym", "US"),
        ("United States", "in_name", "US"),
    ],
}
