"""Where site_templates/ is: beside the package in a checkout, inside it when installed."""

from __future__ import annotations

import hashlib
import importlib.resources
import sys
from pathlib import Path

import jinja2


def templates_dir() -> Path:
    # In a checkout (and so when run as `python -m hubgen` from it) the
    # top-level folder wins; a wheel maps it to hubgen.site_templates.
    source_tree = Path(__file__).resolve().parents[2] / "site_templates"
    if (source_tree / "overrides").is_dir():
        return source_tree
    return Path(str(importlib.resources.files("hubgen.site_templates")))


class TemplateBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates: kept in memory for the life of the process (hubgen serve
    builds many times) and on disk for the next process. Compiling Material's and
    hubgen's templates costs more than rendering a hundred pages, and a creator
    builds the same templates over and over.

    The disk copy is Jinja's own file cache, in the per-user folder Jinja makes
    and checks (mode 0700, owned by the user; under $TMPDIR). A bucket is named by
    the environment's kind and compiler settings, the Jinja and Python versions,
    the template's name and its source's digest, not by its file name: hubgen's
    overrides are read from a fresh staging folder in every build. Anything wrong
    with the disk (no safe folder, a read-only one, a damaged file) means
    compiling, never a failed build."""

    def __init__(self, kind: str):
        self._kind = kind
        self._memory: dict[str, bytes] = {}
        self._disk: jinja2.FileSystemBytecodeCache | None | bool = False  # False: not looked for yet

    def get_bucket(self, environment, name, filename, source) -> jinja2.bccache.Bucket:
        checksum = self.get_source_checksum(source)
        key = hashlib.sha256(f"{self._kind}|{_compiler_settings(environment)}|{name}|{checksum}".encode()).hexdigest()
        bucket = jinja2.bccache.Bucket(environment, key, checksum)
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self._memory.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)
            return
        if disk := self._disk_cache():
            try:
                disk.load_bytecode(bucket)
            except Exception:  # a damaged or foreign file: compile instead
                bucket.reset()
            if bucket.code is not None:
                self._memory[bucket.key] = bucket.bytecode_to_string()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._memory[bucket.key] = bucket.bytecode_to_string()
        if disk := self._disk_cache():
            try:
                disk.dump_bytecode(bucket)
            except OSError:  # full or read-only: the next process compiles again
                pass

    def _disk_cache(self) -> jinja2.FileSystemBytecodeCache | None:
        if self._disk is False:
            try:
                self._disk = jinja2.FileSystemBytecodeCache(pattern=DISK_CACHE_PATTERN)
            except (OSError, RuntimeError):  # Jinja found no folder only this user can write
                self._disk = None
        return self._disk


DISK_CACHE_PATTERN = "hubgen-%s.cache"


def _compiler_settings(env: jinja2.Environment) -> str:
    """What, besides the source, decides the code a template compiles to."""
    return repr((jinja2.__version__, sys.version_info[:2], env.block_start_string, env.block_end_string,
                 env.variable_start_string, env.variable_end_string, env.comment_start_string,
                 env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
                 env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
                 sorted(env.extensions), env.optimized, env.is_async,
                 env.autoescape if isinstance(env.autoescape, bool) else "per template"))
