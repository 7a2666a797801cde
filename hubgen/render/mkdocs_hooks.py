"""MkDocs hooks loaded into the generated project (see mkdocs_project.py).

Creators link between hub pages with paths from the hub root (/faq/#id), and
forms post to such paths (render/forms.py). Those would break when the hub is
served from a sub-folder or opened from disk, so each is made relative to the
page it is on. HTML comments in content are dropped from the pages here
(hubgen.markup drops them from fragments).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

import jinja2
from markupsafe import Markup, escape
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from hubgen.markup import bounded, strip_comments
from hubgen.model import language_attributes
from hubgen.render import mkdocs_project, mkdocs_split
from hubgen.urls import unlinked, url_digest

ROOT_LINK = re.compile(r'(\s(?:href|src|action)=")/(?!/)([^"]*)"')


def relative_links(html: str, page_url: str) -> str:
    def fix(match: re.Match) -> str:
        target = match.group(2)
        cut = re.search(r"[#?]", target)
        path, rest = (target[: cut.start()], target[cut.start():]) if cut else (target, "")
        relative = get_relative_url(path or ".", page_url or ".")
        if path.endswith("/") and not relative.endswith("/"):
            relative += "/"
        return f'{match.group(1)}{relative}{rest}"'

    return ROOT_LINK.sub(fix, html)


# Material's markup that the W3C Nu checker rejects: `autocomplete` on its
# toggle checkboxes and Safari's non-standard `autocorrect` on the search box.
INPUT_TAG = re.compile(r"<input [^>]*>")


# Material's search dialog has role="dialog" but no name (axe: aria-dialog-name).
SEARCH_DIALOG = re.compile(r'(<div class="md-search" data-md-component="search" role="dialog")>')


def _valid_input(match: re.Match) -> str:
    tag = match.group(0).replace(' autocorrect="off"', "")
    return tag.replace(' autocomplete="off"', "") if 'type="checkbox"' in tag else tag


def valid_markup(html: str) -> str:
    html = INPUT_TAG.sub(_valid_input, html)
    if 'id="__toc"' not in html:
        # Pages kept out of the nav (updates) get the table-of-contents label
        # without the checkbox it names: a dangling `for` is invalid HTML.
        html = html.replace(' for="__toc"', "")
    return SEARCH_DIALOG.sub(r'\1 aria-label="Search">', html, count=1)


def on_page_content(html, page, config, files):
    # Comments are the creator's notes to themselves, never the backers'.
    html = strip_comments(html)
    if languages := _headings_in_original(html):
        _mark_toc(page.toc, languages)
    if hidden := set(config.extra["hubgen"]["unlinked"]):
        html = unlinked(html, page.url, config.site_url or "", lambda path: url_digest(path) in hidden)
    return relative_links(html, page.url)


def on_post_page(output, page, config):
    if language := page.meta.get(UNTRANSLATED_TITLE_KEY):  # the header shows the title: marked there too
        output = HEADER_TOPIC.sub(lambda m: f"{m.group(1)}{language_attributes(language)}>", output, count=1)
    return valid_markup(output)


#: front matter naming the language a page's title is still in, when a translation left it
UNTRANSLATED_TITLE_KEY = "title_lang"
HEADER_TOPIC = re.compile(r'(<div class="md-header__topic" data-md-component="header-topic">\s*<span class="md-ellipsis")>')
# A heading in the original's language: lang on the heading, or its whole text one marked span.
_HEADING = re.compile(r'<h[1-6]\b([^>]*)>(.*?)</h[1-6]>', re.S)
_WHOLE_SPAN = re.compile(r'^<span lang="([^"]+)"(?: dir="rtl")?>[^<]*</span>(?:<a class="headerlink"[^>]*>[^<]*</a>)?$')


def _headings_in_original(html: str) -> dict[str, str]:
    """id -> language of every heading whose text is all in another language than the page's:
    marked itself, or inside a block marked so (an untranslated page or update's text)."""
    found = {}
    blocks = _blocks_in_original(html)
    for heading in _HEADING.finditer(html):
        attributes, inner = heading.groups()
        heading_id = re.search(r'\bid="([^"]+)"', attributes)
        language = re.search(r'\blang="([^"]+)"', attributes) or _WHOLE_SPAN.match(inner.strip())
        within = next((lang for start, end, lang in blocks if start < heading.start() < end), None)
        if heading_id and (language or within):
            found[heading_id.group(1)] = language.group(1) if language else within
    return found


_DIV = re.compile(r"<(/?)div\b([^>]*)>")


def _blocks_in_original(html: str) -> list[tuple[int, int, str]]:
    """(start, end, language) of each <div class="hubgen-untranslated" lang=...> (untranslated.html.j2)."""
    blocks, open_blocks, depth = [], [], 0
    for tag in _DIV.finditer(html):
        if tag.group(1):
            depth -= 1
            if open_blocks and open_blocks[-1][0] == depth:
                _, start, language = open_blocks.pop()
                blocks.append((start, tag.start(), language))
            continue
        marked = re.search(r'\blang="([^"]+)"', tag.group(2)) if "hubgen-untranslated" in tag.group(2) else None
        if marked:
            open_blocks.append((depth, tag.start(), marked.group(1)))
        depth += 1
    return blocks


def _mark_toc(items, languages: dict[str, str]) -> None:
    """The table of contents names those headings in their language too."""
    for item in items:
        if item.id in languages and not str(item.title).startswith("<span"):
            item.title = Markup(f"<span{language_attributes(languages[item.id])}>{item.title}</span>")
        _mark_toc(item.children, languages)


def on_post_template(output_content, template_name, config):
    # 404.html is a "static template", so on_post_page never sees it.
    return valid_markup(output_content) if template_name.endswith(".html") else output_content


def escaped(title):
    """A plain-text title as Material needs it: it prints titles without escaping
    (<title>, the nav, the header), so each is escaped here exactly once."""
    return title if title is None or isinstance(title, Markup) else Markup(escape(title))


def _escape_nav_titles(items, untranslated: dict[str, str]) -> None:
    for item in items:
        item.title = escaped(item.title)
        file = getattr(item, "file", None)
        if file is not None and file.src_uri in untranslated:  # a title still in the original: marked
            item.title = Markup(f"<span{language_attributes(untranslated[file.src_uri])}>{item.title}</span>")
        if getattr(item, "children", None):
            _escape_nav_titles(item.children, untranslated)


def on_files(files, config):
    # hubgen's pages come in memory, not from docs/ (mkdocs_project.write_project).
    for path, markdown in mkdocs_project.generated_pages().items():
        files.append(File.generated(config, path, content=markdown))
    # In a build that takes some pages from the previous site (render/incremental.py),
    # MkDocs' dirty mode asks each file whether it changed: hubgen knows, from content
    # digests; modification times would not tell.
    if unchanged := mkdocs_project.unchanged_pages():
        pages = files.documentation_pages()
        mkdocs_split.build_only([f for f in pages if f.src_uri not in unchanged],
                                [f for f in pages if f.src_uri in unchanged])
    return files


def on_page_markdown(markdown, page, config, files):
    markdown = bounded(markdown)  # the same time bound as every other conversion (hubgen.markup)
    if "title" in page.meta:  # front matter: the title of pages kept out of the nav
        page.meta["title"] = escaped(str(page.meta["title"]))
    # hubgen writes the search index from the model (hubgen/search/) and replaces
    # Material's after the build, so Material's search plugin need not parse every page.
    page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return markdown


# The build split over two processes (render/mkdocs_split.py): it forks once the
# nav is made and every plugin has seen it, and the parent waits for the child
# before any plugin's post_build reads the site.
@event_priority(-100)
def on_nav(nav, config, files):
    _escape_nav_titles(nav.items, config.extra["hubgen"].get("untranslated_nav") or {})
    if split := mkdocs_split.current():
        split.start(config, files, nav)
    return nav


# The nav of a page outside it (every update, the thank-you page) holds no active
# item and no table of contents: it is the same for every such page in one folder,
# links being relative. Material renders it anew for each page, a third of the time
# an update page takes; hubgen renders it once per folder (overrides/partials/nav.html).
MATERIAL_NAV = "partials/nav.html"


@dataclass
class _BuildsNav:
    nav: object = None  #: the build's Navigation (hubgen serve builds many times in one process)
    template: jinja2.Template | None = None  #: Material's nav.html, which hubgen's override hides
    by_folder: dict[str, Markup] = field(default_factory=dict)


_kept = _BuildsNav()


@jinja2.pass_context
def nav_html(context) -> Markup:
    global _kept
    page, nav, env = context.get("page"), context.get("nav"), context.environment
    if _kept.nav is not nav:
        _kept = _BuildsNav(nav, env.from_string(_material_source(env, MATERIAL_NAV)))
    # Not for a page in the nav (nor one with nav pages below it: a link into the
    # page's own folder is relative to that page alone).
    outside = page is not None and not any(item.url.startswith(page.url) for item in nav.pages)
    folder = posixpath.dirname(page.url.rstrip("/")) if outside else None
    if folder in _kept.by_folder:
        return _kept.by_folder[folder]
    # What `{% include %}` does, in the includer's context (overrides/partials/nav.html's).
    template = _kept.template
    html = Markup("".join(template.root_render_func(template.new_context(context.get_all(), shared=True))))
    if folder is not None:
        _kept.by_folder[folder] = html
    return html


def _material_source(env, name: str) -> str:
    return jinja2.FileSystemLoader(mkdocs_project.material_templates_dir()).get_source(env, name)[0]


@event_priority(-100)
def on_env(env, config, files):
    env.globals["hubgen_nav"] = nav_html
    mkdocs_project.record_files(files)
    if split := mkdocs_split.current():
        split.env(env, config, files)
    return env


@event_priority(100)
def on_post_build(config):
    if split := mkdocs_split.current():
        split.finish()
