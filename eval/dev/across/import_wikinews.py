"""Copy the Wikinews originals of the across set out of GeoVirus (CC BY 2.5), unchanged.

Each original becomes ``pages/<story>/wikinews.txt`` in the project's text-dump layout (title,
blank line, site, blank line, the GeoVirus text exactly as given) with a ``.meta.json`` sidecar.
Run once by the annotator; the outputs are committed and checksummed in FROZEN.md.
Usage: python3 eval/dev/across/import_wikinews.py [path/to/GeoVirus.xml]
"""

from __future__ import annotations

import json
import sys
import urllib.parse
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).parent
# story folder -> (GeoVirus URL suffix, publication date of the Wikinews article, basis of that date)
STORIES = {
    "s01-seoul-beef": ("South_Korean_police_clamp_down_on_protests_against_US_beef", "2008-06-30",
                       "the clashes of Saturday 28 June 2008 in Seoul; the article reports Sunday's vigil as past"),
    "s02-delmas-typhoid": ("South_African_typhoid_outbreak_protest_dispersed_with_rubber_bullets", "2005-09-21",
                           "the Delmas typhoid outbreak of August-September 2005; the text names 'the weekend of 17 September' as past"),
    "s03-pibor-ambush": ("Six_aid_workers_dead_in_ambush_in_South_Sudan", "2017-03-27",
                         "the ambush on the Juba-Pibor road of Saturday 25 March 2017"),
    "s04-acapulco-battle": ("Tourists_evacuated_following_shootout_between_Mexican_army_and_drug_hitmen", "2009-06-07",
                            "the Acapulco gun battle of Saturday 6 June 2009"),
    "s05-libya-medics": ("Libya_frees_foreign_HIV_medics", "2007-07-24",
                         "the medics arrived in Sofia on 24 July 2007 ('today' in the text)"),
    "s06-kenya-appeal": ("UN_appeals_for_US$42_million_to_assist_victims_of_Kenya_violence", "2008-01-17",
                         "assumed: the appeal followed the 27 December 2007 election by some weeks ('as I said last week'); the exact day is not in GeoVirus"),
    "s07-isiolo-raid": ("Kenyan_cattle_rustlers_kill_eleven", "2006-10-03",
                        "assumed: the text dates the Pokot raid on the Samburu to 'mid-September'; the exact day is not in GeoVirus"),
    "s08-ricin-sentence": ("London_court_jails_man_after_Dark_Web_ricin_sting", "2015-05-22",
                           "assumed: the Old Bailey sentencing of Mohammed Ali in spring 2015; the exact day is not in GeoVirus"),
    # Batch 2
    "s09-angola-expulsions": ("UNHCR:_Thousands_of_Angolans_expelled_from_DRC_in_%22dire%22_need_of_aid", "2009-10-13",
                              "assumed: the tit-for-tat expulsions of autumn 2009; the exact day is not in GeoVirus"),
    "s10-kibera-liquor": ("Poisoned_liquor_kills_17_in_Kenyan_slum", "2005-06-20",
                          "assumed: the text gives no date and GeoVirus carries none"),
    "s11-scientology-powder": ("Envelopes_containing_white_powder_sent_to_Church_of_Scientology_locations_in_southern_California,_USA",
                               "2008-02-07", "assumed: the mailings came 'just before' the protest of 10 February 2008"),
    "s12-polio-campaign": ("Polio_vaccination_campaign_targets_85_million_African_children", "2010-02-27",
                           "assumed: the campaign began some weeks before the repeat round of 26 March 2010 ('today')"),
    # Batch 3
    "s13-kenya-cholera": ("Over_60_dead_in_Kenya_cholera_outbreak,_state_issues_alert", "2008-02-22",
                          "assumed: the alert came in the post-election crisis of early 2008 ('the December elections'); "
                          "the text says 'Thursday', the exact day is not in GeoVirus"),
    "s14-pingliang-milk": ("Nitrite_poisoned_milk_kills_three_babies,_sickens_35_in_China", "2011-04-09",
                           "assumed: the text places it a month after the clenbuterol case of March (2011) and cites "
                           "'a Friday press release'; the exact day is not in GeoVirus"),
}


def main(xml_path: str) -> None:
    root = ET.parse(xml_path).getroot()
    by_url = {a.findtext("source", ""): a.findtext("text", "") for a in root}
    for story, (suffix, published, basis) in STORIES.items():
        url = "https://en.wikinews.org/wiki/" + suffix
        text = by_url[url] if url in by_url else by_url[url.replace("$", "%24")]
        title = urllib.parse.unquote(suffix).replace("_", " ")
        folder = HERE / "pages" / story
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "wikinews.txt").write_text(f"{title}\n\nWikinews\n\n{text.strip()}\n", encoding="utf-8")
        meta = {"source": "Wikinews", "url": url, "published": published,
                "licence": "CC BY 2.5 (Wikinews), via GeoVirus (shared/dev/geo/GeoVirus.xml)",
                "provenance": "real: the GeoVirus text of the Wikinews article, unchanged; the title is the URL's",
                "basis": {"published": basis}}
        (folder / "wikinews.txt.meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(HERE.parents[3] / "shared/dev/geo/GeoVirus.xml"))
