"""Where things are on the site is said once, in hubgen/urls.py; every other
module and template derives it from there.

A second spelling is how a page moves in one place and not in another: the
search index, a feed or a template then sends backers to a page the site no
longer has, while lint, which reads urls.py, says every link is fine.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conftest import REPO
from hubgen import urls

PAGE_URLS = (urls.FAQ_URL, urls.REFUND_POLICY_URL, urls.PLEDGE_STATES_URL, urls.UPDATES_URL, urls.CONTACT_URL,
             urls.DELIVERY_URL, urls.EXTRA_PAGES_URL)
FILE_NAMES = (urls.FEED_ATOM, urls.FEED_JSON, urls.CALENDAR_FILE, urls.SITEMAP_FILE, urls.NOT_FOUND_PAGE,
              urls.SEARCH_INDEX_FILE, urls.INDEX_PAGE)
ANCHORS = (urls.ROUTING_ANCHOR, urls.ASK_ANCHOR, urls.CHANGE_ANCHOR, urls.MILESTONES_ANCHOR, urls.REGIONS_ANCHOR,
           urls.PROMISES_ANCHOR)
# Modules about the content folder (translations.py reads content/<language>/ alike), whose names some pages share (content/updates/*.md,
# content/pages/*.md; the `milestones:` and `routing:` keys): other facts, owned there.
CONTENT_SIDE = {"urls.py", "content_format.py", "validate.py", "authoring.py", "translations.py"}
MODULES = sorted(path for path in (REPO / "hubgen").rglob("*.py") if path.name not in CONTENT_SIDE)
PAGE_TEMPLATES = sorted((REPO / "site_templates").glob("*.j2"))
THEME_TEMPLATES = sorted((REPO / "site_templates" / "overrides").rglob("*.html"))


def _is_site_place(text: str) -> bool:
    """Does a string literal name a page, a site file or a fixed anchor itself?"""
    if text in FILE_NAMES or text in ANCHORS or any(text.endswith("/" + name) for name in FILE_NAMES):
        return True
    return text.lstrip("/").startswith(PAGE_URLS) or any(f"#{anchor}" in text for anchor in ANCHORS)


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _spelled_in_python(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    prose = _docstrings(tree)
    return [f"{path.relative_to(REPO)}:{node.lineno}: {node.value!r}" for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in prose
            and _is_site_place(node.value)]


def _spelled_in_template(text: str) -> list[str]:
    places = [re.escape(url) for url in PAGE_URLS] + [re.escape(name) for name in FILE_NAMES]
    found = re.findall(r"""[/'"(](?:%s)""" % "|".join(places), text)
    return found + re.findall(r"#(?:%s)(?![\w-])" % "|".join(map(re.escape, ANCHORS)), text)


def test_the_checks_below_find_a_place_spelled_out():
    assert _is_site_place("updates/#milestones") and _is_site_place("/faq/") and _is_site_place("feed.xml")
    assert not _is_site_place("contact.title") and not _is_site_place("refund-policy.md")
    assert _spelled_in_template('<a href="/milestones.ics">') and _spelled_in_template("## Who {#routing}")
    assert not _spelled_in_template("{{ site_href(urls.CALENDAR_FILE) }} {#{{ urls.ROUTING_ANCHOR }}}")


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.relative_to(REPO / "hubgen").as_posix())
def test_no_module_spells_a_page_a_site_file_or_a_fixed_anchor(path):
    assert _spelled_in_python(path) == [], "use the constants and functions of hubgen/urls.py"


@pytest.mark.parametrize("path", PAGE_TEMPLATES + THEME_TEMPLATES, ids=lambda path: path.name)
def test_no_template_spells_a_page_a_site_file_or_a_fixed_anchor(path):
    # Comments may say where things are: page templates use <%# %>, the theme {# #}.
    comment = r"<%#.*?#%>" if path.suffix == ".j2" else r"\{#.*?#\}"
    text = re.sub(comment, "", path.read_text(encoding="utf-8"), flags=re.S)
    assert _spelled_in_template(text) == [], "use the `urls` global (page templates) or config.extra.hubgen.urls"
