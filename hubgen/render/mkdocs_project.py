"""The only module that knows about MkDocs and Material.

It writes a generated MkDocs project (docs/ + mkdocs.yml) and builds it through
the Python API: the `mkdocs` command would print Material's end-of-life banner.
Swapping the renderer later means replacing this module.
"""

from __future__ import annotations

import functools
import logging
import re
import shutil
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

import jinja2
import yaml
from markupsafe import Markup, escape

from hubgen.errors import BuildError
from hubgen.labels import Labels, hub_labels
from hubgen.markup import MARKDOWN_EXTENSIONS
from hubgen.model import Hub
from hubgen.render.mkdocs_split import page_split
from hubgen.render.pages import GeneratedSite
from hubgen.render.palette import palette_css
from hubgen.render.templates import templates_dir
from hubgen.theme import theme_language
from hubgen.urls import URL_SAFE

HOOKS = Path(__file__).with_name("mkdocs_hooks.py")
ASSET_DIR = "assets/hubgen"


@dataclass
class MkDocsResult:
    warnings: list[str] = field(default_factory=list)
    processes: int = 1  #: processes that rendered pages (mkdocs_split.py)


def markdown_extensions(t: Labels) -> list:
    return [{"toc": {"permalink": True, "permalink_title": t("site.permalink")}}, *MARKDOWN_EXTENSIONS[1:]]


def mkdocs_config(hub: Hub, site: GeneratedSite, site_dir: Path) -> dict:
    project = hub.project
    t = hub_labels(hub)
    theme = {
        "name": "material",
        "custom_dir": "overrides",
        "language": theme_language(project.language),
        "font": False,  # no Google Fonts: the hub loads nothing from other hosts
        "palette": [
            # Follow the backer's system setting until they use the toggle.
            {"media": "(prefers-color-scheme: light)",
             "scheme": "default", "primary": hub.theme.primary, "accent": hub.theme.accent,
             "toggle": {"icon": "material/weather-night", "name": t("site.dark_mode")}},
            {"media": "(prefers-color-scheme: dark)",
             "scheme": "slate", "primary": hub.theme.primary, "accent": hub.theme.accent,
             "toggle": {"icon": "material/weather-sunny", "name": t("site.light_mode")}},
        ],
        "features": ["navigation.top", "toc.follow"],  # search: hubgen-search.js
    }
    if project.logo:
        theme["logo"] = theme["favicon"] = attribute_safe_url(project.logo)
    return {
        "site_name": project.name,
        "site_url": attribute_safe_url(project.site_url),
        "site_author": project.creator,
        "site_description": t("site.description", project=project.name),
        "docs_dir": "docs",
        "site_dir": str(site_dir),
        "use_directory_urls": True,
        "theme": theme,
        "nav": site.nav,
        "plugins": [{"search": {"lang": theme_language(project.language)}}],
        "hooks": [str(HOOKS)],
        "markdown_extensions": markdown_extensions(t),
        "extra_css": [f"{ASSET_DIR}/hubgen.css", f"{ASSET_DIR}/palette.css"],
        # hubgen-ask.js: the contact form; hubgen-helpful.js: "Was this helpful?" (render/forms.py);
        # delivery.js: the country picker on delivery/;
        # hubgen-search.js: the search, in the header and the "How can we help?" boxes.
        "extra_javascript": [f"{ASSET_DIR}/hubgen.js", f"{ASSET_DIR}/hubgen-ask.js",
                             f"{ASSET_DIR}/hubgen-helpful.js",
                             f"{ASSET_DIR}/delivery.js", f"{ASSET_DIR}/hubgen-search.js"],
        "extra": {"hubgen": {
            "pinned": [{"title": u.title, "url": f"updates/{u.slug}/", "summary": u.summary}
                       for u in hub.pinned_updates],
            "refund_policy": hub.refund_policy is not None,
            "labels": theme_labels(hub),
            "script_labels": hub_labels(hub).for_script(),
        }, "generator": False},
        "validation": {"nav": {"omitted_files": "ignore"}},
    }


def theme_labels(hub: Hub) -> dict[str, str]:
    """The labels overrides/main.html prints (with {tag} left for the template)."""
    t = hub_labels(hub)
    site = hub.project.name
    return {"notice": t("site.notice"), "opened_from_disk": t("site.opened_from_disk", command="hubgen serve"),
            "refund_policy": t("nav.refund_policy"),
            "pledge_states": t("nav.pledge_states"), "contact": t("nav.contact"),
            "feed_atom": t("site.feed_atom", site=site), "feed_json": t("site.feed_json", site=site),
            "tag_feed_atom": t("site.tag_feed_atom", site=site, tag="{tag}"),
            "tag_feed_json": t("site.tag_feed_json", site=site, tag="{tag}")}


def write_project(hub: Hub, site: GeneratedSite, project_dir: Path, site_dir: Path) -> Path:
    """Write docs/, overrides/ and mkdocs.yml; return the config file's path."""
    docs = project_dir / "docs"
    for page in site.pages:
        target = docs / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.text, encoding="utf-8")
    for asset in hub.assets:
        target = docs / asset
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(hub.root / asset, target)
    templates = templates_dir()
    shutil.copytree(templates / "overrides", project_dir / "overrides")
    shutil.copytree(templates / "assets", docs / ASSET_DIR)
    (docs / ASSET_DIR / "palette.css").write_text(palette_css(hub.theme.primary), encoding="utf-8")
    config_file = project_dir / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(mkdocs_config(hub, site, site_dir), sort_keys=False),
                           encoding="utf-8")
    return config_file


class WarningCollector(logging.Handler):
    """Keeps the message of every warning and error logged under it."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _quiet_mkdocs(collector: WarningCollector):
    """Route MkDocs' log to us: warnings are collected, the rest is dropped."""
    log = logging.getLogger("mkdocs")
    saved = log.handlers[:], log.propagate, log.level
    log.handlers, log.propagate = [collector], False
    log.setLevel(logging.WARNING)
    try:
        yield
    finally:
        log.handlers, log.propagate, _ = saved[0], saved[1], log.setLevel(saved[2])


# Plain-text config values Material prints without escaping (MkDocs' Jinja
# does not auto-escape), some inside attributes: <meta content="...">.
PLAIN_TEXT_CONFIG = ("site_name", "site_description", "site_author")


def escape_plain_text(config) -> None:
    """Escape each plain-text value once; Markup stops Jinja's |e from escaping it twice.
    Page and nav titles are escaped the same way by mkdocs_hooks.py."""
    for key in PLAIN_TEXT_CONFIG:
        if config.get(key):
            config[key] = Markup(escape(config[key]))


def attribute_safe_url(url: str) -> str:
    """A URL (or a file path used as one) that cannot end the attribute Material
    writes it into: quotes, angle brackets and spaces are percent-encoded."""
    return quote(url, safe=URL_SAFE)


def build_with_material(config_file: Path, fork: bool = True) -> MkDocsResult:
    """Build the project; `fork=False` keeps every page in this process (hubgen serve)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    collector = WarningCollector()
    with _quiet_mkdocs(collector), page_split(fork) as split:
        try:
            config = load_config(str(config_file))
            escape_plain_text(config)
            build(config)
        except MkDocsException as exc:
            raise BuildError(f"the site generator failed: {exc}") from None
        except SystemExit as exc:  # MkDocs aborts some errors this way
            raise BuildError(f"the site generator stopped: {'; '.join(collector.messages) or exc}") from None
    return MkDocsResult(warnings=collector.messages, processes=split.processes)


# -- the theme's own inline scripts (site/_headers allows exactly these) ----------

_BARE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_JINJA = re.compile(r"\{[{%#].*?[}%#]\}", re.S)
# The only template values a script may carry: where the site's root is. A
# script made from anything else (a page's front matter) is never allowed.
_BASE_URL_EXPRESSIONS = {"{{ base_url }}", "{{ config.extra.scope | d(base_url) }}"}


@functools.cache
def _theme_script_templates() -> tuple[str, ...]:
    """Every attribute-less inline <script> in Material's templates and hubgen's
    overrides, as Jinja source: a few carry the page's base URL."""
    from material import templates as material_templates

    folders = [Path(material_templates.__file__).parent, templates_dir() / "overrides"]
    found = []
    for folder in folders:
        for template in sorted(folder.rglob("*.html")):
            found += [script for script in _BARE_SCRIPT.findall(template.read_text(encoding="utf-8"))
                      if set(_JINJA.findall(script)) <= _BASE_URL_EXPRESSIONS]
    return tuple(dict.fromkeys(found))


def page_base_url(site_url: str, html_path: str) -> str:
    """The base URL MkDocs gives the page at `html_path` (site-relative): relative
    for pages, the site's own path for static templates such as 404.html."""
    from mkdocs.utils import get_relative_url

    if "/" not in html_path and html_path != "index.html":  # 404.html and other static templates
        return urlsplit(site_url or "/").path
    url = html_path.removesuffix("index.html")
    return get_relative_url(".", url or ".")


def theme_scripts(base_urls: Iterable[str]) -> set[str]:
    """The inline scripts the theme writes, exactly as written on pages with these base URLs."""
    env = jinja2.Environment()
    found = set()
    for source in _theme_script_templates():
        template = env.from_string(source)
        for base_url in base_urls:
            found.add(template.render(base_url=base_url, config={"extra": {}}))
    return found
