"""Batch 4 of the across set (session 19): several real Wikinews articles of one story, each its own outlet.

No second real outlet's text can be fetched here (no network), so each story of this batch is told by
two to four **different Wikinews articles** about the same events, written on different days from
different sources (GeoVirus, CC BY 2.5, unchanged). Each article is ingested as its own outlet
(``source`` "Wikinews: <title>"), as session 16 ingested the 215 GeoVirus articles to count false
cross-outlet findings: the merge and the findings compare articles of different sources only.
Publication dates are not in GeoVirus; each sidecar's ``basis`` says how its date was set.
Run once by the annotator; the outputs are committed and checksummed in FROZEN.md.
Usage: python3 eval/dev/across/import_wikinews_batch4.py [path/to/GeoVirus.xml]
"""

from __future__ import annotations

import json
import sys
import urllib.parse
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).parent
# story -> [(file, GeoVirus URL suffix, publication date, basis of that date)]
STORIES = {
    "s15-surrey-foot-and-mouth": [
        ("confirmed.txt", "Foot-and-mouth_confirmed_at_UK_farm", "2007-08-04",
         "the outbreak was confirmed on 3 August (text); the Prime Minister returned 'on Saturday' (4 August 2007)"),
        ("hse.txt", "Foot-and-mouth_source_confirmed_as_research_laboratory", "2007-08-07",
         "assumed: the Health and Safety Executive's first report, released 'tonight', days after 'the discovery ... on Friday' (3 August 2007)"),
        ("pipe.txt", "Source_of_UK_foot-and-mouth_outbreak_discovered", "2007-09-07",
         "assumed: the investigators' later finding (a damaged pipe) of early September 2007; the exact day is not in GeoVirus"),
    ],
    "s16-australia-horse-flu": [
        ("ban.txt", "72_hour_Australia_wide_ban_on_horse_movements", "2007-08-25",
         "assumed: the 72-hour national ban of Saturday 25 August 2007; the exact day is not in GeoVirus"),
        ("spreads.txt", "Horse_flu_spreads_in_Australia", "2007-08-27",
         "assumed: after the Maitland event of 18-19 August (text) and before the ban's extension; the exact day is not in GeoVirus"),
        ("cancelled.txt", "Horse_racing_in_NSW,_Queensland_cancelled_indefinitely", "2007-08-28",
         "assumed: the ban 'due to expire on Wednesday' (29 August 2007) has been extended (text)"),
        ("randwick.txt", "Horse_flu_infects_Australian_thoroughbreds", "2007-08-30",
         "assumed: 'a ban on horse movements last weekend' (text); the exact day is not in GeoVirus"),
    ],
    "s17-haiti-cholera": [
        ("toll200.txt", "Nearly_200_dead_in_Haitian_cholera_outbreak", "2010-10-23",
         "assumed: the first tolls of the Artibonite outbreak of October 2010; the exact day is not in GeoVirus"),
        ("toll259.txt", "Over_250_dead_in_Haiti_cholera_outbreak,_thousands_infected", "2010-10-25",
         "assumed: a later toll of the same outbreak; the exact day is not in GeoVirus"),
        ("toll292.txt", "%27Explosive%27_Haitian_cholera_outbreak_kills_292,_neighboring_countries_prepare", "2010-10-27",
         "assumed: a later toll of the same outbreak; the Jamaican Prime Minister spoke 'yesterday'; the exact day is not in GeoVirus"),
    ],
    "s18-kenya-swine-flu": [
        ("first.txt", "Kenya_confirms_first_swine_flu_case", "2009-06-29",
         "assumed: Kenya's first confirmed A(H1N1) case of late June 2009; the exact day is not in GeoVirus"),
        ("nairobi.txt", "Swine_flu_patients_taken_to_Kenyan_capital_to_fly_home_to_UK_Sunday", "2009-07-05",
         "assumed: the students were taken to Nairobi 'on Sunday', a week after the first case ('their one week ordeal')"),
    ],
}


def write_pages(xml_path: str, stories: dict[str, list[tuple[str, str, str, str]]], batch: int) -> None:
    """Write each story's GeoVirus texts and sidecars under pages/ (shared by batches 4 and 5)."""
    root = ET.parse(xml_path).getroot()
    by_url: dict[str, list[str]] = {}
    for a in root:  # a long article is split into several GeoVirus entries under one URL: joined in order
        by_url.setdefault(a.findtext("source", ""), []).append(a.findtext("text", "").strip())
    for story, pages in stories.items():
        folder = HERE / "pages" / story
        folder.mkdir(parents=True, exist_ok=True)
        for name, suffix, published, basis in pages:
            url = "https://en.wikinews.org/wiki/" + suffix
            text = "\n\n".join(by_url[url])
            title = urllib.parse.unquote(suffix).replace("_", " ")
            (folder / name).write_text(f"{title}\n\nWikinews\n\n{text}\n", encoding="utf-8")
            meta = {"source": f"Wikinews: {title}", "url": url, "published": published,
                    "licence": "CC BY 2.5 (Wikinews), via GeoVirus (shared/dev/geo/GeoVirus.xml)",
                    "provenance": "real: the GeoVirus text of the Wikinews article, unchanged; the title is the URL's; "
                                  f"ingested as its own outlet (batch {batch}, README.md)",
                    "basis": {"published": basis}}
            (folder / f"{name}.meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def main(xml_path: str) -> None:
    write_pages(xml_path, STORIES, 4)

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(HERE.parents[3] / "shared/dev/geo/GeoVirus.xml"))
