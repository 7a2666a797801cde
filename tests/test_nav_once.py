"""The nav of pages outside it (updates, tag pages, the form's thank-you page) is
rendered once per folder (render/mkdocs_hooks.nav_html), not once per page: every
page must still be exactly what Material's own nav template gives it."""

from __future__ import annotations

import shutil

from hubgen.pipeline import build_site, load_hub
from hubgen.render import mkdocs_project
from hubgen.render.templates import templates_dir
from test_build_cli import tree_digest


def test_every_page_is_as_materials_own_nav_renders_it(tmp_path, monkeypatch, example_content):
    loaded = load_hub(example_content)
    assert len(loaded.hub.public_updates) >= 3  # pages outside the nav, in one folder
    build_site(loaded, tmp_path / "hubgen" / "site", fork=False)

    without_override = tmp_path / "templates"
    shutil.copytree(templates_dir(), without_override)
    (without_override / "overrides" / "partials" / "nav.html").unlink()
    monkeypatch.setattr(mkdocs_project, "templates_dir", lambda: without_override)
    build_site(loaded, tmp_path / "material" / "site", fork=False)

    hubgen, material = tree_digest(tmp_path / "hubgen" / "site"), tree_digest(tmp_path / "material" / "site")
    assert [page for page in material if hubgen.get(page) != material[page]] == []
    assert hubgen.keys() == material.keys()
