"""Fault injection (issue 18): ingest killed at random points (seeded, bounded) and re-run leaves the
store exactly as one clean run would, bad inputs included."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from presslens.store import Store

CHILD = """
import sys
from presslens import registry
import presslens.ingest  # the readers; the NLP modules load_builtins would import are not needed here
registry.load_builtins = lambda: None
from presslens.pipeline import ingest
from presslens.records import Article, Part
from presslens.settings import load_settings
from presslens.store import Store

@registry.segmenters.register("test-two-articles")
def two(settings):
    def seg(page):
        n = len(page.text)
        h = n // 2
        return [Article(id=page.id + "-a1", page_id=page.id, seq=1, start=0, end=h, body_start=0, body_end=h,
                        parts=[Part(role="body", start=0, end=h, text=page.text[:h])]),
                Article(id=page.id + "-a2", page_id=page.id, seq=2, start=h, end=n, body_start=h, body_end=n,
                        parts=[Part(role="body", start=h, end=n, text=page.text[h:])])]
    return seg

s = load_settings()
s["pipeline"]["segmenter"] = "test-two-articles"
s["pipeline"]["post"] = []
print("START", flush=True)
def tick(path):
    print(path, flush=True)
with Store(sys.argv[2]) as st:
    ingest([sys.argv[1]], st, settings=s, stages=[], progress=tick, batch_size=3)
print("DONE", flush=True)
"""


def corpus(root: Path) -> Path:
    d = root / "corpus"
    d.mkdir()
    rnd = random.Random(18)
    for i in range(40):
        words = " ".join(rnd.choice(["protest", "minister", "said", "Basra", "river", "talks"]) for _ in range(30))
        kind = i % 5
        if kind == 0:
            (d / f"{i:02d}.jsonl").write_text("\n".join(json.dumps({"text": f"{words} {i}.{k}"}) for k in range(3))
                                             + "\n{broken\n")
        elif kind == 1:
            (d / f"{i:02d}.bin.txt").write_bytes(b"%PDF-1.4" + bytes(rnd.randrange(256) for _ in range(200)))
        else:
            (d / f"{i:02d}.txt").write_text(f"Headline {i}\n\n{words}.\n")
    return d


def child(src: Path, db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", CHILD, str(src), str(db)], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)


def snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with Store(db, read_only=True) as st:
        return {
            "pages": [tuple(r.values()) for r in st.rows(
                "SELECT key, content_hash, version, path, text, CAST(meta AS VARCHAR) FROM pages ORDER BY key")],
            "articles": [tuple(r.values()) for r in st.rows(
                "SELECT id, page_id, seq, start, \"end\", CAST(parts AS VARCHAR) FROM articles ORDER BY id")],
            "orphans": [tuple(r.values()) for r in st.rows(
                "SELECT a.id FROM articles a LEFT JOIN pages p ON a.page_id = p.id "
                "WHERE p.key IS NULL")],
        }


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_killed_at_random_points_then_rerun_equals_a_clean_run(tmp_path: Path) -> None:
    src = corpus(tmp_path)
    clean_db = tmp_path / "clean.duckdb"
    c = child(src, clean_db)
    out, _ = c.communicate(timeout=180)
    assert "DONE" in out
    total = out.count("\n") - 2  # progress lines

    rnd = random.Random(1818)
    db = tmp_path / "faulty.duckdb"
    kills = [signal.SIGKILL, signal.SIGTERM, signal.SIGKILL, signal.SIGINT]
    for sig in kills:
        p = child(src, db)
        assert p.stdout is not None
        after = rnd.randrange(total)
        seen = -1
        for line in p.stdout:
            if line.startswith("START"):
                seen = 0
            elif seen >= 0:
                seen += 1
            if seen >= after or line.startswith("DONE"):
                break
        time.sleep(rnd.random() * 0.05)  # land anywhere: reading, analysing, inside a commit
        p.send_signal(sig)
        p.wait(timeout=60)
        p.stdout.close()
        state = snapshot(db) if db.exists() else None
        if state is not None:
            assert state["orphans"] == []  # whole batches only
    final = child(src, db)
    out, _ = final.communicate(timeout=180)
    assert "DONE" in out
    assert snapshot(db) == snapshot(clean_db)
