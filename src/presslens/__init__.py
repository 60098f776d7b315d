"""presslens: who said what about whom, with provenance, from contested political pages."""

__version__ = "0.1.0"
