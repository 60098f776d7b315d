"""Text helpers shared by layers: name keys and normalising (one of each); `safe` neutralises input
text for terminals, logs and CSV."""
