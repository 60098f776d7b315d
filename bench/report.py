"""The start and end every bench script's JSON report shares: the machine and its load average
(figures on the shared machine mean nothing without them), printed and optionally written."""

from __future__ import annotations

import json
import os
import platform
from pathlib import Path
from typing import Any


def machine() -> str:
    return (f"{platform.machine()}, {os.cpu_count()} CPUs, python {platform.python_version()}, "
            f"load {os.getloadavg()[0]:.1f} at start")


def start() -> dict[str, Any]:
    """A report holding the machine line, to which the script adds its figures."""
    return {"machine": machine()}


def finish(res: dict[str, Any], out: str | os.PathLike[str] = "") -> dict[str, Any]:
    """Add the load average at the end, print the report, and write it to ``out`` when given."""
    res["load_at_end"] = round(os.getloadavg()[0], 1)
    text = json.dumps(res, indent=1)
    print(text)
    if out:
        Path(out).write_text(text, encoding="utf-8")
    return res
