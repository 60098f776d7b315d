"""Batch 9 of the places gold (session 25): regional news from outside the United States.

Texts: eleven government news items from Australia (Western Australia, Queensland and Victoria
media statements) and Canada (British Columbia, Ontario and New Brunswick news releases),
2007-2022, found with the project's search tool (corpus ``pages``) by the rule fixed and
committed before any query (``b9/SELECTION.md``, with its log and amendments A-E). A document's
text is the tool's excerpt, verbatim (``b9/texts/<slug>.txt``; addresses, titles and licences in
``b9/manifest.json``); doc id ``web:<slug>``.

Annotated from the text's meaning with ``annotations.py``'s guidelines, before presslens was run
on these texts; ids looked up by build.py from country / admin1 / kind. Conventions here: a state
or province inside a capitalised organisation or title is ``in_name`` ("[Queensland] Cabinet",
"Government of [British Columbia]", "Union of [British Columbia] Municipalities", "[WA] Heritage
Awards", "Works for [Queensland] program"); before a lower-case common noun it is a toponym ("the
B.C. government", "Queensland councils", "the governments of Canada and Ontario"), as batch 8 read
"the United States government"; "Queenslanders", "Ontarians", "British Columbians", "(regional)
Victorians", "Western Australian(s)", "Canadians" are demonyms of the state, province or country;
a shire named as the body that won an award ("the Shire of Collie") is the shire (county kind).

Readings the gazetteer lacks keep ``none``: the Kimberley, West and East Kimberley, the Goldfields,
the Pilbara, West Pilbara, the Mid-West, the Fitzroy Valley, the Ngaanyatjarra Lands, Bidyadanga
(an Aboriginal community), and the Queensland regions of the Regional Community Forums (the Far
North, the North-North West, the Mackay Isaac Whitsunday region, Central Queensland, the Wide Bay,
the Darling Downs, the South West). Doubts, written before the first run: "the East Pilbara" is
read as the Shire of East Pilbara (the local government area that covers the eastern Pilbara;
the text may mean the informal region); "NB 530" (a release number) and "(CNB)" (Communications
New Brunswick) are skipped as codes; "Boola Bardip" (the museum's Noongar name) is not a place.

Frozen part (SELECTION.md, fixed before annotation): the first five doc ids sorted by
``sha1(doc_id).hexdigest()``; build.py reads it from ``manifest.json``.
"""

_WA = "web:www-mediastatements-wa-gov-au-pages-results-aspx-itemid-"

DOCS9: dict[str, list[tuple[str, ...]]] = {
    # --- frozen ---
    "web:statements-qld-gov-au-statements-84731": [
        ("Queenslanders", "demonym", "AU.04"),
        ("Works for [Queensland] program", "in_name", "AU.04"),
        ("Queensland", "toponym", "AU.04"),
    ],
    _WA + "151036": [
        ("West Kimberley", "toponym", "none"),
        ("East Kimberley", "toponym", "none"),
        ("Kimberley", "toponym", "none"),
        ("Goldfields", "toponym", "none"),
        ("East Pilbara", "toponym", "county:AU.08"),
        ("West Pilbara", "toponym", "none"),
        ("Pilbara", "toponym", "none"),
        ("Bidyadanga", "toponym", "none"),
        ("Broome", "toponym", "city:AU.08"),
        ("Ngaanyatjarra Lands", "toponym", "none"),
        ("Western Australia", "toponym", "AU.08"),
        ("Fitzroy Valley", "toponym", "none"),
        ("Mid-West", "toponym", "none"),
    ],
    "web:news-gov-bc-ca-releases-2015cscd0024-000693": [
        ("Government of [British Columbia]", "in_name", "CA.02"),
        ("Union of [British Columbia] Municipalities", "in_name", "CA.02"),
        ("British Columbians", "demonym", "CA.02", "British Columbia"),
        ("British Columbia", "toponym", "CA.02"),
        ("B.C.", "toponym", "CA.02", "British Columbia"),
        ("New Building [Canada] Fund", "in_name", "CA"),
    ],
    "web:www-gnb-ca-cnb-news-gl-2009e0530gl-htm": [
        ("[NB] 530", "skip", "none"),
        ("[CNB]", "skip", "none"),
        ("FREDERICTON", "toponym", "city:CA.04", "Fredericton"),
        ("New Brunswick", "toponym", "CA.04"),
        ("Canadians", "demonym", "CA", "Canada"),
    ],
    "web:premier-vic-gov-au-putting-government-back-work-regional-victoria": [
        ("Victorians", "demonym", "AU.07", "Victoria"),
        ("[Victorian] cities", "demonym", "AU.07", "Victoria"),
        ("Milawa", "toponym", "city:AU.07"),
        ("Victoria", "toponym", "AU.07"),
    ],
    # --- dev ---
    "web:statements-qld-gov-au-statements-92454": [
        ("Tully", "toponym", "city:AU.04"),
        ("the [Far North]", "toponym", "none"),
        ("Mount Isa", "toponym", "city:AU.04"),
        ("North-North West", "toponym", "none"),
        ("Bowen", "toponym", "city:AU.04"),
        ("Mackay Isaac Whitsunday", "toponym", "none"),
        ("Barcaldine", "toponym", "city:AU.04"),
        ("Emerald", "toponym", "city:AU.04"),
        ("Central Queensland", "toponym", "none"),
        ("Kingaroy", "toponym", "city:AU.04"),
        ("Wide Bay", "toponym", "none"),
        ("Dalby", "toponym", "city:AU.04"),
        ("Darling Downs", "toponym", "none"),
        ("and [South West] region", "toponym", "none"),
        ("Queenslanders", "demonym", "AU.04"),
        ("Queensland", "toponym", "AU.04"),
    ],
    "web:statements-qld-gov-au-statements-48112": [
        ("[Queensland] Cabinet", "in_name", "AU.04"),
        ("Association of [Queensland]", "in_name", "AU.04"),
        ("Queenslanders", "demonym", "AU.04"),
        ("Queensland", "toponym", "AU.04"),
    ],
    _WA + "150643": [
        ("use in [WA]27809Department of the Premier and Cabinet,", "toponym", "AU.08", "Western Australia"),
        ("Western Australians", "demonym", "AU.08", "Western Australia"),
        ("Western Australia", "toponym", "AU.08"),
        ("WA", "toponym", "AU.08", "Western Australia"),
    ],
    _WA + "138630": [
        ("[WA] Heritage Awards", "in_name", "AU.08", "Western Australia"),
        ("[WA] Museum", "in_name", "AU.08", "Western Australia"),
        ("University of [Western Australia]", "in_name", "AU.08"),
        ("History of [Western Australia]", "in_name", "AU.08"),
        ("Rail Heritage [WA]", "in_name", "AU.08", "Western Australia"),
        ("Western Australian", "demonym", "AU.08", "Western Australia"),
        ("Western Australia", "toponym", "AU.08"),
        ("Shire of Collie", "toponym", "county:AU.08", "Collie"),
        ("Beverley", "toponym", "city:AU.08"),
        ("Former [Fremantle] Court House", "in_name", "city:AU.08"),
    ],
    "web:news-ontario-ca-moi-en-2009-02-ontario-communities-to-benefit-from-more-than-1-b": [
        ("[Ontario] Newsroom", "in_name", "CA.08"),
        ("Municipalities of [Ontario]", "in_name", "CA.08"),
        ("Ontarians", "demonym", "CA.08", "Ontario"),
        ("Ontario", "toponym", "CA.08"),
        ("Canada", "toponym", "CA"),
    ],
    "web:news-gov-bc-ca-releases-2011cscd0023-000684": [
        ("Province of [British Columbia]", "in_name", "CA.02"),
        ("British Columbia", "toponym", "CA.02"),
        ("B.C.", "toponym", "CA.02", "British Columbia"),
    ],
}
