"""The only code that touches the output folder.

A build renders into a staging folder beside the output, then swaps it in with
one rename. If anything fails, or the process is killed, the previous site is
untouched; a killed build's staging folder is removed by the next build.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

STAGING_PREFIX = ".hubgen-staging-"
_RENAME_EXCHANGE = 2  # from <linux/fs.h>
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2). False where unsupported."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def _swap_in(new: Path, output: Path, trash: Path) -> None:
    """Put `new` at `output`; the old output, if any, ends up at `trash`."""
    if output.exists() or output.is_symlink():
        if _exchange(new, output):
            new.rename(trash)
            return
        output.rename(trash)  # fallback: two renames, a moment with no site
    new.rename(output)


def remove_stale_staging(parent: Path) -> None:
    """Remove staging folders left by builds that were killed."""
    for path in parent.glob(STAGING_PREFIX + "*"):
        pid = path.name.rsplit("-", 1)[-1]
        if pid.isdigit() and _alive(int(pid)) and int(pid) != os.getpid():
            continue  # another build is running right now
        shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def atomic_site(output: Path) -> Iterator[Path]:
    """Yield an empty folder to render into; on success it becomes `output`."""
    output = output.absolute()
    parent = output.parent
    parent.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(parent)
    # The pid ends the name so that a later build knows whether it is still running.
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.urandom(3).hex()}-", dir=parent))
    staging = staging.rename(parent / f"{staging.name}{os.getpid()}")
    try:
        site = staging / "site"
        site.mkdir()
        yield site
        _swap_in(site, output, staging / "old")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
