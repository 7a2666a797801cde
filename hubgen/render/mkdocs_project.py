"""The only module that knows about MkDocs and Material.

It writes a generated MkDocs project (docs/ + mkdocs.yml) and builds it through
the Python API: the `mkdocs` command would print Material's end-of-life banner.
Swapping the renderer later means replacing this module.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import re
import shutil
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urljoin

import jinja2
import yaml
from markupsafe import Markup, escape

from hubgen import urls
from hubgen.errors import BuildError
from hubgen.labels import Labels, hub_labels, labels_for
from hubgen.markup import MARKDOWN_EXTENSIONS
from hubgen.model import Hub, Original, language_attributes, original_language
from hubgen.render.mkdocs_split import page_split
from hubgen.render.pages import GeneratedSite
from hubgen.render.palette import palette_css
from hubgen.render.templates import TemplateBytecodeCache, templates_dir
from hubgen.theme import theme_language
from hubgen.content_assets import owner_of
from hubgen.urls import (HUBGEN_ASSETS_DIR, INDEX_PAGE, SEARCH_INDEX_FILE, SITEMAP_FILE, URL_SAFE, fingerprinted,
                         site_folder, update_url)

# Material prints a box about MkDocs 2.0 and its own end of life when it believes
# it runs as the `mkdocs` command (its 9.7 releases printed it on every build),
# and a plugin may add one about ProperDocs: nothing a creator can act on, in
# every build log. Both switches, as Material documents them, before the theme
# is first imported; forked render processes inherit them.
QUIET_THIRD_PARTY = {"NO_MKDOCS_2_WARNING": "true", "DISABLE_MKDOCS_2_WARNING": "true"}
for _name, _value in QUIET_THIRD_PARTY.items():
    os.environ.setdefault(_name, _value)

HOOKS = Path(__file__).with_name("mkdocs_hooks.py")


@dataclass
class MkDocsResult:
    warnings: list[str] = field(default_factory=list)
    processes: int = 1  #: processes that rendered pages (mkdocs_split.py)
    outputs: set[str] = field(default_factory=set)  #: every file MkDocs owns in the site, site-relative


THEME_BYTECODE = TemplateBytecodeCache("material")  #: every environment of the theme's (_share_theme_work)


# By the theme's static templates (MkDocs' filter leaves them out), then by name.
_FILTERED: dict[tuple[str, ...], dict[str, bool]] = {}


@functools.cache
def _installed_templates(folder: str) -> tuple[str, ...]:
    return tuple(jinja2.FileSystemLoader(folder).list_templates())


def _list_theme_templates(loader: jinja2.FileSystemLoader) -> list[str]:
    """The loader's templates, with the installed theme's folders listed once per process:
    MkDocs lists every template on every build, and Material's folder holds thousands of
    icons (a quarter of a second on each of hubgen serve's rebuilds)."""
    found: set[str] = set()
    for folder in loader.searchpath:
        installed = Path(folder).is_relative_to(Path(material_package_dir()))
        found.update(_installed_templates(folder) if installed else
                     jinja2.FileSystemLoader(folder).list_templates())
    return sorted(found)


@functools.cache
def material_package_dir() -> str:
    import material

    return str(Path(material.__file__).parent)


def material_search_worker() -> str:
    """The site path of Material's search worker, which carries the lunr.js hubgen-search.js runs."""
    found = sorted(Path(material_templates_dir()).glob("assets/javascripts/workers/search.*.min.js"))
    return found[0].relative_to(material_templates_dir()).as_posix()


def material_bundle() -> str:
    """The site path of Material's script bundle (base.html names it; overrides/main.html defers it)."""
    found = sorted(Path(material_templates_dir()).glob("assets/javascripts/bundle.*.min.js"))
    return found[0].relative_to(material_templates_dir()).as_posix()


def material_templates_dir() -> str:
    """Material's own templates, which hubgen's overrides/ partly hide."""
    return str(Path(material_package_dir()) / "templates")


def _share_theme_work(theme) -> None:
    """Make the theme's environments list Material's templates from memory, keep
    which names MkDocs' filter of theme files lets through (it runs a dozen patterns
    over every name: another quarter of a second per build), and share compiled
    templates (Material's search plugin makes environments of its own)."""
    make_env = theme.get_env
    passes = _FILTERED.setdefault(tuple(theme.static_templates), {})

    def get_env():
        env = make_env()
        env.bytecode_cache = THEME_BYTECODE
        env.loader.list_templates = functools.partial(_list_theme_templates, env.loader)

        def list_templates(extensions=None, filter_func=None):
            if extensions is not None or filter_func is None:
                return jinja2.Environment.list_templates(env, extensions, filter_func)
            names = env.loader.list_templates()
            for name in names:
                if name not in passes:
                    passes[name] = filter_func(name)
            return [name for name in names if passes[name]]

        env.list_templates = list_templates
        return env

    theme.get_env = get_env


# Code whose change changes every page's HTML (beside the templates and mkdocs.yml).
_PAGE_CODE = (Path(__file__), HOOKS, Path(__file__).parents[1] / "markup.py")


def site_key(hub: Hub, site: GeneratedSite) -> str:
    """A digest of everything every page's HTML depends on besides its own Markdown
    (render/incremental.py): mkdocs.yml, hubgen's templates and assets, the code that
    renders pages, and the versions of hubgen, MkDocs and Material."""
    import material
    import mkdocs

    from hubgen import __version__
    from hubgen.render.incremental import digest

    config = mkdocs_config(hub, site, Path("site"))  # where the site is written changes no page
    parts = [__version__, mkdocs.__version__, getattr(material, "__version__", "?"),
             json.dumps(config, sort_keys=True, default=str)]
    templates = templates_dir()
    for path in [*_PAGE_CODE, *sorted(p for p in templates.rglob("*") if p.is_file())]:
        parts += [path.name, path.read_bytes()]
    return digest(*parts)


def markdown_extensions(t: Labels) -> list:
    return [{"toc": {"permalink": True, "permalink_title": t("site.permalink")}}, *MARKDOWN_EXTENSIONS[1:]]


def hubgen_assets(hub: Hub) -> dict[str, tuple[str, bytes]]:
    """hubgen's own CSS and JavaScript (site_templates/assets/, and palette.css made for
    the hub), by name: (site path, bytes). Each path carries a digest of its bytes
    (urls.fingerprinted), so a changed script is a new URL and hosts may let browsers
    keep each for a year (render/headers.py); whoever edits the files just edits them."""
    files = {path.name: path.read_bytes() for path in sorted((templates_dir() / "assets").iterdir())
             if path.is_file()}
    files["palette.css"] = palette_css(hub.theme.primary, hub.theme.accent).encode("utf-8")
    return {name: (f"{HUBGEN_ASSETS_DIR}/{fingerprinted(name, data)}", data) for name, data in files.items()}


# mkdocs.yml holds titles as text: an untranslated one (model.Original) is written
# as the text it is; the nav marks it by "untranslated_nav" (mkdocs_hooks.on_nav).
yaml.SafeDumper.add_representer(Original, yaml.SafeDumper.represent_str)


def untranslated_nav(nav: list) -> dict[str, str]:
    """docs path -> language of every nav entry whose title is still the original's."""
    found = {}
    for entry in nav:
        for title, target in entry.items():
            if isinstance(target, list):
                found.update(untranslated_nav(target))
            elif original_language(title):
                found[target] = original_language(title)
    return found


def mkdocs_config(hub: Hub, site: GeneratedSite, site_dir: Path) -> dict:
    project = hub.project
    own = hubgen_assets(hub)
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
        "plugins": [{"search": {"lang": project.language.split("-")[0]}}],  # lunr's languages have no regions
        "hooks": [str(HOOKS)],
        "markdown_extensions": markdown_extensions(t),
        "extra_css": [own["hubgen.css"][0], own["palette.css"][0]],
        # hubgen-ask.js: the contact form; hubgen-helpful.js: "Was this helpful?" (render/forms.py);
        # delivery.js: the country picker on delivery/. Deferred, as Material's bundle is
        # (overrides/main.html): none of them is needed for the first paint or the first answer,
        # and a script that blocks the parser holds back the async search script behind it.
        # hubgen-search.js (the search, in the header and the "How can we help?" boxes) is not
        # here: overrides/main.html loads it async from the head, so that its worker and the
        # index start as soon as it is in.
        "extra_javascript": [{"path": own[name][0], "defer": True}
                             for name in ("hubgen.js", "hubgen-ask.js", "hubgen-helpful.js", "delivery.js")],
        "extra": {"hubgen": {
            "pinned": [{"title": u.title, "url": update_url(u.slug), "summary": u.summary,
                        # ' lang="en"' when a translation left its title in the original
                        "lang": language_attributes(original_language(u.title)) if original_language(u.title) else "",
                        **segment_mark(hub, u.segments)} for u in hub.pinned_updates],
            # Nav entries whose title a translation left in the original: docs path -> its language.
            "untranslated_nav": untranslated_nav(site.nav),
            "refund_policy": hub.refund_policy is not None,
            # Links to updates taken off the hub are left out of the pages (mkdocs_hooks, urls.unlinked);
            # by digest, so their addresses are written nowhere. In mkdocs.yml, so a change renders every page.
            "unlinked": sorted(urls.url_digest(path) for path in urls.hidden_update_urls(hub)),
            # Where overrides/main.html links to (hubgen.urls).
            "urls": {"feed_atom": urls.FEED_ATOM, "feed_json": urls.FEED_JSON, "refund_policy": urls.REFUND_POLICY_URL,
                     "pledge_states": urls.PLEDGE_STATES_URL, "contact": urls.CONTACT_URL,
                     "accessibility": urls.ACCESSIBILITY_URL,
                     "home_from_root": site_folder(hub.project.site_url),  # the 404 page's way home, any depth
                     "search": urls.SEARCH_URL, "ask_anchor": urls.ASK_ANCHOR,
                     "search_index": urls.search_shard_file(0), "search_script": own["hubgen-search.js"][0],
                     "search_worker": material_search_worker(), "material_bundle": material_bundle(),
                     "query_param": urls.SEARCH_QUERY_PARAM, "not_found_from": urls.NOT_FOUND_FROM_PARAM, "question_param": urls.CONTACT_QUESTION_PARAM},
            "labels": theme_labels(hub),
            "script_labels": hub_labels(hub).for_script(),
            "search_labels": hub_labels(hub).for_search(),  # overrides/partials/search.html
            "languages": language_links(hub),  # overrides/main.html: hreflang alternates, the switcher
            # <html lang> (overrides/partials/language.html): the tag as written, region and all
            # (pt-BR), where the theme's own catalogue may say only "pt".
            "html_lang": project.language,
        }, "generator": False},
        "validation": {"nav": {"omitted_files": "ignore"}},
    }


def segment_mark(hub: Hub, segment_ids: list[str]) -> dict[str, str]:
    """A pinned notice only for some backers: "For Retailers", and the ids delivery.js marks it by."""
    if not segment_ids:
        return {"segments": "", "for": ""}
    labels = {segment.id: segment.label for segment in hub.segments}
    return {"segments": " ".join(segment_ids),
            "for": hub_labels(hub)("segments.for", label=", ".join(labels.get(s, s) for s in segment_ids))}


def language_name(language: str) -> str:
    """A language's name in that language ("Deutsch", "Français"), as a switcher shows it."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(language.replace("-", "_")).get_display_name(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return language
    return name[:1].upper() + name[1:] if name else language


def language_links(hub: Hub) -> list[dict]:
    """Each language the hub is shown in: its code, its name, the way from this
    language's pages to its own (urls.to_language), and for the 404 pages (which a
    host serves at any depth) its home and 404 page from the host's root, with a
    link's words in that language; [] for a hub in one language."""
    languages = urls.hub_languages(hub)
    if len(languages) < 2:
        return []
    root = site_folder(hub.project.site_url)  # this language's pages', as page_base_url's
    links = []
    for language in languages:
        name = language_name(language)
        home = urljoin(root, urls.to_language(hub, language))
        words = labels_for(language, hub.contact.voice)
        links.append({"code": language, "name": name, "current": language == hub.project.language,
                      "to": urls.to_language(hub, language), "home": home, "not_found": home + urls.NOT_FOUND_PAGE,
                      "home_label": f"{words('site.colon', text=name)} {words('site.not_found_home')}"})
    return links


def theme_labels(hub: Hub) -> dict[str, str]:
    """The labels overrides/main.html prints (with {tag} left for the template)."""
    t = hub_labels(hub)
    site = hub.project.name
    return {"notice": t("site.notice"), "language": t("site.language"),
            "not_found": t("site.not_found"), "not_found_text": t("site.not_found_text"),
            "not_found_home": t("site.not_found_home"), "opened_from_disk": t("site.opened_from_disk", command="hubgen serve"),
            "refund_policy": t("nav.refund_policy"),
            "pledge_states": t("nav.pledge_states"), "contact": t("nav.contact"),
            "accessibility": t("accessibility.link"),
            "feed_atom": t("site.feed_atom", site=site), "feed_json": t("site.feed_json", site=site),
            "tag_feed_atom": t("site.tag_feed_atom", site=site, tag="{tag}"),
            "tag_feed_json": t("site.tag_feed_json", site=site, tag="{tag}")}


def write_project(hub: Hub, site: GeneratedSite, project_dir: Path, site_dir: Path,
                  sync: bool = False) -> Path:
    """Write docs/ (assets), overrides/ and mkdocs.yml; return the config file's path.

    `sync`: the project is one an earlier build left (hubgen serve keeps one):
    files are copied only when changed and those no longer part of it removed."""
    # The pages themselves are handed to MkDocs in memory (mkdocs_hooks.on_files):
    # writing them out, for MkDocs to read back, cost more than rendering some of them.
    docs = project_dir / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    _refuse_theme_places(hub)
    copy = _copy_if_changed if sync else shutil.copy2
    for asset in hub.assets:
        target = docs / asset
        target.parent.mkdir(parents=True, exist_ok=True)
        copy(hub.root / asset, target)
    templates = templates_dir()
    shutil.copytree(templates / "overrides", project_dir / "overrides", dirs_exist_ok=True, copy_function=copy)
    own = hubgen_assets(hub)
    for path, data in own.values():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.read_bytes() != data:
            target.write_bytes(data)
    if sync:
        _remove_others(docs, {Path(a).as_posix() for a in hub.assets} | {path for path, _ in own.values()})
    config_file = project_dir / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(mkdocs_config(hub, site, site_dir), sort_keys=False),
                           encoding="utf-8")
    return config_file


def _refuse_theme_places(hub: Hub) -> None:
    """Lint refuses a content file in the theme's or hubgen's place (HUB230, enforced);
    should anything render without lint, it still never replaces their files."""
    for asset in hub.assets:
        if owner := owner_of(asset.as_posix()):
            raise BuildError(f"{(hub.root / asset).as_posix()}: this path is {owner} own; "
                             "move the file to another folder under assets/ (`hubgen rules HUB230`)")


def _copy_if_changed(source: str, target: str) -> None:
    """shutil.copy2, unless `target` already is that file as copied (same size and time)."""
    try:
        before, now = os.stat(source), os.stat(target)
        if (before.st_mtime_ns, before.st_size) == (now.st_mtime_ns, now.st_size):
            return
    except OSError:
        pass
    shutil.copy2(source, target)


def _remove_others(folder: Path, wanted: set[str]) -> None:
    """Remove the files under `folder` (hubgen's own project) that are not `wanted`."""
    for path in sorted(folder.rglob("*"), reverse=True):
        relative = path.relative_to(folder).as_posix()
        if path.is_file() and relative not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


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


# What MkDocs says whenever a build skips pages; hubgen chose which, and why (incremental.py).
DIRTY_BUILD_WARNING = "A 'dirty' build is being performed"

_unchanged_pages: frozenset[str] = frozenset()
_pages: dict[str, str] = {}  #: the build's pages, docs/ path -> Markdown (mkdocs_hooks.on_files)
_built_files: list = []  #: MkDocs' files of the build under way (mkdocs_hooks.on_env)
# What MkDocs writes beside its files: the theme's static templates (404.html,
# sitemap.xml) and these.
WRITTEN_BESIDE_FILES = (SITEMAP_FILE + ".gz", SEARCH_INDEX_FILE)


def record_files(files) -> None:
    _built_files[:] = [file.dest_uri for file in files if file.inclusion.is_included()]


def generated_pages() -> dict[str, str]:
    """The pages of the build under way, docs/ path -> Markdown."""
    return _pages


def unchanged_pages() -> frozenset[str]:
    """docs/ paths the build under way takes from the previous site instead of rendering."""
    return _unchanged_pages


@contextmanager
def _this_build(pages: dict[str, str], unchanged: frozenset[str]):
    global _pages, _unchanged_pages
    _pages, _unchanged_pages = pages, unchanged
    try:
        yield
    finally:
        _pages, _unchanged_pages = {}, frozenset()


def build_with_material(config_file: Path, pages: dict[str, str], fork: bool = True,
                        unchanged: frozenset[str] = frozenset()) -> MkDocsResult:
    """Build the project; `fork=False` keeps every page in this process (hubgen serve).

    `unchanged` pages (docs/ paths) are neither read nor rendered: their HTML is
    already in the site folder (render/incremental.py). MkDocs' own `dirty` mode
    skips them, told by mkdocs_hooks.on_files which they are. A build that renders
    only some pages stays in one process: a second one would cost more than it saves."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    collector = WarningCollector()
    with _quiet_mkdocs(collector), _this_build(pages, unchanged), page_split(fork and not unchanged) as split:
        try:
            config = load_config(str(config_file))
            escape_plain_text(config)
            _share_theme_work(config.theme)
            # Dirty mode skips pages: those taken from the previous site, and the other
            # process's share of a split build (mkdocs_split.py).
            build(config, dirty=bool(unchanged) or split.enabled)
        except MkDocsException as exc:
            raise BuildError(f"the site generator failed: {exc}") from None
        except SystemExit as exc:  # MkDocs aborts some errors this way
            raise BuildError(f"the site generator stopped: {'; '.join(collector.messages) or exc}") from None
    warnings = [m for m in collector.messages if not m.startswith(DIRTY_BUILD_WARNING)]
    outputs = {*_built_files, *config.theme.static_templates, *WRITTEN_BESIDE_FILES}
    return MkDocsResult(warnings=warnings, processes=split.processes, outputs=outputs)


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
    folders = [Path(material_templates_dir()), templates_dir() / "overrides"]
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

    folder, _, name = html_path.rpartition("/")
    if name != INDEX_PAGE:  # 404.html and other static templates, at the root or a language's
        return site_folder(site_url) + (folder + "/" if folder else "")
    url = html_path.removesuffix(INDEX_PAGE)
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
