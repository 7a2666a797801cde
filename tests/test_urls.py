"""hubgen/urls.py says where things are on the site; lint trusts it, so check it
against a real build: every page and anchor it claims exists."""

from __future__ import annotations

from hubgen.pipeline import load_hub
from hubgen.urls import heading_ids, site_map
from sitewalk import parse


def test_every_page_and_anchor_the_site_map_claims_is_in_the_built_site(built_site, example_content):
    hub = load_hub(example_content).hub
    claimed = site_map(hub)
    assert len(claimed.anchors) > 10
    for path, anchors in claimed.anchors.items():
        page = built_site / path / "index.html"
        assert page.is_file(), f"site_map claims /{path}, the build has no {page}"
        missing = (anchors or set()) - parse(page).ids
        assert not missing, f"/{path} lacks the anchors {sorted(missing)}"
    for name in claimed.files:
        if name not in ("feed.xml", "feed.json", "milestones.ics"):  # written by the feeds step
            assert (built_site / name).is_file(), name


def test_heading_ids_follow_the_toc_extension():
    markdown = "# Refunds\n## How to *ask*\n## How to ask\n```\n## not a heading\n```\n## Custom {#mine}\n"
    assert heading_ids(markdown) == {"refunds", "how-to-ask", "how-to-ask_1", "mine"}
