"""Work functions for the pool tests, importable by spawned workers: a worker that
meets "CRASH" dies the way a native crash or the OOM killer ends it (os._exit)."""

from __future__ import annotations

import os


def init(settings: dict) -> None:
    pass


def work(chunk: list) -> list:
    if any("CRASH" in str(x) for x in chunk):
        os._exit(3)
    return [str(x).upper() for x in chunk]
