"""Where site_templates/ is: beside the package in a checkout, inside it when installed."""

from __future__ import annotations

import contextlib
import hashlib
import importlib.resources
import os
import sys
import tempfile
from pathlib import Path

from hubgen.theme import templates_dir  # noqa: F401  (where it has always been imported from)

import jinja2


class TemplateBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates: kept in memory for the life of the process (hubgen serve
    builds many times) and on disk for the next process (_DiskCache). Compiling
    Material's and hubgen's templates costs more than rendering a hundred pages,
    and a creator builds the same templates over and over.

    A bucket is named by the environment's kind and compiler settings, the Jinja
    and Python versions, the template's name and its source's digest, not by its
    file name: hubgen's overrides are read from a fresh staging folder in every
    build."""

    def __init__(self, kind: str):
        self._kind = kind
        self._memory: dict[str, bytes] = {}
        self._disk: _DiskCache | None | bool = False  # False: not looked for yet

    def get_bucket(self, environment, name, filename, source) -> jinja2.bccache.Bucket:
        checksum = self.get_source_checksum(source)
        key = hashlib.sha256(f"{self._kind}|{_compiler_settings(environment)}|{name}|{checksum}".encode()).hexdigest()
        bucket = jinja2.bccache.Bucket(environment, key, checksum)
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._memory.get(bucket.key)
        if code is None and (disk := self._disk_cache()):
            code = disk.read(bucket.key)
        if code is None:
            return
        try:
            bucket.bytecode_from_string(code)  # Jinja checks its magic and the source's digest
        except Exception:  # written by something else under that name: compile instead
            bucket.reset()
        if bucket.code is not None:
            self._memory[bucket.key] = code

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._memory[bucket.key] = bucket.bytecode_to_string()
        if disk := self._disk_cache():
            disk.write(bucket.key, code)

    def _disk_cache(self) -> _DiskCache | None:
        if self._disk is False:
            self._disk = _DiskCache.find()
        return self._disk


class _DiskCache:
    """Compiled templates in the per-user folder Jinja makes and checks (mode 0700,
    owned by the user, under $TMPDIR or /tmp), one file per bucket, written whole
    (under a temporary name, then renamed) and sealed with a digest of its bytes:
    a file damaged on disk would otherwise load as code that fails when it runs.
    Anything wrong with the disk means compiling, never a failed build."""

    def __init__(self, folder: Path):
        self.folder = folder

    @classmethod
    def find(cls) -> _DiskCache | None:
        if not _python_has_a_temporary_folder():
            return None  # its last resort is the current folder: the creator's project
        try:
            return cls(Path(jinja2.FileSystemBytecodeCache().directory))
        except (OSError, RuntimeError):  # Jinja found no folder only this user can write
            return None

    def _path(self, key: str) -> Path:
        return self.folder / (DISK_CACHE_PATTERN % key)

    def read(self, key: str) -> bytes | None:
        try:
            sealed = self._path(key).read_bytes()
        except OSError:
            return None
        seal, code = sealed[:_SEAL_BYTES], sealed[_SEAL_BYTES:]
        return code if hashlib.sha256(code).digest() == seal else None

    def write(self, key: str, code: bytes) -> None:
        target = self._path(key)
        try:
            written = tempfile.NamedTemporaryFile(dir=self.folder, prefix=target.name, suffix=".tmp", delete=False)
        except OSError:  # read-only: the next process compiles again
            return
        try:
            with written:
                written.write(hashlib.sha256(code).digest() + code)
            os.replace(written.name, target)
        except OSError:  # full
            with contextlib.suppress(OSError):
                os.unlink(written.name)


DISK_CACHE_PATTERN = "hubgen-%s.cache"
_SEAL_BYTES = 32  # a SHA-256 digest


def _python_has_a_temporary_folder() -> bool:
    """Whether tempfile found a temporary folder: with none writable ($TMPDIR, /tmp,
    /var/tmp), it falls back to the current folder."""
    found = os.path.realpath(tempfile.gettempdir())
    named = [os.getenv(name) for name in ("TMPDIR", "TEMP", "TMP")] + ["/tmp", "/var/tmp", "/usr/tmp"]
    return found in {os.path.realpath(folder) for folder in named if folder}


def _compiler_settings(env: jinja2.Environment) -> str:
    """What, besides the source, decides the code a template compiles to."""
    return repr((jinja2.__version__, sys.version_info[:2], env.block_start_string, env.block_end_string,
                 env.variable_start_string, env.variable_end_string, env.comment_start_string,
                 env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
                 env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
                 sorted(env.extensions), env.optimized, env.is_async,
                 env.autoescape if isinstance(env.autoescape, bool) else "per template"))
