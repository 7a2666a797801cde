"""Work a build hands to a second process when the machine has a core to spare.

Both users (render/site.py for the index and feeds, render/mkdocs_split.py for
the pages) fork: the child starts with the model already in memory, so nothing
is pickled or read twice.

Forking is only safe in a single-threaded process: `hubgen serve` answers
HTTP on threads, so it builds with `fork=False` and never reaches this module.
A child that has not finished by `child_deadline` is killed and the parent
does its work itself.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import time

# How long the parent waits for a child once its own share is done: at least
# CHILD_WAIT_MIN seconds, or CHILD_WAIT_FACTOR times as long as its own share
# took (the shares are balanced, so a healthy child is done by then).
CHILD_WAIT_MIN = 60.0
CHILD_WAIT_FACTOR = 3.0


def usable_cores() -> int:
    """Cores this process may run on (taskset and cgroup cpusets count, unlike os.cpu_count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def spare_core() -> bool:
    """True when a forked process can run beside this one."""
    return "fork" in multiprocessing.get_all_start_methods() and usable_cores() > 1


def fork_process(target, args) -> multiprocessing.Process:
    return multiprocessing.get_context("fork").Process(target=target, args=args, daemon=True)


def die_with_parent() -> None:
    """Called in the child: a killed build must not leave it writing on (Linux: PR_SET_PDEATHSIG)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def child_deadline(forked_at: float) -> float:
    """The time.monotonic() after which a child forked at `forked_at` counts as hung."""
    own_share = time.monotonic() - forked_at
    return time.monotonic() + max(CHILD_WAIT_MIN, CHILD_WAIT_FACTOR * own_share)
