"""Material's build split over two processes when the machine has a core to spare.

Each page costs MkDocs two steps: its Markdown is converted (all pages first),
then it is put into Material's templates. Neither step needs another page's
result: the nav takes its titles from mkdocs.yml and every generated page names
its own title in front matter. So once the nav is made (the `nav` event) the
build forks, and each process does both steps for its own share of the pages:

- the other process's pages are neither read nor rendered: MkDocs runs in its
  `dirty` mode, which skips every page whose file says it is unmodified, and
  each process's pages say so of the other's (the site folder is empty, so
  dirty mode changes nothing else);
- the child writes only pages: the theme's files and static templates (404,
  sitemap) are left to this process;
- the child ends at `post_build`, before any plugin's post_build runs, and
  hands its warnings back over a pipe.

If the child fails, or has not finished by forking.child_deadline (a hung
child is killed), this process converts and renders the child's pages itself
at the end, so an error surfaces exactly as it would with one process, and the
site is byte-identical either way (tests/test_render_parallel.py). On the bench
hub this halves the 5 s Material spends on pages (docs/benchmarks.md).

The split leans on MkDocs internals: the order of its events and, for that
fallback, the private `_populate_page` and `_build_page` of MkDocs 1.6. So it
runs only on MkDocs 1.6.x with both present (`split_supported`); anywhere else
the build runs in one process, as plain MkDocs does.

Used from mkdocs_hooks.py; build_with_material (mkdocs_project.py) opens one
split per build with `page_split()`.
"""

from __future__ import annotations

import json
import logging
import os
import select
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from hubgen.render import forking
from hubgen.render.forking import die_with_parent, spare_core

# A page costs about this much beyond its Markdown (nav, header, footer), in bytes of Markdown.
PAGE_OVERHEAD = 2000
# The child's share of the cost. The parent also copies the theme's files and
# renders 404.html and sitemap.xml; the child pays for copying on write the
# memory it touches. On the bench hub at 0.48 the parent spent 0.33-0.39 s more
# CPU than the child from the fork on (3 runs), about 0.04 of the pages' cost.
CHILD_SHARE = 0.51

log = logging.getLogger("mkdocs.hubgen")
# The MkDocs release whose internals the split was written and tested against.
SUPPORTED_MKDOCS = (1, 6)
PRIVATE_FUNCTIONS = ("_populate_page", "_build_page")


def split_supported() -> bool:
    """True on MkDocs 1.6.x with the private functions the fallback calls."""
    try:
        import mkdocs
        from mkdocs.commands import build
    except ImportError:
        return False
    release = tuple(int(part) for part in mkdocs.__version__.split(".")[:2] if part.isdigit())
    return release == SUPPORTED_MKDOCS and all(callable(getattr(build, name, None))
                                               for name in PRIVATE_FUNCTIONS)


def balance(costs: list[int], child_share: float = CHILD_SHARE) -> set[int]:
    """Indexes of the items the child takes, so that its total is about `child_share`."""
    shares = (1 - child_share, child_share)
    loads = [0.0, 0.0]
    child: set[int] = set()
    for index in sorted(range(len(costs)), key=lambda i: -costs[i]):  # biggest first: the rest even it out
        side = min((0, 1), key=lambda s: ((loads[s] + costs[index]) / shares[s], s))
        loads[side] += costs[index]
        if side == 1:
            child.add(index)
    return child


def _markdown_cost(file) -> int:
    if file.abs_src_path is None:  # a page hubgen handed over in memory (mkdocs_hooks.on_files)
        return len(file.content_bytes) + PAGE_OVERHEAD
    try:
        return os.path.getsize(file.abs_src_path) + PAGE_OVERHEAD
    except OSError:
        return PAGE_OVERHEAD


def _modified() -> bool:
    return True


def _unmodified() -> bool:
    return False


def build_only(own: list, others: list) -> None:
    """MkDocs' dirty mode reads and renders only files that say they were modified:
    `own` say so, `others` do not (also mkdocs_hooks.on_files, for pages an
    incremental build takes from the previous site)."""
    for file in own:
        file.is_modified = _modified
    for file in others:
        file.is_modified = _unmodified


def _child_setup(config, files) -> None:
    """In the child at `env`: write pages only; the theme's files and static templates are the parent's."""
    from mkdocs.structure.files import InclusionLevel

    for file in files:
        if not file.is_documentation_page():
            file.inclusion = InclusionLevel.EXCLUDED
    config.theme.static_templates.clear()
    config.extra_templates = []


@dataclass
class PageSplit:
    """One build's split; `processes` says how many processes built pages."""

    enabled: bool
    processes: int = 1
    in_child: bool = False
    _child_pid: int | None = None
    _forked_at: float = 0.0
    _pipe: int | None = None
    _child_files: list = field(default_factory=list)
    _collector: logging.Handler | None = None
    _context: dict = field(default_factory=dict)

    # --- events, called from mkdocs_hooks.py -------------------------------------------

    def start(self, config, files, nav) -> None:
        """At `nav`: fork; from here on each process builds its own share of the pages."""
        if not self.enabled:
            return
        doc_files = files.documentation_pages()
        if len(doc_files) < 2:
            return
        child_indexes = balance([_markdown_cost(file) for file in doc_files])
        read_end, write_end = os.pipe()
        self._forked_at = time.monotonic()
        pid = os.fork()
        child_files = [f for i, f in enumerate(doc_files) if i in child_indexes]
        parent_files = [f for i, f in enumerate(doc_files) if i not in child_indexes]
        if pid == 0:
            os.close(read_end)
            self._become_child(write_end)
            build_only(child_files, parent_files)
        else:
            os.close(write_end)
            self._child_pid, self._pipe = pid, read_end
            self._child_files = child_files
            build_only(parent_files, child_files)
        self._context.update(config=config, files=files, nav=nav)

    def env(self, env, config, files) -> None:
        self._context["env"] = env
        if self.in_child:
            _child_setup(config, files)

    def finish(self) -> None:
        """At `post_build`, before any plugin's: the child reports and ends; the parent waits."""
        if self.in_child:
            self._child_reports_and_exits()
        if self._child_pid is None:
            return
        warnings = self._receive()
        if warnings is None:  # it failed or hangs: make sure it is gone before doing its pages
            self.stop_child()
            self._build_child_pages_here()
            return
        _, status = os.waitpid(self._child_pid, 0)
        self._child_pid = None
        if os.waitstatus_to_exitcode(status) == 0:
            self.processes = 2
            for message in warnings:
                log.warning(message)
        else:
            self._build_child_pages_here()

    # --- the child ---------------------------------------------------------------------

    def _become_child(self, write_end: int) -> None:
        die_with_parent()
        from hubgen.render.mkdocs_project import WarningCollector

        self.in_child, self._pipe = True, write_end
        self._collector = WarningCollector()
        logging.getLogger("mkdocs").addHandler(self._collector)

    def _child_reports_and_exits(self) -> None:
        try:
            with os.fdopen(self._pipe, "w", encoding="utf-8") as pipe:
                json.dump(self._collector.messages, pipe)
        finally:
            os._exit(0)

    def exit_if_child(self) -> None:
        """A child that got here failed: it must never return into hubgen's own code."""
        if self.in_child:
            os._exit(1)

    # --- the parent, when the child failed -----------------------------------------------

    def _receive(self) -> list[str] | None:
        """The child's warnings; None when it died before reporting or missed its deadline."""
        pipe_fd, self._pipe = self._pipe, None
        deadline = forking.child_deadline(self._forked_at)
        chunks = []
        try:
            while chunk := self._read_before(pipe_fd, deadline):
                chunks.append(chunk)
        except TimeoutError:
            log.debug("the second page process did not finish in time; building its pages here")
            return None
        finally:
            os.close(pipe_fd)
        try:
            return json.loads(b"".join(chunks).decode("utf-8"))
        except ValueError:  # the child died before it finished its report
            return None

    @staticmethod
    def _read_before(pipe_fd: int, deadline: float) -> bytes:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([pipe_fd], [], [], left)[0]:
            raise TimeoutError
        return os.read(pipe_fd, 65536)

    def _build_child_pages_here(self) -> None:
        from mkdocs.commands.build import _build_page, _populate_page  # pinned: mkdocs>=1.6,<1.7

        config, files, nav, env = (self._context[k] for k in ("config", "files", "nav", "env"))
        for file in self._child_files:
            _populate_page(file.page, config, files)
        doc_files = files.documentation_pages()
        for file in self._child_files:
            _build_page(file.page, config, doc_files, nav, env)

    def stop_child(self) -> None:
        if self._pipe is not None and not self.in_child:
            os.close(self._pipe)
            self._pipe = None
        if self._child_pid is not None:
            try:
                os.kill(self._child_pid, signal.SIGKILL)
                os.waitpid(self._child_pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self._child_pid = None


_current: PageSplit | None = None


def current() -> PageSplit | None:
    """The split of the build under way, if hubgen started it (not when MkDocs runs alone)."""
    return _current


@contextmanager
def page_split(fork: bool = True) -> Iterator[PageSplit]:
    """The split of one build; `fork=False` (hubgen serve) keeps it in one process."""
    global _current
    _current = split = PageSplit(enabled=fork and spare_core() and split_supported())
    try:
        yield split
    finally:
        split.exit_if_child()
        split.stop_child()  # the build failed before post_build
        _current = None
