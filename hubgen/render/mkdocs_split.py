"""Material's pages rendered by two processes when the machine has a core to spare.

MkDocs reads every page (Markdown, table of contents, title) before it puts any
into a theme template, and a page's template needs only what was read, never
another page's output. So once reading is done (the `env` event) a forked
process renders about half the pages while this one renders the rest; this one
skips the child's pages through a template that renders nothing (MkDocs writes
no file for empty output). Rendering is about half of Material's build time on
a big hub (docs/benchmarks.md).

If the child fails, this process renders the child's pages itself at the end,
so an error surfaces exactly as it would with one process, and the site is the
same either way (tests/test_render_parallel.py).

Used from mkdocs_hooks.py; build_with_material (mkdocs_project.py) opens one
split per build with `page_split()`.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from hubgen.render.forking import die_with_parent, fork_process, spare_core

# site_templates/overrides/hubgen-skip.html: empty.
SKIP_TEMPLATE = "hubgen-skip.html"
# A page's template costs about this much beyond its content (nav, header, footer).
PAGE_OVERHEAD = 4000

log = logging.getLogger("mkdocs.hubgen")


def _build_page(page, config, doc_files, nav, env) -> None:
    # MkDocs' own page step (private, pinned by mkdocs>=1.6,<1.7 in pyproject.toml).
    from mkdocs.commands.build import _build_page as mkdocs_build_page

    mkdocs_build_page(page, config, doc_files, nav, env)


def balance(pages: list, shares: tuple[float, ...] = (0.54, 0.46)) -> list[list]:
    """Split pages into lists whose rendering costs follow `shares`, each in the original order.

    The child's share is a little smaller: it pays for copying on write the
    memory it touches, and waited-for time measured on the bench hub said so.
    """
    loads = [0.0] * len(shares)
    members: list[list] = [[] for _ in shares]
    order = {id(page): n for n, page in enumerate(pages)}
    for page in sorted(pages, key=lambda p: -_cost(p)):  # biggest first: the last ones even it out
        target = min(range(len(shares)), key=lambda i: ((loads[i] + _cost(page)) / shares[i], i))
        loads[target] += _cost(page)
        members[target].append(page)
    return [sorted(half, key=lambda p: order[id(p)]) for half in members]


def _cost(page) -> int:
    return len(page.content or "") + PAGE_OVERHEAD


def _render_in_child(pages, config, doc_files, nav, env, sender) -> None:
    from hubgen.render.mkdocs_project import WarningCollector

    die_with_parent()
    warnings = WarningCollector()
    logging.getLogger("mkdocs").addHandler(warnings)
    try:
        for page in pages:
            _build_page(page, config, doc_files, nav, env)
        sender.send(warnings.messages)
    except BaseException:
        # Quietly: the parent renders these pages again and reports the error itself.
        os._exit(1)
    os._exit(0)


@dataclass
class PageSplit:
    """One build's split of page rendering; `processes` says how many rendered pages."""

    enabled: bool
    processes: int = 1
    nav: object = None
    _child: object = None
    _receiver: object = None
    _theirs: list = field(default_factory=list)
    _templates: dict = field(default_factory=dict)
    _render_args: tuple = ()

    def start(self, config, files, env) -> None:
        """At the `env` event: fork a child that renders about half the pages."""
        if not self.enabled or self.nav is None:
            return
        doc_files = files.documentation_pages()
        pages = [file.page for file in doc_files if file.page is not None]
        if len(pages) < 2:
            return
        _, theirs = balance(pages)
        from multiprocessing import Pipe

        self._receiver, sender = Pipe(duplex=False)
        self._child = fork_process(_render_in_child, (theirs, config, doc_files, self.nav, env, sender))
        self._child.start()
        sender.close()
        self._theirs, self._render_args = theirs, (config, doc_files, self.nav, env)
        for page in theirs:
            self._templates[id(page)] = page.meta.get("template")
            page.meta["template"] = SKIP_TEMPLATE

    def finish(self) -> None:
        """At `post_build`, before anything else: wait for the child, or do its work."""
        if self._child is None:
            return
        warnings = self._receive()
        self._child.join()
        if self._child.exitcode == 0 and warnings is not None:
            self.processes = 2
            for message in warnings:
                log.warning(message)
        else:
            self._render_theirs_here()
        self._child = None

    def _receive(self) -> list[str] | None:
        try:
            return self._receiver.recv()
        except EOFError:  # the child died before it could say anything
            return None
        finally:
            self._receiver.close()

    def _render_theirs_here(self) -> None:
        for page in self._theirs:
            template = self._templates[id(page)]
            if template is None:
                page.meta.pop("template", None)
            else:
                page.meta["template"] = template
            _build_page(page, *self._render_args)


_current: PageSplit | None = None


def current() -> PageSplit | None:
    """The split of the build under way, if hubgen started it (not when MkDocs runs alone)."""
    return _current


@contextmanager
def page_split() -> Iterator[PageSplit]:
    global _current
    _current = PageSplit(enabled=spare_core())
    try:
        yield _current
    finally:
        if _current._child is not None and _current._child.is_alive():
            _current._child.kill()  # the build failed before post_build
            _current._child.join()
        _current = None
