"""One package per NLP layer (actors, places, dates, numbers, quotes, events), each a spaCy
component plus pure functions over typed records; ``syntax`` holds the parse-tree helpers the
layers share. See ../shared/DESIGN.md for the target layout."""
