"""One writer per warehouse: `newsclaims run` and `publish` hold `DIR/.lock` while they work.

An advisory `flock` on the file: the kernel releases it when the holder dies, even by SIGKILL,
so a crashed run never leaves the warehouse locked. The file holds the holder's pid and
command, for the message a second writer gets.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_FILE = ".lock"


class WarehouseBusy(RuntimeError):
    """Another run or publish holds the warehouse's lock."""


@contextmanager
def warehouse_lock(warehouse: Path, what: str = "run", wait_s: float = 0.0) -> Iterator[None]:
    """Hold the warehouse's lock for the block; wait up to `wait_s` for it, then raise WarehouseBusy."""
    warehouse.mkdir(parents=True, exist_ok=True)
    path = warehouse / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = _holder(path)
                    raise WarehouseBusy(
                        f"another newsclaims command is working on {warehouse} ({holder}): "
                        "wait for it to finish, then run this again"
                    ) from None
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()}: newsclaims {what} {' '.join(sys.argv[1:2])}".strip().encode())
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _holder(path: Path) -> str:
    try:
        return path.read_text().strip() or "pid unknown"
    except OSError:
        return "pid unknown"
