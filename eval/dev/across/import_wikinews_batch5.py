"""Batch 5 of the across set (session 22): real Wikinews articles only, frozen whole, scored as ``across5``.

As in batch 4 (``import_wikinews_batch4.py``), no second real outlet's text can be fetched here (no
network, and no other free-licence multi-outlet text is offline), so each story is told by two or three
**different Wikinews articles** about the same events, written on different days from different sources
(GeoVirus, CC BY 2.5, unchanged), each ingested as its own outlet. The stories are GeoVirus articles that
no earlier batch used. Publication dates are not in GeoVirus; each sidecar's ``basis`` says how its date
was set. Run once by the annotator; the outputs are committed and checksummed in FROZEN.md.
Usage: python3 eval/dev/across/import_wikinews_batch5.py [path/to/GeoVirus.xml]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from import_wikinews_batch4 import write_pages  # noqa: E402

HERE = Path(__file__).parent
# story -> [(file, GeoVirus URL suffix, publication date, basis of that date)]
STORIES = {
    "s19-zimbabwe-cholera": [
        ("nears500.txt", "Number_of_Zimbabwe_cholera_deaths_nears_500", "2008-11-26",
         "assumed: the Ministry of Health's 484 deaths of late November 2008; the exact day is not in GeoVirus"),
        ("toll978.txt", "Sharp_increase_in_number_of_Zimbabwean_cholera_deaths", "2008-12-15",
         "assumed: Mugabe's televised address was 'last Thursday' (11 December 2008); the exact day is not in GeoVirus"),
        ("cases80000.txt", "Number_of_cholera_cases_in_Zimbabwe_reaches_80,000", "2009-02-20",
         "assumed: the toll is given 'as of February 19' (2009) and the previous one 'as of Tuesday'"),
    ],
    "s20-alabama-mad-cow": [
        ("inconclusive.txt", "Agriculture_Department_investigating_possible_U.S._case_of_mad_cow_disease", "2006-03-12",
         "assumed: the inconclusive screening test of Friday 10 March 2006 (the other article), announced before the confirmation"),
        ("confirmed.txt", "Mad_Cow_disease_confirmed_in_U.S.", "2006-03-13",
         "assumed: the Western blot confirmation announced 'today', days after the test of Friday 10 March 2006"),
    ],
    "s21-turkey-bird-flu": [
        ("teenager.txt", "Turkish_teenager_dies_from_bird_flu", "2006-01-04",
         "assumed: the first Turkish H5N1 death, early January 2006; the exact day is not in GeoVirus"),
        ("neighbours.txt", "UN_warns_neighbours_of_Turkey_about_bird_flu", "2006-01-09",
         "assumed: two deaths and 15 confirmed cases, some days after the first death; the exact day is not in GeoVirus"),
        ("accused.txt", "Turkish_government_accused_of_being_too_slow_to_respond_to_bird_flu", "2006-01-12",
         "assumed: three deaths and 18 confirmed cases, after the other two articles; the exact day is not in GeoVirus"),
    ],
    "s22-kasai-ebola": [
        ("unidentified.txt", "WHO_investigates_outbreak_of_unidentified_illness_in_Democratic_Republic_of_the_Congo",
         "2007-09-01", "assumed: the illness still unidentified, late August or early September 2007; the exact day is not in GeoVirus"),
        ("respond.txt", "Health_organisations_respond_to_Ebola_outbreak_in_Democratic_Republic_of_the_Congo",
         "2007-09-15", "assumed: after the laboratory confirmation of Ebola (September 2007) and MSF's arrival 'in early September'"),
    ],
    "s23-swine-flu-april-2009": [
        ("emergency.txt", "US_declares_public_health_emergency_over_spread_of_swine_flu", "2009-04-26",
         "assumed: the US public health emergency declared 'today' (Sunday 26 April 2009)"),
        ("mexico71.txt", "At_least_71_deaths_in_Mexico_%27likely_linked%27_to_swine_flu_outbreak", "2009-04-27",
         "assumed: Mexican officials reported 'On Monday' (27 April 2009); the exact day is not in GeoVirus"),
        ("countries.txt", "Swine_flu_reported_in_more_countries;_WHO_warns_of_possible_pandemic_risk", "2009-04-29",
         "assumed: the first US death (a Mexican boy in Texas) was reported on 29 April 2009; the exact day is not in GeoVirus"),
    ],
}


def main(xml_path: str) -> None:
    write_pages(xml_path, STORIES, 5)

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(HERE.parents[3] / "shared/dev/geo/GeoVirus.xml"))
