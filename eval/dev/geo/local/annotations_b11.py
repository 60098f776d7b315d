"""Batch 11 of the places gold (session 27): regional news from outside the United States.

Texts: seven news items of New Zealand, Canadian and Australian public bodies — the New Zealand
Police Commissioner's news notes (police.govt.nz, 3), a Wairoa District Council media release
(wairoadc.govt.nz), two Government of Alberta releases (alberta.ca) and a Western Australia Police
Force news item (police.wa.gov.au) — found with the project's search tool (corpus ``pages``) by
the rule fixed and committed before any query (``b11/SELECTION.md``, with its log and amendments
A-B). A document's text is the tool's excerpt, verbatim (``b11/texts/<slug>.txt``; addresses,
titles and licences in ``b11/manifest.json``); doc id ``web:<slug>``.

Annotated from the text's meaning with ``annotations.py``'s guidelines, before presslens was run
on these texts; ids looked up by build.py from country / admin1 / kind. Conventions (as batches
8-10): a place inside a capitalised name of an office, body, council, association, unit, facility
or day is ``in_name`` ("[Alberta] Urban Municipalities Association", "[Wairoa District] Council",
"[Wairoa] Mayor", "[Wellington] Airport", "[Waitangi] Day", "[Tuahiwi] Marae", "[Western
Australia] Police Force", "Customs [NZ]", "[Waikato]-Tainui" — an iwi named for the Waikato);
"Albertans" and "Western Australian" are demonyms; before a lower-case common noun a place is a
toponym ("Alberta families"). New Zealand Police districts named for a region read as the region
("Canterbury", "Waikato") or the city ("Auckland", the Auckland City district); "Central" (the
Central police district) and "Waitematā" (the Waitematā police district) have no gazetteer entry
and keep ``none``. The eight Western Australian police districts are named for their centres and
read as those suburbs and towns ("Perth, Midland, Mirrabooka, ...").

Doubts, written before the first run: GeoNames holds two populated places "Wairoa" in Hawke's Bay
(2206808 and 6247603); the gold takes 6247603, whose point lies at the town centre (39°02'S
177°25'E), 2206808 lying 4 km west of it. "Wairoa Mayor" is read as the mayor of Wairoa District
(``in_name``, the district), "the Wairoa district" as Wairoa District, bare "Wairoa" as the town.
"Waikato-Tainui" (the iwi) as ``in_name`` of the Waikato region.

Frozen part (SELECTION.md, fixed before annotation): the first three doc ids sorted by
``sha1(doc_id).hexdigest()``; build.py reads it from ``manifest.json``.

Part 2 (SELECTION.md amendment C, after the first run on part 1): four more items — a Government of
Alberta budget announcement (alberta.ca), a Western Australian government media statement
(mediastatements.wa.gov.au) and two Queensland ministerial statements (statements.qld.gov.au),
annotated the same way before presslens was run on them; its own frozen half (the two Queensland
statements, the first two of its doc ids by sha1) was fixed before annotation. Conventions as above:
"[Western Australian] Government" is ``in_name``; "[WA]'s State Government" and "[Queensland]'s
Indigenous councils" are the possessive toponym; "Torres Strait" inside the minister's title ("Minister
for Aboriginal and [Torres Strait] Islander Partnerships") is ``in_name`` with ``none`` (the gazetteer
lacks the strait and its islands), as are Aramac and Burketown (towns of a few hundred people the
gazetteer lacks).
"""

_WAIROA = "id:6247603"
_WDC = "county:NZ.F2"

DOCS11: dict[str, list[tuple[str, ...]]] = {
    # --- frozen ---
    "web:www-police-wa-gov-au-about-us-news-wa-police-force-restructure-update": [
        ("[WA] Police Force", "in_name", "AU.08", "Western Australia"),
        ("[Western Australia] Police Force", "in_name", "AU.08"),
        ("Western Australian", "demonym", "AU.08", "Western Australia"),
        ("Perth", "toponym", "city:AU.08"),
        ("Midland", "toponym", "city:AU.08"),
        ("Mirrabooka", "toponym", "city:AU.08"),
        ("Joondalup", "toponym", "city:AU.08"),
        ("Armadale", "toponym", "city:AU.08"),
        ("Cannington", "toponym", "city:AU.08"),
        ("Mandurah", "toponym", "city:AU.08"),
        ("Fremantle", "toponym", "city:AU.08"),
    ],
    "web:police-govt-nz-node-46863": [
        ("Central", "toponym", "none"),
        ("Auckland", "toponym", "city:NZ.E7"),
        ("Canterbury", "toponym", "NZ.E9"),
        ("Waikato", "toponym", "NZ.G1"),
        ("[Tuahiwi] Marae", "in_name", "city:NZ.E9"),
    ],
    "web:www-police-govt-nz-news-commissioners-blog-our-staff-working-hard": [
        ("Customs [NZ]", "in_name", "NZ", "New Zealand"),
        ("[Waikato]-Tainui", "in_name", "NZ.G1"),
    ],
    # --- dev ---
    "web:police-govt-nz-news-commissioners-blog-christchurch-shooting": [
        ("Christchurch", "toponym", "city:NZ.E9"),
        ("Waitematā", "toponym", "none"),
        ("[Waitangi] Day", "in_name", "city:NZ.F6"),
        ("Waitangi", "toponym", "city:NZ.F6"),
    ],
    "web:alberta-ca-release-cfm-xid-352749cb6b750-f9e8-8e65-7d3b2e10ac27250b": [
        ("[Alberta] Urban Municipalities", "in_name", "CA.01"),
        ("[Alberta] Association of Municipal", "in_name", "CA.01"),
        ("Alberta", "toponym", "CA.01"),
    ],
    "web:www-alberta-ca-release-cfm-xid-436571334591f-0b50-25e5-3d9fbb1e030286ad": [
        ("Government of [Alberta]", "in_name", "CA.01"),
        ("Albertans", "demonym", "CA.01", "Alberta"),
        ("Albertan", "demonym", "CA.01", "Alberta"),
        ("Alberta", "toponym", "CA.01"),
    ],
    "web:www-wairoadc-govt-nz-home-article-326-building-relationships-for-a-strong-whnau-t-featured-s-1": [
        ("[Wairoa District] Council", "in_name", _WDC, "Wairoa District"),
        ("[Wairoa] Mayor", "in_name", _WDC, "Wairoa District"),
        ("the [Wairoa] district", "toponym", _WDC, "Wairoa District"),
        ("[Wairoa] Police", "in_name", _WAIROA),
        ("[Wellington] Airport", "in_name", "city:NZ.G2"),
        ("Local Government [New Zealand]", "in_name", "NZ"),
        ("Wairoa", "toponym", _WAIROA),
    ],
    # --- part 2 (amendment C), frozen ---
    "web:statements-qld-gov-au-statement-2012-11-27-money-returns-to-regional-queensland": [
        ("Queensland", "toponym", "AU.04"),
        ("Brisbane", "toponym", "city:AU.04"),
        ("Roma", "toponym", "city:AU.04"),
        ("Aramac", "toponym", "none"),
        ("Burketown", "toponym", "none"),
        ("Cherbourg", "toponym", "city:AU.04"),
    ],
    "web:statements-qld-gov-au-statement-2017-6-13-budget-delivers-for-local-jobs-and-local-communities": [
        ("[Torres Strait] Islander", "in_name", "none"),
        ("Queenslanders", "demonym", "AU.04", "Queensland"),
        ("Queensland", "toponym", "AU.04"),
    ],
    # --- part 2 (amendment C), dev ---
    "web:www-alberta-ca-announcements-cfm-xid-3378246c83bef-94ef-6b05-a661f5b4685c1552": [
        ("Canada", "toponym", "CA"),
        ("Albertans", "demonym", "CA.01", "Alberta"),
        ("Alberta", "toponym", "CA.01"),
    ],
    "web:www-mediastatements-wa-gov-au-pages-results-aspx-itemid-150876": [
        ("[Western Australian] Government", "in_name", "AU.08", "Western Australia"),
        ("Australians", "demonym", "AU", "Australia"),
        ("WA", "toponym", "AU.08", "Western Australia"),
    ],
}
