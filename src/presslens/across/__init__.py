"""Store-wide stages and queries across articles and sources (naming, ...)."""
