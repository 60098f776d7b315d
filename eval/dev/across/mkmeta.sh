# mk STORY FILE SOURCE PUBLISHED URL "PROVENANCE"  -> writes pages/STORY/FILE.meta.json (annotator helper)
mk() {
python3 - "$@" <<'PY'
import json, sys
story, name, source, published, url, prov = sys.argv[1:7]
meta = {"source": source, "url": url, "published": published,
        "licence": "CC BY 2.5: written for presslens as a variant of the Wikinews article of this story (itself CC BY 2.5); outlet invented",
        "provenance": prov}
open(f"pages/{story}/{name}.meta.json", "w").write(json.dumps(meta, indent=2) + "\n")
PY
}
