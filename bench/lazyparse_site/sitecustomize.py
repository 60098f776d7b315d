"""presslens with parse on demand (``bench/lazyparse.py``'s mechanism, cue selection) for an eval run.

Not shipped: it measured what the mechanism does to every eval figure (docs/performance.md, "Parse on
demand"). With this folder first on ``PYTHONPATH`` and ``PRESSLENS_LAZYPARSE=1`` every model presslens
loads runs the ``senter`` instead of the parser, the line-break starts after it, then the parser only on
the sentences the cue selects; ``layers.masking.restore`` keeps the unparsed sentences' starts (it
rebuilds the Doc and would recompute every start from the heads):

    PYTHONPATH=bench/lazyparse_site:src PRESSLENS_LAZYPARSE=1 .venv/bin/presslens eval --json
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

if os.environ.get("PRESSLENS_LAZYPARSE") == "1":
    import numpy
    from spacy.attrs import SENT_START
    from spacy.language import Language

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import lazyparse

    import presslens.layers.masking as masking
    import presslens.nlp as presslens_nlp

    _load_model = presslens_nlp.load_model
    _restore = masking.restore
    _cues: list[Any] = []

    class LazyParse:
        """The parser on the cue's sentences only (``lazyparse.Plan``), over a batch of Docs."""

        def __init__(self, nlp: Language):
            self.nlp = nlp

        def __call__(self, doc: Any) -> Any:
            return next(iter(self.pipe([doc])))

        def pipe(self, docs: Any, batch_size: int = 32) -> Any:
            if not _cues:
                _cues.append(lazyparse.cue_words())
            docs = list(docs)
            plans = []
            for doc in docs:
                bounds = lazyparse.sentence_bounds(doc) if len(doc) else []
                chosen = lazyparse.cue_sentences(doc, bounds, *_cues[0]) if bounds else []
                plans.append(lazyparse.Plan(doc, bounds, chosen) if bounds else None)
            for _ in self.nlp.get_pipe("parser").pipe([s for p in plans if p for _b, s in p.subs]):
                pass
            for doc, plan in zip(docs, plans, strict=True):
                if plan:
                    plan.write()
                    doc.user_data["lazy_unparsed"] = list(plan.unparsed)
            yield from docs

    @Language.factory("lazy_parse")
    def make_lazy_parse(nlp: Language, name: str) -> LazyParse:
        return LazyParse(nlp)

    def load_model(name: str, memo_tagging: bool = True) -> Language:
        nlp = _load_model(name, memo_tagging)
        if "lazy_parse" not in nlp.component_names:
            nlp.enable_pipe("senter")
            nlp.disable_pipe("parser")
            nlp.add_pipe("presslens_linebreaks", name="lazy_linebreaks", after="senter")
            nlp.add_pipe("lazy_parse", after="lazy_linebreaks")
        return nlp

    def restore(doc: Any, parsed: Any, m: Any) -> Any:
        new = _restore(doc, parsed, m)
        unparsed = parsed.user_data.get("lazy_unparsed")
        if unparsed:
            to_masked = numpy.asarray(m.to_masked, dtype=numpy.int64)
            firsts = [numpy.flatnonzero(to_masked == b) for b in unparsed]
            starts = new.to_array(SENT_START).astype("int64")
            starts[starts == 0] = -1  # an unparsed Doc's starts are not recomputed from heads: all unset
            starts[sorted({int(f[0]) for f in firsts if len(f)})] = 1
            new.from_array([SENT_START], starts.astype("uint64"))
        return new

    presslens_nlp.load_model = load_model  # type: ignore[assignment]
    masking.restore = restore
