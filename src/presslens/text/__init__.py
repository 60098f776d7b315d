"""Text helpers shared by layers: name keys and normalising (one of each)."""
