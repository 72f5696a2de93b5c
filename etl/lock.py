"""One build at a time per warehouse: an advisory lock file next to the output.

A second build of the same output waits for the first, saying so once, and refuses with a one-line
reason when `timeout` seconds pass. The lock is an flock on `<output>.lock`, so a killed build
releases it with its process; the file is removed by the build that holds it, and a waiter that
locked a file which has meanwhile been removed tries again on the new one.
"""
from __future__ import annotations

import fcntl
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from etl.errors import BuildError

POLL_SECONDS = 0.2


class BuildLocked(BuildError):
    """Another build of the same output held the lock for longer than the timeout."""


def lock_path(output: Path) -> Path:
    return output.with_name(output.name + ".lock")


def _holder(path: Path) -> str:
    try:
        pid = path.read_text().strip()
    except OSError:
        return ""
    return f" (pid {pid})" if pid.isdigit() else ""


def _try_lock(path: Path) -> int | None:
    """A descriptor holding the lock on the file now at `path`, or None if someone else holds it."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    try:
        same = os.stat(path).st_ino == os.fstat(fd).st_ino
    except FileNotFoundError:
        same = False
    if not same:  # the holder removed the file between our open and our lock: lock the new one
        os.close(fd)
        return _try_lock(path)
    return fd


@contextmanager
def build_lock(output: Path, timeout: float, say=None):
    """Hold the build lock of `output` for the duration of the block."""
    path = lock_path(output)
    say = say or (lambda msg: print(msg, file=sys.stderr))
    deadline = time.monotonic() + timeout
    fd = _try_lock(path)
    if fd is None:
        say(f"waiting for another build of {output}{_holder(path)} to finish (up to {timeout:g} s)…")
    while fd is None:
        if time.monotonic() >= deadline:
            raise BuildLocked(f"another build of {output} is running{_holder(path)}; waited {timeout:g} s "
                              "(try again when it has finished)")
        time.sleep(POLL_SECONDS)
        fd = _try_lock(path)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        yield
    finally:
        path.unlink(missing_ok=True)  # while still locked, so no waiter locks a file that then vanishes
        os.close(fd)
