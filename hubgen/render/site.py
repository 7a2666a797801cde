"""Render a whole site into a folder: pages through Material, then extras."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from hubgen.model import Hub
from hubgen.render.mkdocs_project import build_with_material, write_project
from hubgen.render.pages import generate_pages


def after_material_steps() -> list:
    """Outputs written beside Material's pages, in order; each is f(hub, site_dir).

    `write_headers` stays last: _headers hashes the inline scripts of the
    finished pages, so every step that writes or changes HTML runs before it.
    """
    from hubgen.render.calendar import write_calendar
    from hubgen.render.feeds import write_feeds
    from hubgen.render.headers import write_headers
    from hubgen.search import write_search_index

    # hubgen's search index (entries, keywords, synonyms) replaces Material's.
    return [write_search_index, write_feeds, write_calendar, write_headers]


@dataclass
class BuildSummary:
    pages: int
    faq_entries: int
    updates: int
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    def text(self, output: Path) -> str:
        return (f"Built {self.pages} pages ({self.faq_entries} FAQ entries, {self.updates} public "
                f"updates) into {output} in {self.seconds:.1f} s; {len(self.warnings)} warning(s).")


def render_site(hub: Hub, site_dir: Path, quiet: bool = True) -> BuildSummary:
    """Build the hub into `site_dir`, an empty folder (write.py swaps it into place)."""
    started = time.perf_counter()
    generated = generate_pages(hub)
    project_dir = site_dir.parent / "project"
    config_file = write_project(hub, generated, project_dir, site_dir)
    result = build_with_material(config_file)
    for step in after_material_steps():
        step(hub, site_dir)
    return BuildSummary(
        pages=len(generated.pages),
        faq_entries=len(hub.faq_entries),
        updates=len(hub.public_updates),
        seconds=time.perf_counter() - started,
        warnings=result.warnings,
    )

