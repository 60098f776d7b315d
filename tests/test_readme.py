"""Every command in README.md, exactly as written, in a fresh copy of the repository.

The copy holds the files git tracks (plus new, not ignored ones) with their modification times,
and this checkout's .venv linked in (a fresh clone would build it with `make`; building it here
would take minutes). Each ```sh line is run with bash in the copy's root and must exit 0 without
a traceback; the ```yaml block is saved under the name its first comment gives; the ```python
block is run with the venv's Python. `make demo` runs with `-o .venv/.installed` so that make
never reinstalls the linked venv; `serve` runs on a free port (PRESSLENS_SERVER_PORT) until it
answers, then stops.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.S)

pytestmark = pytest.mark.slow


def blocks() -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in BLOCK.finditer(README.read_text(encoding="utf-8"))]


def commands() -> list[str]:
    out = []
    for lang, body in blocks():
        if lang == "sh":
            out += [line for line in body.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return out


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (ROOT / ".venv" / "bin" / "presslens").exists():
        pytest.skip("no .venv in this checkout")
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, check=True).stdout.decode().split("\0")
    dest = tmp_path_factory.mktemp("clone")
    for f in filter(None, files):
        src = ROOT / f
        if src.is_file():
            (dest / f).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / f)
    (dest / ".venv").symlink_to(ROOT / ".venv")
    for lang, body in blocks():
        first = body.splitlines()[0] if body else ""
        if lang == "yaml" and first.startswith("# ") and first[2:].strip().endswith(".yaml"):
            (dest / first[2:].strip()).write_text(body, encoding="utf-8")
    return dest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(line: str, cwd: Path) -> None:
    port = _free_port()
    env = {**os.environ, "PRESSLENS_SERVER_PORT": str(port)}
    proc = subprocess.Popen(["bash", "-c", line], cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as r:
                    assert r.status == 200
                    return
            except OSError:
                assert proc.poll() is None, proc.stdout.read().decode() if proc.stdout else ""
                time.sleep(0.5)
        raise AssertionError("serve did not answer within 60 s")
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=30)


def test_readme_has_the_commands() -> None:
    cmds = commands()
    assert any(c.startswith("make demo") for c in cmds)
    assert any("presslens show " in c for c in cmds) and any("presslens serve" in c for c in cmds)
    assert not any("../shared" in c for c in cmds)  # not in a fresh clone


def test_every_readme_command_runs(clone: Path) -> None:
    for line in commands():
        if re.match(r"\S*presslens serve\b", line.split("#")[0].strip()):
            _serve(line, clone)
            continue
        run = line.replace("make demo", "make -o .venv/.installed demo", 1) if line.startswith("make demo") else line
        if run.startswith("make test"):
            continue  # `make test` is what runs this test
        res = subprocess.run(["bash", "-c", run], cwd=clone, capture_output=True, text=True, timeout=900)
        out = res.stdout + res.stderr
        assert res.returncode == 0, f"{line!r} exited {res.returncode}:\n{out[-2000:]}"
        assert "Traceback" not in out, f"{line!r}:\n{out[-2000:]}"


def test_readme_python_runs(clone: Path) -> None:
    for lang, body in blocks():
        if lang != "python":
            continue
        res = subprocess.run([str(clone / ".venv" / "bin" / "python"), "-c", body], cwd=clone, capture_output=True,
                             text=True, timeout=600)
        assert res.returncode == 0, res.stderr[-2000:]
