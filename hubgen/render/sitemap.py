"""sitemap.xml of a hub in several languages: every language's pages, each with its alternates.

MkDocs writes a sitemap per site, and each language is a site of its own
(render/site.py), so the site's /sitemap.xml named the original's pages only and
search engines never heard of de/. Once every language is built, the root
sitemap lists every page in every language, each <url> with an
<xhtml:link rel="alternate" hreflang> for the same page in each language (as the
pages' own <link rel="alternate" hreflang> say). The pages are the same in every
language: a translation mirrors its original, what it leaves out shown in the
original's words.

The sitemap's alternates are absolute (site_url), as search engines require; the
pages' own are relative, because Material's language switch fetches the sitemap
beside each alternate, which must stay on the host the page came from (a preview).
"""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

from hubgen import urls
from hubgen.model import Hub

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def _pages(sitemap: Path, site_url: str, skip: tuple[str, ...]) -> dict[str, str]:
    """site path -> lastmod of each page a sitemap lists below `site_url`, but those under `skip`."""
    if not sitemap.is_file():
        return {}
    found = {}
    for url in ET.parse(sitemap).getroot().iter(f"{{{SITEMAP_NS}}}url"):
        loc = url.findtext(f"{{{SITEMAP_NS}}}loc") or ""
        if loc.startswith(site_url) and not loc[len(site_url):].startswith(skip):
            found[loc[len(site_url):]] = url.findtext(f"{{{SITEMAP_NS}}}lastmod") or ""
    return found


def sitemap_xml(hub: Hub, site_dir: Path) -> bytes:
    site_url = hub.project.site_url.rstrip("/") + "/"
    prefixes = {language: urls.language_prefix(hub, language) for language in urls.hub_languages(hub)}
    folders = tuple(prefix for prefix in prefixes.values() if prefix)
    # The original's pages, from MkDocs' sitemap (the languages' entries of an earlier pass left out).
    pages = _pages(site_dir / urls.SITEMAP_FILE, site_url, folders)
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for language, prefix in prefixes.items():
        dates = pages if not prefix else _pages(site_dir / prefix / urls.SITEMAP_FILE, site_url + prefix, ())
        for path, lastmod in pages.items():
            url = ET.SubElement(root, f"{{{SITEMAP_NS}}}url")
            ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = site_url + prefix + path
            if dates.get(path, lastmod):
                ET.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = dates.get(path, lastmod)
            for other, other_prefix in prefixes.items():
                ET.SubElement(url, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=other,
                              href=site_url + other_prefix + path)
            # For a reader of none of them: the original (search engines' x-default).
            ET.SubElement(url, f"{{{XHTML_NS}}}link", rel="alternate", hreflang="x-default", href=site_url + path)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def write_sitemap(hub: Hub, site_dir: Path) -> None:
    """A finished-site step (site.finished_site_steps): for a hub in several languages, the
    root sitemap.xml (and its .gz) with every language's pages; one language: MkDocs' as it is."""
    if not hub.translations or not (site_dir / urls.SITEMAP_FILE).is_file():
        return
    data = sitemap_xml(hub, site_dir)
    (site_dir / urls.SITEMAP_FILE).write_bytes(data)
    # mtime=0: the same site gives the same bytes, build after build.
    (site_dir / (urls.SITEMAP_FILE + ".gz")).write_bytes(gzip.compress(data, mtime=0))
