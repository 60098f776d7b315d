"""Batch 3 of the local-news places gold (session 16): eighteen GeoVirus Wikinews articles of
regional US, Canadian and Australian news (GeoVirus's dev part, none in batch 1), annotated from
the text's meaning before presslens was run on them. Same format as ``annotations.py``.
Documents and their frozen part (the sha1 rule in build.py) were fixed before the first run:
frozen geovirus:37, 77, 170, 184, 189.
"""

DOCS3: dict[str, list[tuple[str, ...]]] = {
    "geovirus:10": [
        ("[Canada]'s Broadcasting Corporation", "in_name", "CA"),
        ("Prince Edward Island", "toponym", "CA.09"),
        ("PEI", "toponym", "CA.09"),
        ("O'Leary", "toponym", "city:CA.09"),  # a PEI community of 876 people: an id since session 17 (cities500)
        ("Charlottetown", "toponym", "city:CA.09"),
        ("West Prince", "toponym", "none"),  # PEI's western region, no GeoNames division
    ],
    "geovirus:37": [
        ("United States", "toponym", "US"),
        ("[Buffalo] Science Magnet School", "in_name", "city:US.NY"),
        ("[Buffalo] Public Schools", "in_name", "city:US.NY"),
        ("Buffalo", "toponym", "city:US.NY"),
        ("New York", "toponym", "US.NY"),
    ],
    "geovirus:46": [
        ("[US] health officials", "toponym", "US"),
        ("New York", "toponym", "US.NY"),
    ],
    "geovirus:67": [
        ("[United States] Department of Agriculture", "in_name", "US"),
        ("United States", "toponym", "US"),
        ("California", "toponym", "US.CA"),
        ("Ames", "toponym", "city:US.IA"),
        ("Iowa", "toponym", "US.IA"),
        ("Washington", "toponym", "US.WA"),
        ("Canada", "toponym", "CA"),
    ],
    "geovirus:69": [
        ("East Providence", "toponym", "city:US.RI"),
        ("Barrington", "toponym", "city:US.RI"),
        ("[West Nile] virus", "skip", "none"),
        ("Rhode Island", "toponym", "US.RI"),
        ("Massachusetts", "toponym", "US.MA"),
    ],
    "geovirus:72": [
        ("[West Nile] virus", "skip", "none"),
        ("[West Nile] [virus]", "skip", "none"),
        ("[US] state", "toponym", "US"),
        ("Texas", "toponym", "US.TX"),
        ("Longview", "toponym", "city:US.TX"),
        ("Tyler", "toponym", "city:US.TX"),
        ("Fairfield", "toponym", "city:US.TX"),
        ("Malakoff", "toponym", "city:US.TX"),
        ("Dallas", "toponym", "city:US.TX"),
        ("Austin", "toponym", "city:US.TX"),
    ],
    "geovirus:75": [
        ("[Midland] Daily News", "in_name", "city:US.MI"),
        ("Midland", "toponym", "city:US.MI"),
        ("Michigan", "toponym", "US.MI"),
        ("USA", "toponym", "US"),
        ("Lansing", "toponym", "city:US.MI"),
    ],
    "geovirus:77": [
        ("[Buffalo] Fire Chief", "in_name", "city:US.NY"),
        ("Buffalo", "toponym", "city:US.NY"),
        ("New York", "toponym", "US.NY"),
    ],
    "geovirus:94": [
        ("United States", "toponym", "US"),
        ("Boston", "toponym", "city:US.MA"),
        ("Texas", "toponym", "US.TX"),
        ("New York", "toponym", "US.NY"),
    ],
    "geovirus:127": [
        ("[California] Department of Public Health", "in_name", "US.CA"),
        ("California", "toponym", "US.CA"),
        ("United States", "toponym", "US"),
    ],
    "geovirus:134": [
        ("[U.S.] Food and Drug Administration", "in_name", "US"),
        ("United States", "toponym", "US"),
        ("Canada", "toponym", "CA"),
        ("New Mexico", "toponym", "US.NM"),
        ("Texas", "toponym", "US.TX"),
        ("Illinois", "toponym", "US.IL"),
        ("Mexican", "demonym", "MX"),
    ],
    "geovirus:138": [
        ("[Canadian] Food Inspection Agency", "in_name", "CA"),
        ("California", "toponym", "US.CA"),
        ("United States", "toponym", "US"),
        ("Canada", "toponym", "CA"),
    ],
    "geovirus:167": [
        ("[Randwick] racecourse", "in_name", "city:AU.02"),
        ("Randwick", "toponym", "city:AU.02"),
        ("Sydney", "toponym", "city:AU.02"),
        ("[NSW] Minister", "in_name", "AU.02"),
        ("Racing [NSW]", "in_name", "AU.02"),
        ("NSW", "toponym", "AU.02"),
        ("Queensland", "toponym", "AU.04"),
        ("Australian", "demonym", "AU"),
        ("Melbourne", "toponym", "city:AU.07"),
    ],
    "geovirus:170": [
        ("North America", "toponym", "continent"),
        ("[Pennsylvania] State Department", "in_name", "US.PA"),
        ("[U.S.] Environmental Protection Agency", "in_name", "US"),
        ("$[US]", "skip", "none"),
        ("United States", "toponym", "US"),
        ("U.S.", "toponym", "US"),
        ("Canada", "toponym", "CA"),
        ("Georgia", "toponym", "US.GA"),
        ("Oklahoma", "toponym", "US.OK"),
        ("Pennsylvania", "toponym", "US.PA"),
        ("Wisconsin", "toponym", "US.WI"),
        ("California", "toponym", "US.CA"),
    ],
    "geovirus:184": [
        ("[California] Department of Public Health", "in_name", "US.CA"),
        ("California", "toponym", "US.CA"),
    ],
    "geovirus:189": [
        ("Australia", "toponym", "AU"),
        ("Mareeba", "toponym", "city:AU.04"),
        ("Queensland", "toponym", "AU.04"),
    ],
    "geovirus:215": [
        ("Hueytown", "toponym", "city:US.AL"),
        ("Alabama", "toponym", "US.AL"),
        ("Birmingham", "toponym", "city:US.AL"),
    ],
    "geovirus:219": [
        ("Philippi", "toponym", "id:4818074"),  # Philippi, Barbour County (Saint Albans, WV, also lists the name)
        ("West Virginia", "toponym", "US.WV"),
        ("United States", "toponym", "US"),
    ],
}
