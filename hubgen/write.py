"""The only code that touches the output folder.

A build renders into a staging folder beside the output, then swaps it in with
one rename. If anything fails, or the process is killed, the previous site is
untouched; a killed build's staging folder is removed by the next build.

hubgen never deletes what it did not write. It refuses an output folder that
is or holds the content folder or the current folder, one inside a folder
that hubgen reads as content (updates/, pages/, assets/), and a non-empty
folder without the marker file every hubgen site carries (SITE_MARKER).
Builds into the same parent folder take turns (a lock on that folder), so no
build removes another's staging folder. Under that lock a build may also read
the previous site (pages it takes over unchanged, render/incremental.py) and
replace its own cache beside it (.hubgen-cache/).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from hubgen.errors import OutputError
from hubgen.load import CONTENT_FOLDERS

STAGING_PREFIX = ".hubgen-staging-"
# Written into every site hubgen builds: only a folder holding it may be replaced.
SITE_MARKER = ".hubgen-site"
MARKER_TEXT = ("hubgen built this folder. `hubgen build -o` replaces a folder holding this file\n"
               "as a whole; it refuses any other folder that is not empty.\n")
LOCK_WAIT_SECONDS = 600  # a build of a very large hub takes minutes; longer means a stuck build
LOCK_POLL_SECONDS = 0.2
# Errors that mean the output's disk, not one file, is the problem.
_DISK_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG}
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


# -- which folders may be replaced ---------------------------------------------------------

def _shown(output: Path) -> str:
    return output.as_posix()  # Path("") is "."


def _contains(outer: Path, inner: Path) -> bool:
    return inner == outer or inner.is_relative_to(outer)


def is_hubgen_site(folder: Path) -> bool:
    """True for a folder a hubgen build wrote (it holds the marker as a plain file)."""
    try:
        return (folder / SITE_MARKER).lstat().st_mode & 0o170000 == 0o100000
    except OSError:
        return False


def check_output(output: Path, content: Path | None = None) -> None:
    """Refuse (OutputError, exit 2) an output folder whose replacement would delete
    something hubgen did not write."""
    shown = _shown(output)
    # Both the path as written (`..` folded) and with symlinks followed.
    targets = {Path(os.path.abspath(output)), output.resolve()}
    here = Path.cwd().resolve()
    for target in targets:
        if content is not None:
            real_content = content.resolve()
            if _contains(target, real_content):
                raise OutputError(f"-o {shown} holds the content folder {_shown(content)}; building "
                                  "there would delete it. Write the site to its own folder, e.g. -o site")
            for name in CONTENT_FOLDERS:
                if _contains(real_content / name, target):
                    raise OutputError(f"-o {shown} is inside {_shown(content / name)}, which hubgen reads "
                                      "as content; write the site outside it, e.g. -o site")
        if _contains(target, here):
            raise OutputError(f"-o {shown} holds the current folder; building there would delete it. "
                              "Write the site to its own folder, e.g. -o site")
    if os.path.islink(output):
        raise OutputError(f"-o {shown} is a symbolic link; give the folder itself")
    if os.path.lexists(output) and not os.path.isdir(output):
        raise OutputError(f"-o {shown} is a file, not a folder; give a folder for the site")
    if os.path.isdir(output) and any(os.scandir(output)) and not is_hubgen_site(output):
        raise OutputError(f"-o {shown} is not empty and hubgen did not build it (no {SITE_MARKER} "
                          "file in it); hubgen only replaces sites it built. Give an empty or new "
                          "folder, or move that folder's files away yourself")


# -- staging folders and the lock ----------------------------------------------------------

def _staging_pid(path: Path) -> int | None:
    """The pid in `.hubgen-staging-<pid>-<random>`, or None for another name."""
    pid = path.name[len(STAGING_PREFIX):].split("-", 1)[0]
    return int(pid) if pid.isdigit() else None


def remove_stale_staging(parent: Path) -> None:
    """Remove staging folders left by builds that were killed (called under the lock)."""
    for path in parent.glob(STAGING_PREFIX + "*"):
        pid = _staging_pid(path)
        if pid is None or (pid != os.getpid() and _alive(pid)):
            continue  # not named by this hubgen, or its build is still running
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
def build_lock(parent: Path, wait_seconds: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold the lock of builds into `parent`; wait (and say so) while another build holds it.

    The lock is flock(2) on the folder itself: it leaves no file behind and is
    released by the kernel when a build is killed."""
    fd = os.open(parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        if not _try_lock(fd):
            print(f"Another hubgen build is writing into {_shown(parent)}; waiting for it to finish.",
                  file=sys.stderr, flush=True)
            deadline = time.monotonic() + wait_seconds
            while not _try_lock(fd):
                if time.monotonic() > deadline:
                    raise OutputError(f"another hubgen build has been writing into {_shown(parent)} "
                                      f"for {wait_seconds:.0f} s; stop it or try again later")
                time.sleep(LOCK_POLL_SECONDS)
        yield
    finally:
        os.close(fd)  # releases the lock


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


# -- failures of the output folder itself --------------------------------------------------

def _is_output_failure(error: OSError, parent: Path, content: Path | None) -> bool:
    """True when `error` is about writing the output, not about reading content."""
    if error.errno in _DISK_ERRORS:
        return True
    if not error.filename:
        return False
    path = Path(os.path.abspath(os.fsdecode(error.filename)))
    if content is not None and _contains(Path(os.path.abspath(content)), path):
        return False
    return _contains(parent, path)


def _output_failure(error: OSError, output: Path) -> OutputError:
    # A full or read-only disk is the whole folder's problem; which file hit it says little.
    named = error.filename and error.errno not in _DISK_ERRORS
    where = f" ({os.fsdecode(error.filename)})" if named else ""
    return OutputError(f"cannot write the site to {_shown(output)}: {error.strerror or error}{where}. "
                       "Check that the folder is writable and its disk has space; "
                       "the previous site is untouched")


@contextlib.contextmanager
def atomic_site(output: Path, content: Path | None = None) -> Iterator[Path]:
    """Yield an empty folder to render into; on success it becomes `output`.

    `content` is the content folder: the output may neither hold nor lie inside it.
    """
    check_output(output, content)
    absolute = Path(os.path.abspath(output))
    parent = absolute.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _output_failure(error, output) from None
    with build_lock(parent):
        check_output(output, content)  # again: another build may have run while this one waited
        yield from _staged(absolute, parent, output, content)


def _staged(absolute: Path, parent: Path, output: Path, content: Path | None) -> Iterator[Path]:
    staging = None
    try:
        remove_stale_staging(parent)
        # The pid comes first so that a later build can tell whether this one still runs.
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=parent))
        site = staging / "site"
        site.mkdir()
        yield site
        (site / SITE_MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        _swap_in(site, absolute, staging / "old")
    except OSError as error:
        if _is_output_failure(error, parent, content):
            raise _output_failure(error, output) from None
        raise
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
