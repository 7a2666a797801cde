"""The site's sitemap.xml names every language's pages, each with its alternates, so a
search engine that reads /sitemap.xml finds the German pages too."""

from __future__ import annotations

import gzip
import shutil
import xml.etree.ElementTree as ET

from hubgen.pipeline import load_hub

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
SITE = "https://help.tidewater.example/"


def entries(sitemap: bytes) -> dict[str, dict[str, str]]:
    """loc -> {hreflang: href} of each <url>."""
    root = ET.fromstring(sitemap)
    return {url.findtext("s:loc", namespaces=NS): {link.get("hreflang"): link.get("href")
                                                    for link in url.findall("x:link", NS)}
            for url in root.findall("s:url", NS)}


def test_the_root_sitemap_lists_every_languages_pages_with_their_alternates(built_site):
    found = entries((built_site / "sitemap.xml").read_bytes())
    german = entries((built_site / "de" / "sitemap.xml").read_bytes())
    assert german and set(german) <= set(found)  # every German page, from the site's own sitemap
    assert f"{SITE}de/faq/" in found and f"{SITE}de/updates/2026-11-18-shipping-plan/" in found
    # Absolute, as search engines require; x-default (a reader of neither) is the original.
    assert found[f"{SITE}de/refund-policy/"] == {"en": f"{SITE}refund-policy/", "de": f"{SITE}de/refund-policy/",
                                                 "x-default": f"{SITE}refund-policy/"}
    assert found[f"{SITE}refund-policy/"] == found[f"{SITE}de/refund-policy/"]
    assert all(set(links) == {"en", "de", "x-default"} for links in found.values())
    assert len(found) == 2 * len(german)
    assert gzip.decompress((built_site / "sitemap.xml.gz").read_bytes()) == (built_site / "sitemap.xml").read_bytes()


def test_writing_the_sitemap_again_changes_nothing(built_site, example_content, tmp_path):
    # hubgen serve rebuilds one language and runs the finishing steps over a root sitemap
    # that already holds every language: the result must not double.
    from hubgen.render.sitemap import write_sitemap

    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    before = (site / "sitemap.xml").read_bytes()
    write_sitemap(load_hub(example_content).hub, site)
    assert (site / "sitemap.xml").read_bytes() == before
