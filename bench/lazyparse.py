"""Parse on demand, measured: could the parser run only on the sentences a layer reads (issue 19)?

    nice -n 10 .venv/bin/python bench/lazyparse.py [--pages 300] [--rounds 3]

On the bench corpus' first-pass article texts (``corpus.pages``, the texts ``beyond_spacy.py``'s spaCy
side parses), in one process, with the model presslens loads (memoised tagging, the line-break
sentence starts):

1. the CPU of each pipeline component, and of the ``senter`` the model ships disabled;
2. which share of sentences and tokens a cheap cue selects as needing a parse: a quote mark, a
   reporting verb (``quotes.lexicon.verb_forms``), a CAMEO verb (``events.cameo``: verbs and their
   forms, on a token the tagger calls a verb), the first word of a PLOVER trigger phrase (``plover.yaml``, or its plural);
3. "parse on demand" itself, alternated with the full parser round by round: sentences from the
   ``senter`` (then the line-break starts), the parser run on one Doc per article that holds only the
   selected sentences (their tok2vec rows as its tensor, their starts preset), its heads and labels
   written back; every other sentence a flat tree with no label, so ``doc.sents`` keeps the senter's
   boundaries. Selections: ``cue`` (2. above), ``none`` and ``all`` (the mechanism's floor and its
   overhead over the full parser).

``--oracle`` prints instead the share of sentences that hold an event or a quote the article
stages output: the fewest a selection could parse, whatever its test.

It prints the CPU of the parse step per side and round (``resource.getrusage``, the load beside
it), the shares, how far the senter's sentence starts agree with the parser's, and how many tokens
of the selected sentences get the same head and label as from the full parse.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402

QUOTE_MARKS = frozenset('"“”‘’«»„')


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def texts_of(pages: int) -> list[str]:
    from beyond_spacy import _segmented

    from presslens.nlp import article_text

    tmp = Path(tempfile.mkdtemp(prefix="presslens-lazyparse-"))
    corpus.write(tmp / "text", iter(list(corpus.pages(corpus.paragraphs(), per_page=3))[:pages]))
    _pipe, per_page = _segmented(str(tmp / "text"))
    return [article_text(a.article, a.page_text) for page in per_page for a in page]


def cue_words() -> tuple[frozenset[str], frozenset[str]]:
    """(forms that cue on any token, forms that cue on a verb): lower-case word forms."""
    from presslens import lang
    from presslens.layers.events.cameo import cameo
    from presslens.layers.quotes.lexicon import verb_forms

    plover = lang.data("events/plover")
    # The trigger matcher indexes phrases by their first lemma; a form test takes its plurals too.
    firsts = {str(e["w"]).lower().split()[0] for e in plover["triggers"]}
    trigger_words = firsts | {w + "s" for w in firsts} | {w + "es" for w in firsts}
    c = cameo()
    return frozenset(trigger_words | set(verb_forms(broad=True))), frozenset(set(c.verbs) | set(c.forms))


def cue_sentences(doc: Any, bounds: list[tuple[int, int]], words: frozenset[str], verbs: frozenset[str]) -> list[bool]:
    """Per sentence: does a cheap cue say some layer will read its parse?"""
    from spacy.attrs import LOWER, TAG

    strings = doc.vocab.strings
    lows = [strings[h] for h in doc.to_array(LOWER).tolist()]
    tags = [strings[h] for h in doc.to_array(TAG).tolist()]
    text = doc.text
    out = []
    for b, e in bounds:
        if any(ch in QUOTE_MARKS for ch in text[doc[b].idx:doc[e - 1].idx + len(doc[e - 1])]):
            out.append(True)
            continue
        out.append(any(lows[i] in words or (lows[i] in verbs and tags[i].startswith("VB")) for i in range(b, e)))
    return out


def sentence_bounds(doc: Any) -> list[tuple[int, int]]:
    from spacy.attrs import SENT_START

    starts = numpy.flatnonzero(doc.to_array(SENT_START) == 1).tolist()
    if not starts or starts[0] != 0:
        starts = [0, *starts]
    return list(zip(starts, [*starts[1:], len(doc)], strict=True))


class Plan:
    """One article's parse on demand: each run of adjacent chosen sentences as a sub-Doc (the parser
    may join sentences it is given, so a sub-Doc never spans an unchosen one). The others keep no
    parse (spaCy's "missing head": the token itself, no label) and their senter starts, written after
    the heads because spaCy recomputes every start from the heads."""

    def __init__(self, doc: Any, bounds: list[tuple[int, int]], chosen: list[bool]):
        from spacy.attrs import IDX, SPACY
        from spacy.tokens import Doc

        self.doc, n = doc, len(doc)
        self.heads = numpy.arange(n, dtype="int64")
        runs: list[list[int]] = []  # [start, end, sentence starts...] of each run of chosen sentences
        self.unparsed = [b for (b, _e), c in zip(bounds, chosen, strict=True) if not c]
        for (b, e), c in zip(bounds, chosen, strict=True):
            if not c:
                continue
            if runs and runs[-1][1] == b:
                runs[-1][1] = e
                runs[-1].append(b)
            else:
                runs.append([b, e, b])
        self.subs: list[tuple[int, Any]] = []
        if not runs:
            return
        idx, spaces = doc.to_array([IDX, SPACY]).T.tolist()
        text = doc.text
        ends = [*idx[1:], len(text)]
        for b, e, *firsts in runs:
            starts = set(firsts)
            sub = Doc(doc.vocab, words=[text[idx[i]:ends[i] - spaces[i]] for i in range(b, e)],
                      spaces=[bool(spaces[i]) for i in range(b, e)],
                      sent_starts=[True if i in starts else None for i in range(b, e)])
            sub.tensor = doc.tensor[b:e]
            self.subs.append((b, sub))

    @property
    def parsed(self) -> int:
        return sum(len(s) for _b, s in self.subs)

    def write(self) -> None:
        from spacy.attrs import DEP, HEAD, SENT_START

        n = len(self.doc)
        deps = numpy.zeros(n, dtype="uint64")
        for b, sub in self.subs:
            arr = sub.to_array([HEAD, DEP])
            self.heads[b:b + len(sub)] = numpy.arange(b, b + len(sub)) + arr[:, 0].astype("int64")
            deps[b:b + len(sub)] = arr[:, 1]
        out = numpy.stack([(self.heads - numpy.arange(n)).astype("uint64"), deps], axis=1)
        self.doc.from_array([HEAD, DEP], out)
        if self.unparsed:
            starts = self.doc.to_array(SENT_START)
            starts[self.unparsed] = 1
            self.doc.from_array([SENT_START], starts)


def run(proc: Any, docs: Any) -> list[Any]:
    """A component over docs (``pipe`` where it has one; function components take one Doc)."""
    return list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(d) for d in docs]


def before_parse(nlp: Any, texts: list[str]) -> list[Any]:
    docs = list(nlp.get_pipe("tagger").pipe(nlp.get_pipe("tok2vec").pipe(nlp.make_doc(t) for t in texts)))
    return docs


def side_full(nlp: Any, texts: list[str]) -> tuple[float, list[Any]]:
    docs = before_parse(nlp, texts)
    t = cpu()
    docs = run(nlp.get_pipe("parser"), run(nlp.get_pipe("presslens_linebreaks"), docs))
    return cpu() - t, docs


def side_lazy(nlp: Any, texts: list[str], select: str, cues: tuple[frozenset[str], frozenset[str]]
              ) -> tuple[float, list[Any], int, int]:
    docs = before_parse(nlp, texts)
    senter, breaks = nlp.get_pipe("senter"), nlp.get_pipe("presslens_linebreaks")
    t = cpu()
    docs = run(breaks, run(senter, docs))
    chosen_sents = chosen_toks = 0
    plans = []
    for doc in docs:
        bounds = sentence_bounds(doc)
        chosen = (cue_sentences(doc, bounds, *cues) if select == "cue" else [select == "all"] * len(bounds))
        plans.append(Plan(doc, bounds, chosen))
        chosen_sents += sum(chosen)
        chosen_toks += plans[-1].parsed
    for _ in nlp.get_pipe("parser").pipe([s for p in plans for _b, s in p.subs]):
        pass
    for plan in plans:
        plan.write()
    return cpu() - t, docs, chosen_sents, chosen_toks


def components(nlp: Any, texts: list[str]) -> dict[str, float]:
    out: dict[str, float] = {}
    t = cpu()
    docs = [nlp.make_doc(x) for x in texts]
    out["tokenizer"] = cpu() - t
    for name in ["tok2vec", "tagger", "presslens_linebreaks", "parser", "attribute_ruler", "lemmatizer", "ner"]:
        t = cpu()
        docs = run(nlp.get_pipe(name), docs)
        out[name] = cpu() - t
    t = cpu()
    list(nlp.get_pipe("senter").pipe(nlp.make_doc(x) for x in texts))
    out["senter (incl. tokenizing)"] = cpu() - t
    return {k: round(v, 3) for k, v in out.items()}


def agreement(full: list[Any], lazy: list[Any], cues: tuple[frozenset[str], frozenset[str]]) -> dict[str, Any]:
    """Sentence starts (senter vs parser) and, on the sentences the cue selects, same head and label."""
    from spacy.attrs import DEP, HEAD, SENT_START

    both = only_full = only_lazy = same = toks = 0
    for f, z in zip(full, lazy, strict=True):
        fs = f.to_array(SENT_START) == 1
        zs = z.to_array(SENT_START) == 1
        both += int((fs & zs).sum())
        only_full += int((fs & ~zs).sum())
        only_lazy += int((zs & ~fs).sum())
        fa, za = f.to_array([HEAD, DEP]), z.to_array([HEAD, DEP])
        labelled = za[:, 1] != 0
        toks += int(labelled.sum())
        same += int((labelled & (fa[:, 0] == za[:, 0]) & (fa[:, 1] == za[:, 1])).sum())
    return {"starts_both": both, "starts_parser_only": only_full, "starts_lazy_only": only_lazy,
            "parsed_tokens": toks, "same_head_and_label": round(same / max(toks, 1), 3)}


def oracle(pages: int) -> dict[str, Any]:
    """The bound no cue can beat: the share of the parser's sentences (and their tokens) that hold an
    event trigger or a quote (content, cue or speaker) the article stages output. Other layers read
    the parse too (actors' cues, places' persons), so a real selection must parse at least these."""
    from beyond_spacy import _segmented

    from presslens.nlp import NlpStage

    tmp = Path(tempfile.mkdtemp(prefix="presslens-lazyparse-"))
    corpus.write(tmp / "text", iter(list(corpus.pages(corpus.paragraphs(), per_page=3))[:pages]))
    pipe, per_page = _segmented(str(tmp / "text"))
    sents: dict[int, list[tuple[int, int, int]]] = {}
    stage = next(s for s in pipe.stages if isinstance(s, NlpStage))
    parse = stage.batch

    def recorded(xs: Any) -> Any:
        for a in parse(xs):
            sents[id(a)] = [(s.start_char, s.end_char, len(s)) for s in a.doc.sents]
            yield a

    stage.batch = recorded  # type: ignore[method-assign]
    n = hit = toks = hit_toks = 0
    size = int(pipe.settings["pipeline"]["page_batch"])
    for i in range(0, len(per_page), size):
        for page in pipe.run_stages(per_page[i:i + size]):
            for a in page:
                marks = [(e.trigger_start if e.trigger_start is not None else e.start) - a.nlp_offset
                         for e in a.events]
                marks += [s - a.nlp_offset for q in a.quotes for s in (q.start, q.cue_start, q.speaker_start)
                          if s is not None]
                for b, e, length in sents.get(id(a), []):
                    n, toks = n + 1, toks + length
                    if any(b <= x < e for x in marks):
                        hit, hit_toks = hit + 1, hit_toks + length
    return {"sentences": n, "with_event_or_quote": round(hit / max(n, 1), 3),
            "tokens_share": round(hit_toks / max(toks, 1), 3)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--oracle", action="store_true", help="only the bound: sentences holding an event or quote")
    args = ap.parse_args()
    if args.oracle:
        print(json.dumps({"oracle": oracle(args.pages)}))
        return
    from presslens.nlp import load_model
    from presslens.settings import load_settings

    texts = texts_of(args.pages)
    nlp = load_model(load_settings()["nlp"]["model"])
    list(nlp.pipe(["Warm-up: the minister said on Monday that talks would resume."]))
    cues = cue_words()
    print(f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}; {len(texts)} articles, "
          f"{sum(len(d) for d in [nlp.make_doc(t) for t in texts])} tokens", flush=True)
    print(json.dumps({"components_cpu_s": components(nlp, texts), "load": round(os.getloadavg()[0], 1)}), flush=True)
    res: dict[str, list[float]] = {}
    for r in range(args.rounds):
        sides = ["full", "cue", "none", "all"]
        for side in sides if r % 2 == 0 else sides[::-1]:
            load = round(os.getloadavg()[0], 1)
            if side == "full":
                s, full_docs = side_full(nlp, texts)
                extra: dict[str, Any] = {}
            else:
                s, docs, ns, nt = side_lazy(nlp, texts, side, cues)
                extra = {"sentences_parsed": ns, "tokens_parsed": nt,
                         "sentences": sum(len(sentence_bounds(d)) for d in docs)}
                if side == "cue" and r == 0:
                    extra["agreement"] = agreement(full_docs if "full_docs" in locals() else side_full(nlp, texts)[1],
                                                   docs, cues)
            res.setdefault(side, []).append(s)
            print(json.dumps({"round": r, "side": side, "parse_step_cpu_s": round(s, 3), "load": load, **extra}),
                  flush=True)
    for side, xs in res.items():
        print(f"{side}: parse step median {statistics.median(xs):.3f} CPU-s (min {min(xs):.3f}, max {max(xs):.3f})")


if __name__ == "__main__":
    main()
