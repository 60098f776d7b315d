"""Batch 5 of the places gold (session 20): an untuned exact-id check, frozen whole.

Texts: ten Wikinews articles (CC BY 2.5, credit: Wikinews contributors) from GeoVirus's
**frozen** part (eval/dev/geo/GeoVirus.xml by index), which no places rule was ever tuned on and
no earlier batch used. Chosen before any run by a mechanical rule: the first ten frozen
GeoVirus articles, in index order, whose GeoVirus gold names a place below the country in the
United States or Canada (regional North American news, like the owners' held-out sets):
geovirus:4, 9, 57, 61, 62, 64, 65, 70, 71, 78.

Annotated from the text's meaning with ``annotations.py``'s guidelines (roles toponym, in_name,
demonym; GeoNames ids looked up by build.py from country / admin1 / kind, never from presslens
output), before presslens was run on these texts for this batch and without looking at any
presslens output for them. Every document is frozen (rows ``places_local_b5.frozen``): measured
once, at the end of session 20.
"""

DOCS5: dict[str, list[tuple[str, ...]]] = {
    "geovirus:4": [
        ("Washington, D.C.", "toponym", "city:US.DC", "Washington"),
        ("Rockville", "toponym", "city:US.MD"),
        ("Maryland", "toponym", "US.MD"),
        ("Nigeria", "toponym", "NG"),
    ],
    "geovirus:9": [
        ("[United States] Department of Agriculture", "in_name", "US"),
        ("Queen Anne's County", "toponym", "county:US.MD"),
        ("Maryland", "toponym", "US.MD"),
        ("Crawford County", "toponym", "county:US.PA"),
        ("Pennsylvania", "toponym", "US.PA"),
        ("Asia", "toponym", "continent"),
        ("Europe", "toponym", "continent"),
        ("Africa", "toponym", "continent"),
        ("[Ohio] State University", "in_name", "US.OH"),
    ],
    "geovirus:57": [
        ("Dallas County", "toponym", "county:US.TX"),
        ("Dallas", "toponym", "city:US.TX"),
        ("Texas", "toponym", "US.TX"),
        ("[United States] Centers for Disease Control", "in_name", "US"),
    ],
    "geovirus:61": [
        ("Alberta", "toponym", "CA.01"),
        ("[Canadian] Food Inspection Agency", "in_name", "CA"),
        ("United States", "toponym", "US"),
        ("Canada", "toponym", "CA"),
    ],
    "geovirus:62": [
        ("[United States] Department of Agriculture", "in_name", "US"),
        ("U.S.", "toponym", "US"),
        ("Ames", "toponym", "city:US.IA"),
        ("Iowa", "toponym", "US.IA"),
        ("United Kingdom", "toponym", "GB"),
        ("UK", "toponym", "GB"),
        ("Canada", "toponym", "CA"),
        ("[Washington] state", "toponym", "US.WA"),
        ("EU", "toponym", "id:6695072"),
        ("Sweden", "toponym", "SE"),
    ],
    "geovirus:64": [
        ("[American] Food and Drug Administration", "in_name", "US"),
        ("Britain", "toponym", "GB"),
        ("Little Rock", "toponym", "city:US.AR"),
        ("Arkansas", "toponym", "US.AR"),
        ("The [Washington] Times", "in_name", "city:US.DC"),
        ("[U.S.] Department of Agriculture", "in_name", "US"),
        ("American South", "toponym", "none"),  # the Southern United States: no gazetteer entry
        ("Americans", "demonym", "US"),
        ("American", "demonym", "US"),
        ("US", "toponym", "US"),
        ("U.S.", "toponym", "US"),
        ("Spain", "toponym", "ES"),
        ("Italy", "toponym", "IT"),
        ("Israel", "toponym", "IL"),
    ],
    "geovirus:65": [
        ("[United States] Department of Agriculture", "in_name", "US"),
        ("Alabama", "toponym", "US.AL"),
        ("Ames", "toponym", "city:US.IA"),
        ("Iowa", "toponym", "US.IA"),
        ("University of [Georgia]", "in_name", "US.GA"),
        ("Georgia", "toponym", "US.GA"),
        ("U.S.", "toponym", "US"),
        ("[Washington] state", "toponym", "US.WA"),
        ("Canada", "toponym", "CA"),
        ("Texas", "toponym", "US.TX"),
        ("Sweden", "toponym", "SE"),
    ],
    "geovirus:70": [
        ("[West Nile] virus", "skip", "none"),
        ("[Japanese] encephalitis", "skip", "none"),
        ("[Hammond] Health Officer", "in_name", "city:US.IN"),
        ("Hammond", "toponym", "city:US.IN"),
        ("Indiana", "toponym", "US.IN"),
    ],
    "geovirus:71": [
        ("[West Nile] virus", "skip", "none"),
        ("[West Nile] Virus", "skip", "none"),
        ("Vermonters", "demonym", "US.VT"),
        ("Vermont", "toponym", "US.VT"),
        ("Brattleboro", "toponym", "city:US.VT"),
    ],
    "geovirus:78": [
        ("[United States] Postal Service", "in_name", "US"),
        ("[Los Angeles] Times", "in_name", "city:US.CA"),
        ("southern [California]", "toponym", "US.CA"),
        ("United States", "toponym", "US"),
        ("Tustin", "toponym", "city:US.CA"),
        ("Glendale", "toponym", "city:US.CA"),
        ("Hollywood", "toponym", "city:US.CA"),
        ("Los Angeles", "toponym", "city:US.CA"),
        ("San Fernando Valley", "toponym", "none"),  # a valley: no gazetteer entry
        ("Santa Monica", "toponym", "city:US.CA"),
    ],
}
