"""Build ``data/petrarch2/org_heads.json`` (rule ``org_head``) from the converted PETRARCH2 import.

Usage: ``python tools/build_org_heads.py [ACTORS_JSONL] [OUT]``; see
``presslens.layers.actors.org_heads`` for the rule and docs/actors.md (session 27).
"""

from __future__ import annotations

from presslens.layers.actors.org_heads import main

if __name__ == "__main__":
    raise SystemExit(main())
