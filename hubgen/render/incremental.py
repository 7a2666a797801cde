"""Rebuild only the pages an edit changed; the site stays byte-identical to a clean build.

Every build leaves a manifest beside its output folder (CACHE_FOLDER): for each
generated page, a digest of all its HTML depends on, and where that HTML is,
sealed with the file's size, modification time and inode. The digest covers
the page's own path and Markdown plus one *site key* over what every page
shares: mkdocs.yml (nav, theme, labels), hubgen's templates and theme assets,
the code that turns Markdown into pages, and the versions of hubgen, MkDocs
and Material.

The next build generates every page's Markdown again (cheap, from the model)
and, when the site key is unchanged, hard-links each page whose digest is
unchanged and whose sealed file is still as written into the new site; only
the rest are rendered. What no single page owns (search index, feeds,
calendar, the theme's files, 404, sitemap, _headers) is made anew every time,
exactly as in a clean build.

Why a page's HTML needs nothing but its own Markdown and the site key: nav
titles come from mkdocs.yml, every page names its own title, hubgen writes its
links between pages into the Markdown of the page that holds them (a page
whose list of updates changes gets new Markdown), and links in content are
checked by lint before any build, so whether a link's target exists cannot
change under an unchanged page. tests/test_incremental.py holds this to
account: random sequences of edits, each built incrementally and from
scratch, byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG

from hubgen.urls import INDEX_PAGE, source_url

CACHE_FOLDER = ".hubgen-cache"
FORMAT = 1  #: bump when the manifest or what the digests cover changes


def html_path(docs_path: str) -> str:
    """Where MkDocs writes a docs/ page (directory URLs): faq/index.md -> faq/index.html,
    updates/x.md -> updates/x/index.html."""
    return source_url(docs_path) + INDEX_PAGE


def digest(*parts: str | bytes) -> str:
    hashed = hashlib.sha256()
    for part in parts:
        hashed.update(part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part)
        hashed.update(b"\0")
    return hashed.hexdigest()


def file_digest(path: Path) -> str:
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def _seal(path: Path) -> tuple[int, int, int]:
    """Size, mtime and inode of a regular file; a symlink or anything else never matches."""
    stat = path.lstat()
    if not S_ISREG(stat.st_mode):
        return -1, -1, -1
    return stat.st_size, stat.st_mtime_ns, stat.st_ino


@dataclass(frozen=True)
class PageOutput:
    key: str  #: digest of the site key, the page's path and its Markdown
    html: str  #: where its HTML is, inside the site
    seal: tuple[int, int, int]  #: size, mtime (ns) and inode of that file as written
    content: str | None = None  #: digest of the HTML, when a caller asked (which pages changed)


@dataclass
class Manifest:
    site_key: str
    pages: dict[str, PageOutput] = field(default_factory=dict)  #: by docs path
    # MkDocs' warnings of that build. A build that had any is never reused from: a
    # page taken over unrendered would not say its warnings again.
    warnings: int = 0

    def to_json(self) -> str:
        pages = {path: [p.key, p.html, *p.seal, p.content] for path, p in self.pages.items()}
        return json.dumps({"format": FORMAT, "site_key": self.site_key, "warnings": self.warnings,
                           "pages": pages}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Manifest | None:
        """None for anything but a manifest this version wrote."""
        try:
            data = json.loads(text)
            if data.get("format") != FORMAT:
                return None
            pages = {path: PageOutput(key, html, (size, mtime, inode), content)
                     for path, (key, html, size, mtime, inode, content) in data["pages"].items()}
            return cls(str(data["site_key"]), pages, int(data["warnings"]))
        except (ValueError, TypeError, KeyError, AttributeError):
            return None


def manifest_file(output: Path, language: str = "") -> Path:
    """Where the manifest of the site in `output` lives (with `language`: of that
    language's pages, under its folder in it): beside it, never inside (everything
    inside the output folder is published)."""
    absolute = Path(os.path.abspath(output))
    return absolute.parent / CACHE_FOLDER / (f"{absolute.name}.{language}.json" if language else f"{absolute.name}.json")


def read_manifest(output: Path, language: str = "") -> Manifest | None:
    try:
        return Manifest.from_json(manifest_file(output, language).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


def write_manifest(output: Path, manifest: Manifest, language: str = "") -> None:
    """Best effort: without a manifest the next build is simply a clean one."""
    target = manifest_file(output, language)
    try:
        target.parent.mkdir(exist_ok=True)
        temporary = target.with_name(f".{target.name}.{os.getpid()}")
        temporary.write_text(manifest.to_json(), encoding="utf-8")
        temporary.replace(target)
    except OSError:
        pass


@dataclass
class Reuse:
    """What one build takes from the previous site."""

    keys: dict[str, str]  #: docs path -> key, for every page of this build
    unchanged: dict[str, PageOutput] = field(default_factory=dict)  #: pages linked, not rendered


def plan(previous_site: Path | None, previous: Manifest | None, site_key: str,
         pages: dict[str, str]) -> Reuse:
    """Which of `pages` (docs path -> Markdown) can be taken from `previous_site`."""
    keys = {path: digest(site_key, path, text) for path, text in pages.items()}
    reuse = Reuse(keys)
    if previous_site is None or previous is None or previous.site_key != site_key or previous.warnings:
        return reuse
    for path, key in keys.items():
        old = previous.pages.get(path)
        if old is None or old.key != key:
            continue
        try:
            if _seal(previous_site / old.html) == old.seal:
                reuse.unchanged[path] = old
        except OSError:
            pass
    return reuse


def link_unchanged(reuse: Reuse, previous_site: Path, site_dir: Path) -> None:
    """Hard-link the unchanged pages into the new site (a copy where links are refused).
    Nothing writes into these files afterwards: MkDocs renders only the other pages."""
    for page in reuse.unchanged.values():
        source, target = previous_site / page.html, site_dir / page.html
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)


def new_manifest(reuse: Reuse, site_key: str, site_dir: Path, warnings: int, with_content: bool) -> Manifest:
    """The manifest of the site just built in `site_dir`. `with_content` adds each
    page's HTML digest (hashing a rendered page, carrying a linked one's over)."""
    manifest = Manifest(site_key, warnings=warnings)
    for path, key in reuse.keys.items():
        html = html_path(path)
        file = site_dir / html
        try:
            seal = _seal(file)
        except OSError:
            continue  # MkDocs wrote no file for it: nothing to reuse next time
        old = reuse.unchanged.get(path)
        content = None
        if with_content:
            content = old.content if old is not None and old.content else file_digest(file)
        manifest.pages[path] = PageOutput(key, html, seal, content)
    return manifest


def changed_pages(previous: Manifest | None, current: Manifest) -> list[str] | None:
    """Site paths (faq/shipping/index.html) whose HTML differs from the previous
    build's; None when that cannot be told (no previous digests)."""
    if previous is None:
        return None
    before = {p.html: p.content for p in previous.pages.values()}
    if any(content is None for content in before.values()):
        return None
    now = {p.html: p.content for p in current.pages.values()}
    removed = set(before) - set(now)
    return sorted(removed | {html for html, content in now.items() if content is None or before.get(html) != content})


def remove_stale(site_dir: Path, current: set[str], other_sites: frozenset[str] = frozenset()) -> None:
    """In a site updated in place (hubgen serve's own folder), remove the files this
    build did not write or keep (a deleted update's page, a tag's feed), and the
    folders left empty, so the site matches a clean build. `other_sites`: top-level
    folders that are sites of their own (each translation's), never looked into."""
    for folder, subfolders, files in os.walk(site_dir, topdown=False):
        relative = Path(folder).relative_to(site_dir)
        if relative.parts and relative.parts[0] in other_sites:
            continue
        for name in files:
            if (relative / name).as_posix() not in current:
                os.unlink(os.path.join(folder, name))
        if folder != str(site_dir) and not os.listdir(folder):
            os.rmdir(folder)
