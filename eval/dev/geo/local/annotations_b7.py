"""Batch 7 of the places gold (session 22): co-listed places, half frozen before the first run.

Texts, chosen before any run by a mechanical rule: every Wikinews article (CC BY 2.5, via
GeoVirus, ``eval/dev/geo/GeoVirus.xml``) of GeoVirus's **dev** part that batches 1-6 did not use,
that holds at most 20 GeoVirus toponyms, and one of whose sentences co-mentions three or more
GeoVirus toponyms whose best gazetteer reading is below the country (a list of states, counties,
provinces, towns): geovirus:0, 1, 2 (one Wikinews article in three GeoVirus items), 28, 84, 93,
111, 151, 186, 190, 206, 221. GeoVirus's toponyms served only to choose the texts; the gold below
was written from the text's meaning, as ``annotations.py``'s guidelines say, and its ids looked
up by build.py from country / admin1 / kind, never from presslens output. Caveat, as for batches
1 and 3: earlier sessions tuned spans and points (not GeoNames ids) on GeoVirus's dev part.

Readings the text fixes and the gazetteer lacks keep ``none``: Hedmark, Oppland, Vest-Agder and
Aust-Agder (Norwegian counties merged in 2020), Kasai Occidental (a DR Congo province split in
2015), four Kasai villages, Cellardyke, Balintawak, Piccadilly and Grosvenor Square (a London
street and square), Richmond Park (a Glasgow park), Palauig (the text places it in Manaoag,
Pangasinan; the gazetteer's Palauig is the town in Zambales), sub-Saharan Africa. Virus strain
names that carry a place ("A/California/7/2009", "the Zaïre, Bundibugyo ... strains", "Reston
ebolavirus") name no place the text means: skipped, as are brands and organisations whose place
word names nothing ("European Union", "Voice of America").

Frozen part (fixed with this list before the first run): by source article, a document is frozen
when ``int(sha1(origin URL).hexdigest(), 16) % 2 == 0`` (geovirus:0-2 are one article, so the
split is by article, not by item): geovirus:28, 93, 111, 186. Dev: geovirus:0, 1, 2, 84, 151,
190, 206, 221.
"""

DOCS7: dict[str, list[tuple[str, ...]]] = {
    "geovirus:93": [
        ("United States", "toponym", "US"),
        ("US", "toponym", "US"),
        ("A/[California]/7/2009", "skip", "none"),
        ("A/[Victoria]/361/2011", "skip", "none"),
        ("B/[Massachusetts]/2/2012", "skip", "none"),
        ("Arkansas", "toponym", "US.AR"),
        ("Colorado", "toponym", "US.CO"),
        ("Delaware", "toponym", "US.DE"),
        ("Idaho", "toponym", "US.ID"),
        ("Maine", "toponym", "US.ME"),
        ("Montana", "toponym", "US.MT"),
        ("New Hampshire", "toponym", "US.NH"),
        ("North Carolina", "toponym", "US.NC"),
        ("Rhode Island", "toponym", "US.RI"),
        ("Vermont", "toponym", "US.VT"),
        ("West Virginia", "toponym", "US.WV"),
        ("Virginia", "toponym", "US.VA"),
        ("Alabama", "toponym", "US.AL"),
    ],
    "geovirus:111": [
        ("Norwegian", "demonym", "NO"),
        ("Rogaland", "toponym", "NO.14"),
        ("Vestfold", "toponym", "NO.20"),
        ("Buskerud", "toponym", "NO.04"),
        ("Telemark", "toponym", "NO.17"),
        ("Østfold", "toponym", "NO.13"),
        ("Akershus", "toponym", "NO.01"),
        ("Oslo", "toponym", "NO.12"),  # a county in a list of counties
        ("Hedmark", "toponym", "none"),
        ("Oppland", "toponym", "none"),
        ("Vest-Agder", "toponym", "none"),
        ("Aust-Agder", "toponym", "none"),
        ("[European] authorities", "skip", "none"),
        ("Russia", "toponym", "RU"),
    ],
    "geovirus:221": [
        ("Ex-[Russian]", "demonym", "RU"),
        ("Russian", "demonym", "RU"),
        ("Russians", "demonym", "RU"),
        ("Britain", "toponym", "GB"),
        ("UK", "toponym", "GB"),
        ("Chechnya", "toponym", "RU.12"),
        ("Moscow", "toponym", "city:RU.48"),
        ("Piccadilly", "toponym", "none"),
        ("[Barnet] General Hospital", "in_name", "city:GB.ENG"),
        ("London", "toponym", "city:GB.ENG"),
        ("[United Kingdom]'s Health", "in_name", "GB"),
        ("Muswell Hill", "toponym", "city:GB.ENG"),
        ("Grosvenor Square", "toponym", "none"),
    ],
    "geovirus:206": [
        ("Mexican", "demonym", "MX"),
        ("Acapulco", "toponym", "city:MX.12"),
        ("[Guerrero] state police", "toponym", "MX.12"),
        ("[Sinaloa] Cartel", "in_name", "MX.25"),
        ("Mexico City", "toponym", "city:MX.09"),
        ("Mexico", "toponym", "MX"),
        ("Guerrero", "toponym", "MX.12"),
        ("South America", "toponym", "continent"),
        ("United States", "toponym", "US"),
        ("American", "demonym", "US"),
    ],
    "geovirus:190": [
        ("Cellardyke", "toponym", "none"),
        ("Fife", "toponym", "id:2649469"),
        ("Scotland", "toponym", "GB.SCT"),
        ("Richmond Park", "toponym", "none"),
        ("Glasgow", "toponym", "city:GB.SCT"),
        ("United Kingdom", "toponym", "GB"),
        ("U.K.", "toponym", "GB"),
        ("UK", "toponym", "GB"),
        ("[British] Veterinary", "in_name", "GB"),
        ("[British] government", "demonym", "GB"),
        ("Scottish", "demonym", "GB.SCT"),
        ("[European] Union", "skip", "none"),
        ("EU", "skip", "none"),
        ("Weybridge", "toponym", "city:GB.ENG"),
        ("Exercise [Hawthorn]", "skip", "none"),
    ],
    "geovirus:186": [
        ("Johannesburg", "toponym", "city:ZA.06"),
        ("South Africa", "toponym", "ZA"),
        ("South African", "demonym", "ZA"),
        ("Midrand", "toponym", "city:ZA.06"),
        ("Gauteng", "toponym", "ZA.06"),
        ("China", "toponym", "CN"),
        ("Beijing", "toponym", "city:CN.22"),
        ("Shanghai", "toponym", "city:CN.23"),
        ("Changsha", "toponym", "city:CN.11"),
        ("Sanya", "toponym", "city:CN.31"),
        ("[United States] Congress", "in_name", "US"),
        ("United States", "toponym", "US"),
        ("sub-Saharan Africa", "toponym", "none"),
        ("Sub-Saharan Africa", "toponym", "none"),
    ],
    "geovirus:151": [
        ("Democratic Republic of the Congo", "toponym", "CD"),
        ("DRC", "toponym", "CD"),
        ("Kasai Occidental", "toponym", "none"),
        ("Kampungu", "toponym", "none"),
        ("Makonono", "toponym", "none"),
        ("Kaluamba", "toponym", "none"),
        ("Mombo", "toponym", "none"),
    ],
    "geovirus:84": [
        ("Zimbabwean", "demonym", "ZW"),
        ("Mashonaland West", "toponym", "ZW.05"),
        ("Midlands", "toponym", "ZW.02"),
        ("Manicaland", "toponym", "ZW.01"),
        ("Masvingo", "toponym", "ZW.08"),
        ("Zimbabwe", "toponym", "ZW"),
        ("Voice of [America]", "skip", "none"),
        ("[African] continent", "demonym", "continent", "Africa"),
    ],
    "geovirus:28": [
        ("United Kingdom", "toponym", "GB"),
        ("Redgrave Park Farm", "skip", "none"),
        ("Suffolk", "toponym", "id:2636561"),
        ("England", "toponym", "GB.ENG"),
        ("European Union", "skip", "none"),
        ("Cellardyke", "toponym", "none"),
        ("Fife", "toponym", "id:2649469"),
        ("Scotland", "toponym", "GB.SCT"),
    ],
    "geovirus:2": [
        ("Balintawak", "toponym", "none"),
        ("Quezon City", "toponym", "city:PH.NCR"),
        ("Bulacan", "toponym", "id:1723064"),
        ("Consumer Act of the [Philippines]", "in_name", "PH"),
        ("Philippine", "demonym", "PH"),
        ("Pandi", "toponym", "city:PH.03"),
        ("Talavera", "toponym", "city:PH.03"),
        ("Eastern Visayas", "toponym", "PH.08"),
        ("Tacloban", "toponym", "city:PH.08"),
        ("Babatngon", "toponym", "city:PH.08"),
    ],
    "geovirus:1": [
        ("Bulacan", "toponym", "id:1723064"),
        ("Philippine", "demonym", "PH"),
        ("Palauig", "toponym", "none"),
        ("Manaoag", "toponym", "city:PH.01"),
        ("Pangasinan", "toponym", "id:1695357"),
        ("Pandi", "toponym", "city:PH.03"),
        ("Cabanatuan", "toponym", "city:PH.03"),
        ("Nueva Ecija", "toponym", "id:1697473"),
        ("the [Zaïre]", "skip", "none"),
        ("[Bundibugyo], Côte", "skip", "none"),
        ("Bundibugyo, [Côte d'Ivoire]", "skip", "none"),
        ("and [Sudan] strains", "skip", "none"),
    ],
    "geovirus:0": [
        ("Philippine", "demonym", "PH"),
        ("Pandi", "toponym", "city:PH.03"),
        ("Bulacan", "toponym", "id:1723064"),
        ("Central Luzon", "toponym", "PH.03"),
    ],
}
