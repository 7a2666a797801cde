"""`hubgen serve`: a live preview on 127.0.0.1 that rebuilds on save.

One loop polls the modification times of the content folder and the site
templates; on a change it loads and lints the content with the same pipeline
as `hubgen build` and, when nothing is wrong, updates a private site folder in
place, rendering only the pages the change affected (render/incremental.py).
Content with errors is never rendered: the last good site stays and every page
carries a banner listing the problems (file:line). The search checks are the
exception, as in `hubgen build`: they run once the pages are on screen (they
read the model, never a page), and a failing one puts up the banner. The HTTP server answers from
that folder and adds, to HTML only and only here, a small external script that
asks /__hubgen_version whether the next build changed the page on screen, and
reloads it only then.

Responses carry the headers of the built site/_headers, Content-Security-Policy
included, so the preview fails where the published hub would.
"""

from __future__ import annotations

import datetime as dt
import gc
import html
import http.server
import io
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, parse_qsl, unquote

import click

from hubgen.diagnostics import printable
from hubgen.errors import ContentError, HubgenError, UnreadableInput, UsageError
from hubgen.render.headers import HEADERS_FILE, headers_for, parse_headers
from hubgen.render.redirects import not_found_page
from hubgen.render.templates import templates_dir
from hubgen.urls import INDEX_PAGE, served_path

HOST = "127.0.0.1"
# Names a browser on this machine uses for the preview. A request naming any
# other host is a DNS rebinding attack (a web page whose name now points at
# 127.0.0.1, reading the preview and its problem list): it gets 403.
LOCAL_NAMES = ("127.0.0.1", "localhost", "[::1]")
VERSION_PATH = "/__hubgen_version"
RELOAD_JS = "/__hubgen/reload.js"
BANNER_CSS = "/__hubgen/serve.css"
# Polling the files' sizes and times costs about 3 ms on a hub of 500 updates; it
# works on every file system (network shares and container mounts included).
POLL_SECONDS = 0.05
SETTLE_SECONDS = 0.05  # editors save in several writes; wait for the last one
LONG_POLL_SECONDS = 20  # how long /__hubgen_version waits for a build before answering
MAX_WATCHED_FILES = 20000

_RELOAD_SCRIPT = """\
// hubgen serve only: reload when a build changed this page. Never in built sites.
(function () {
  "use strict";
  var shown = Number(document.currentScript.getAttribute("data-version"));
  var banner = document.querySelector(".hubgen-serve-errors");
  function placeHeader() {
    document.documentElement.style.setProperty("--hubgen-serve-banner", banner.offsetHeight + "px");
  }
  if (banner) {
    placeHeader();
    window.addEventListener("resize", placeHeader);
  }
  // The server holds each request until a build finishes (or a while passes), then
  // says whether that build changed this page: other pages' edits cost no reload.
  function poll() {
    var query = "?since=" + shown + "&page=" + encodeURIComponent(location.pathname);
    fetch("%(version)s" + query, {cache: "no-store"})
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (state.reload) { location.reload(); return; }
        shown = state.version;
        poll();
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  poll();
})();
""" % {"version": VERSION_PATH}

_BANNER_STYLE = """\
/* Sticky at the top, above the theme's header, so the problems stay in sight
   however far the page is scrolled (a reload restores the reader's scroll
   position, which used to carry the banner out of view). */
.hubgen-serve-errors { position: sticky; top: 0; z-index: 10; margin: 0; padding: .8rem 1.2rem;
  max-height: 40vh; overflow: auto; box-sizing: border-box;
  background: #8c1d18; color: #fff; font: 14px/1.5 system-ui, sans-serif; }
/* The theme's sticky header and sidebars start below the banner (reload.js measures it). */
.md-header { top: var(--hubgen-serve-banner, 0px); }
.hubgen-serve-errors ul { margin: .4rem 0 0; padding-left: 1.2rem; }
.hubgen-serve-errors code { color: #fff; background: none; font-size: 13px; white-space: pre-wrap; }
"""


@dataclass
class BuildState:
    """What the server shows: which build, and the problems of the latest one."""

    version: int = 0
    problems: list[str] = field(default_factory=list)
    has_site: bool = False
    #: the last build that changed each page (site path, e.g. faq/index.html)
    page_versions: dict[str, int] = field(default_factory=dict)
    #: the last build that changed every page: a new problem list (the banner is on
    #: every page), a changed asset, or a build that cannot tell which pages changed
    everything_version: int = 0
    #: False while problems keep the site at the last good build (True: it shows the
    #: latest content, and the problems are those of the search checks run after it)
    site_is_latest: bool = True

    def changed_since(self, version: int, page: str) -> bool:
        return max(self.everything_version, self.page_versions.get(page, 0)) > version

    def after(self, problems: list[str], has_site: bool, changed: list[str] | None,
              site_is_latest: bool = True) -> BuildState:
        """The state once one more build has finished; `changed` lists the pages it
        changed (None: possibly every page)."""
        version = self.version + 1
        pages = dict(self.page_versions)
        everything = self.everything_version
        if changed is None or problems != self.problems:
            everything = version
        else:
            pages.update(dict.fromkeys(changed, version))
        return BuildState(version, problems, has_site, pages, everything, site_is_latest)


def site_path(url_path: str) -> str:
    """The file in the site a page's URL path is served from: /faq/ -> faq/index.html."""
    path = unquote(url_path).lstrip("/")
    if path == "" or path.endswith("/"):
        return path + INDEX_PAGE
    return path if "." in path.rsplit("/", 1)[-1] else f"{path}/{INDEX_PAGE}"


class Preview:
    """Watches one content folder and keeps a built copy of it up to date."""

    def __init__(self, content: Path, today: dt.date | None = None):
        self.content = content
        self.today = today
        self.workdir = _preview_folder(content)
        self.site = self.workdir / "site"
        self.state = BuildState()
        self.lock = threading.Condition()  # notified when a build finishes
        # The files saved since the site last showed the content (None: anything may
        # have changed, as before the first build): which languages to build.
        self.touched: set[str] | None = None
        self.site_url = ""  #: the latest build's project.site_url: its folder is served at "/" too

    def watched(self) -> list[Path]:
        return [self.content, templates_dir()]

    def signature(self) -> tuple:
        """Every watched file's path, size and mtime: changes when anything is saved."""
        entries = []
        for root in self.watched():
            for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
                dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
                for name in filenames:
                    path = os.path.join(dirpath, name)
                    try:
                        stat = os.stat(path)
                    except OSError:
                        continue
                    entries.append((path, stat.st_size, stat.st_mtime_ns))
                    if len(entries) > MAX_WATCHED_FILES:
                        return tuple(entries)
        return tuple(sorted(entries))

    def rebuild(self, everything: bool = False, still_saved: Callable[[], bool] = lambda: True,
                touched: set[str] | None = None) -> list[str] | None:
        """Build once; returns the problems (empty when the site was updated).

        `everything`: reload every open page, not only those whose HTML changed
        (an image or a template changed, which no page's HTML shows).
        `still_saved()` is asked once the content is read and linted, before
        anything is written or shown: False means the files changed meanwhile (a
        save still under way) and nothing is built; returns None then.
        `touched`: the paths of the files saved (None: unknown), which say what to build."""
        from hubgen.diagnostics import Report
        from hubgen.pipeline import lint_before_build, load_hub

        started = time.perf_counter()
        self.touched = None if touched is None or self.touched is None else self.touched | touched
        # Python's cycle collector, run in the middle of a save's build, walks every
        # object this long-lived process holds (0.06 to 0.1 s on the bench hub), so it
        # waits until the edited page is on screen (_render) or the build is over.
        gc.disable()
        try:
            try:
                loaded = load_hub(self.content)
                report = lint_before_build(loaded, today=self.today)
                # The errors that stop the build; its warnings are lint's to tell.
                problems = [d.text() for d in Report(report.errors).sorted()]
            except Exception as error:
                loaded, problems = None, _problems(error)
            if not still_saved():
                return None
            if problems:
                return self._failed(problems)
            return self._render(loaded, report, everything, started)
        finally:
            gc.enable()

    def _render(self, loaded, report, everything: bool, started: float) -> list[str]:
        """Update the site from content that loaded without errors, then run the search checks."""
        from hubgen.diagnostics import Report
        from hubgen.pipeline import lint_beside_build, update_site_in_place

        self.site_url = loaded.hub.project.site_url
        languages = languages_touched(self.touched, self.content, loaded.hub.project.languages)
        try:
            # The edited page is shown as soon as it is written (each language's, as
            # soon as that language's are); the search index, feeds and _headers
            # follow a moment later.
            summary = update_site_in_place(loaded, self.site, languages=languages, pages_written=lambda changed: (
                self._publish([], None if everything else changed), gc.enable()))
        except Exception as error:
            self.touched = None  # half written: the next build builds every language
            return self._failed(_problems(error))
        self.touched = set()
        seconds = time.perf_counter() - started
        pages = summary.pages + summary.translated_pages
        rendered = pages - summary.unchanged_pages - summary.translated_unchanged
        click.echo(f"Rebuilt in {seconds:.2f} s ({rendered} of {pages} pages rendered).", err=True)
        # The search checks, as `hubgen build` runs them beside the render: they read
        # the model, never a page, so the edited page is on screen while they run.
        try:
            report.diagnostics.extend(lint_beside_build(loaded, today=self.today))
        except Exception as error:  # a bug in hubgen: say so, and keep serving
            return self._failed_after_pages([f"internal error in the search checks: {type(error).__name__}: "
                                             f"{error} (a bug in hubgen; please report it)"])
        for warning in report.warnings:
            click.echo(warning.text(), err=True)
        if errors := Report(report.errors).sorted():
            return self._failed_after_pages([d.text() for d in errors])
        return []

    def _failed_after_pages(self, problems: list[str]) -> list[str]:
        """Problems found once the latest pages were on screen (the search checks)."""
        self._publish(problems, [], site_is_latest=True)
        self._say(problems, "the site shows your latest content")
        return problems

    def _failed(self, problems: list[str]) -> list[str]:
        self._publish(problems, [])
        self._say(problems, "still showing the last good site" if self.state.has_site
                  else "nothing to show until they are fixed")
        return problems

    def _publish(self, problems: list[str], changed: list[str] | None, site_is_latest: bool = False) -> None:
        """A new state for the server: the browser asking about a changed page reloads."""
        with self.lock:
            self.state = self.state.after(problems, (self.site / INDEX_PAGE).is_file(), changed,
                                          site_is_latest or not problems)
            self.lock.notify_all()

    @staticmethod
    def _say(problems: list[str], what_is_shown: str) -> None:
        click.echo(f"{len(problems)} problem(s); {what_is_shown}:", err=True)
        for line in problems:
            click.echo(f"  {printable(line)}", err=True)

    def wait_for_build(self, since: int, seconds: float) -> BuildState:
        """The state once a build newer than `since` finished, or after `seconds`."""
        with self.lock:
            self.lock.wait_for(lambda: self.state.version > since, timeout=seconds)
            return self.state

    def cleanup(self) -> None:
        shutil.rmtree(self.workdir, ignore_errors=True)


def _preview_folder(content: Path) -> Path:
    """A new folder for the preview's site, outside the content it watches: with no
    writable temporary folder, Python falls back to the current one, and a preview
    site written into the content would be seen as a save, again and again."""
    no_folder = UsageError("hubgen serve needs a writable temporary folder outside the content folder "
                           "for its preview site; set TMPDIR to one (for example TMPDIR=$HOME/tmp)")
    try:
        folder = Path(tempfile.mkdtemp(prefix="hubgen-serve-"))
    except OSError:
        raise no_folder from None
    if folder.resolve().is_relative_to(content.resolve()):
        folder.rmdir()  # just made, and empty
        raise no_folder
    return folder


def _problems(error: Exception) -> list[str]:
    """What a failed build says in the banner: the content's problems, or a bug in hubgen."""
    if isinstance(error, (ContentError, UnreadableInput)):
        return [d.text() for d in error.diagnostics]
    if isinstance(error, HubgenError):
        return [str(error)]
    # A bug in hubgen: keep serving the last good site.
    return [f"internal error: {type(error).__name__}: {error} (a bug in hubgen; please report it)"]


LAST_GOOD = ". This page is the last good build"  #: the banner's word on a page it keeps
NOTHING_BUILT = "; nothing is built yet"  #: the banner's word while no build has worked


def _banner(problems: list[str], shown: str = "") -> str:
    """The problems, and `shown`: what the page under the banner is (LAST_GOOD, NOTHING_BUILT)."""
    items = "".join(f"<li><code>{html.escape(p)}</code></li>" for p in problems)
    return (f'<div class="hubgen-serve-errors" role="alert"><strong>hubgen serve: '
            f"{len(problems)} problem(s) in the content{shown}: fix them and save.</strong>"
            f"<ul>{items}</ul></div>")


def inject(page: str, state: BuildState) -> str:
    """Add the reload script (and the error banner) to one served HTML page."""
    head = f'<link rel="stylesheet" href="{BANNER_CSS}">' if state.problems else ""
    script = f'<script src="{RELOAD_JS}" data-version="{state.version}"></script>'
    if head and "</head>" in page:
        page = page.replace("</head>", head + "</head>", 1)
    if state.problems:
        start = page.find("<body")
        end = page.find(">", start) + 1 if start >= 0 else 0
        page = page[:end] + _banner(state.problems, "" if state.site_is_latest else LAST_GOOD) + page[end:]
    if "</body>" in page:
        return page.replace("</body>", script + "</body>", 1)
    return page + script


def error_page(state: BuildState) -> str:
    """Shown while there has never been a good build."""
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>hubgen serve: '
            f'problems</title><link rel="stylesheet" href="{BANNER_CSS}"></head><body>'
            f"{_banner(state.problems, NOTHING_BUILT)}</body></html>")


def host_allowed(host: str | None, port: int) -> bool:
    """True when the Host header names this preview: a local name with its port."""
    if not host:
        return False
    host = host.strip().lower()
    names = {f"{name}:{port}" for name in LOCAL_NAMES}
    if port == 80:
        names.update(LOCAL_NAMES)
    return host in names


class HeaderRules:
    """The rules of a site's _headers file, parsed again only when its text changed:
    every request needs them, and a page polled while a build runs would parse
    them a hundred times a second (reading the file costs far less)."""

    def __init__(self, path: Path):
        self.path = path
        self.parsed: tuple[str, list] = ("", [])  #: (the file's text, its rules)

    def now(self) -> list:
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return []
        parsed = self.parsed  # one tuple, swapped whole: the request threads share it
        if parsed[0] != text:
            parsed = self.parsed = (text, parse_headers(text))
        return parsed[1]


def make_handler(preview: Preview):
    site_rules = HeaderRules(preview.site / HEADERS_FILE)

    class Handler(http.server.SimpleHTTPRequestHandler):
        # A client that stops sending mid-request (a form post shorter than its
        # Content-Length) gives its thread back after this long instead of never.
        timeout = REQUEST_SECONDS

        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(preview.site), **kwargs)

        def log_message(self, *args) -> None:
            pass

        def _url_path(self) -> str:
            return self.path.split("?", 1)[0].split("#", 1)[0]

        def _bytes(self, status: int, kind: str, body: bytes):
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)

        def end_headers(self):
            self.send_header("Cache-Control", "no-store")
            if not self._url_path().startswith("/__hubgen"):
                for name, value in headers_for(site_rules.now(), self._url_path()).items():
                    if name.lower() not in ("content-type", "cache-control",
                                            "strict-transport-security"):
                        self.send_header(name, value)
            super().end_headers()

        def _foreign_host(self):
            """The 403 body for a request naming another host (DNS rebinding), else None."""
            if host_allowed(self.headers.get("Host"), self.server.server_address[1]):
                return None
            body = b"hubgen serve answers only requests for 127.0.0.1, localhost or [::1] with its port.\n"
            return self._bytes(403, "text/plain; charset=utf-8", body)

        def send_head(self):
            if refusal := self._foreign_host():
                return refusal
            # A hub published in a folder (https://me.github.io/kettle-help/) has a 404
            # page whose links start with that folder: the preview answers them too.
            path, query = self.path.partition("?")[::2]
            self.path = served_path(path, preview.site_url) + (f"?{query}" if query else "")
            with preview.lock:
                state = preview.state
            url_path = self._url_path()
            if url_path == VERSION_PATH:
                return self._version(state)
            if url_path == RELOAD_JS:
                return self._bytes(200, "text/javascript; charset=utf-8", _RELOAD_SCRIPT.encode())
            if url_path == BANNER_CSS:
                return self._bytes(200, "text/css; charset=utf-8", _BANNER_STYLE.encode())
            if not state.has_site:
                return self._bytes(200, "text/html; charset=utf-8", error_page(state).encode())
            target = Path(self.translate_path(self.path))
            if target.is_dir() and url_path.endswith("/"):
                target = target / INDEX_PAGE
            if target.is_dir():
                return super().send_head()  # redirects /faq to /faq/
            status = 200
            if not target.is_file():
                status, target = 404, not_found_page(preview.site, url_path)  # a language's own, as Netlify
                if not target.is_file():
                    return self._bytes(404, "text/plain; charset=utf-8", b"not found")
            if target.suffix != ".html":
                return super().send_head()
            try:
                page = target.read_text(encoding="utf-8")
            except OSError:  # swapped away mid-read: the next poll reloads
                return self._bytes(503, "text/plain; charset=utf-8", b"rebuilding, reload")
            return self._bytes(status, "text/html; charset=utf-8", inject(page, state).encode())

        def _version(self, state: BuildState):
            """Which build is served; with ?since=N&page=/path/, wait for the next build
            and say whether one since N changed that page (reload.js reloads then)."""
            query = parse_qs(self.path.partition("?")[2])
            answer = {}
            if "since" in query and "page" in query:
                try:
                    since = int(query["since"][0])
                except ValueError:
                    since = state.version
                if state.version <= since:
                    state = preview.wait_for_build(since, LONG_POLL_SECONDS)
                answer["reload"] = state.changed_since(since, site_path(query["page"][0]))
            answer.update(version=state.version, ok=not state.problems, problems=state.problems)
            return self._bytes(200, "application/json", json.dumps(answer).encode())

        def do_POST(self):
            # The published hub's forms post to Netlify (render/forms.py); the
            # preview prints what Netlify would receive and answers as it does,
            # with the page at the form's action.
            if refusal := self._foreign_host():
                self.wfile.write(refusal.getvalue())
                return
            length = form_length(self.headers.get("Content-Length"))
            if length is None:
                self.send_error(400, "Content-Length must be a whole number of bytes")
                return
            try:
                body = self.rfile.read(length)
            except TimeoutError:  # fewer bytes than it said, and no more coming
                self.close_connection = True
                return
            fields = parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
            click.echo(form_received(fields), err=True)
            self.do_GET()

    return Handler


MAX_FORM_BYTES = 64 * 1024
REQUEST_SECONDS = 10  #: the most a request may take to arrive


def form_length(header: str | None) -> int | None:
    """How many bytes of a form to read: its Content-Length, at most MAX_FORM_BYTES; None
    when the header is no whole number ("abc", "-1": -1 would read until the client hangs up)."""
    if header is None or not header.strip():
        return 0
    if not header.strip().isascii() or not header.strip().isdigit():
        return None
    return min(int(header), MAX_FORM_BYTES)


class PreviewServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A browser that gives up on a request (a tab closed while it waited for a
        # build) is no error of the preview's: no traceback for it.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def form_received(fields: list[tuple[str, str]]) -> str:
    """One line for the terminal: the form a preview post is for, and its fields."""
    values = dict(fields)
    shown = ", ".join(f"{name}={value!r}" for name, value in fields if name != "form-name")
    return f"Form {values.get('form-name', '?')!r} (Netlify receives it once published): {shown}"


MAX_SETTLE_SECONDS = 2.0


def build_once_saved(preview: Preview, before: tuple, now: tuple) -> tuple:
    """Build the change from signature `before` to `now`; returns the signature built.

    An editor that writes a file in several steps (truncate, then write) must not
    have its half-written file built: a build counts only when a second look, at
    least SETTLE_SECONDS after the look that saw the change, agrees with it. The
    content is read meanwhile, so the wait costs nothing on a hub that takes that
    long to load; when the look disagrees nothing has been written or shown, and
    the build starts over (for MAX_SETTLE_SECONDS at most, then it goes ahead)."""
    deadline = time.monotonic() + MAX_SETTLE_SECONDS
    while True:
        looked, second = time.monotonic(), []

        def still_saved() -> bool:
            time.sleep(max(0.0, looked + SETTLE_SECONDS - time.monotonic()))
            second.append(preview.signature())
            return second[0] == now or time.monotonic() > deadline

        everything = not only_pages_changed(before, now, preview.content)
        touched = {path for path, _, _ in set(before) ^ set(now)}
        if preview.rebuild(everything=everything, still_saved=still_saved, touched=touched) is not None:
            # Files read after `now` was taken: a save since then differs from it,
            # and the next look builds it.
            return now
        now = second[0]


PAGE_SOURCES = (".yaml", ".yml", ".md", ".markdown")


def only_pages_changed(before: tuple, after: tuple, content: Path) -> bool:
    """True when every file that changed is content text (YAML, Markdown), whose
    effect shows in the pages' HTML; an image or a template changes files no page
    diff sees, so every open page reloads."""
    changed = set(before) ^ set(after)
    root = os.path.join(str(content), "")  # as signature() spells the paths
    return all(path.startswith(root) and path.endswith(PAGE_SOURCES) for path, _, _ in changed)


def languages_touched(paths: set[str] | None, content: Path, languages: list[str]) -> frozenset[str] | None:
    """The translations whose content/<language>/ holds every file in `paths`: only
    their pages can have changed. None when a file is anywhere else: the original
    (which every language shows where it is not translated), the templates, or
    when what changed is unknown."""
    if paths is None:
        return None
    root = os.path.join(str(content), "")  # as signature() spells the paths
    found = set()
    for path in paths:
        language, separator, _ = path[len(root):].partition(os.sep)
        if not path.startswith(root) or not separator or language not in languages:
            return None
        found.add(language)
    return frozenset(found)


def _stop_on_sigterm() -> None:
    def stop(signum, frame):
        raise KeyboardInterrupt
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, stop)


def serve_content(content: Path, port: int = 8000, today: dt.date | None = None) -> None:
    """Build, serve on 127.0.0.1:port, and rebuild on every change until stopped."""
    if not content.is_dir():
        raise UsageError(f"{content}: no such content folder "
                         "(give the folder holding hub.yaml, or run `hubgen init DIR`)")
    preview = Preview(content, today)
    try:
        try:
            server = PreviewServer((HOST, port), make_handler(preview))
        except OSError as error:
            raise UsageError(f"cannot listen on {HOST}:{port} ({error.strerror or error}); "
                             "try another --port") from None
        server.daemon_threads = True
        _stop_on_sigterm()
        seen = preview.signature()
        preview.rebuild()
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://{HOST}:{server.server_address[1]}/"
        click.echo(f"Serving {content} at {url} (rebuilds on save; Ctrl+C to stop)")
        sys.stdout.flush()
        try:
            while True:
                time.sleep(POLL_SECONDS)
                now = preview.signature()
                if now == seen:
                    continue
                click.echo("Change detected; rebuilding.", err=True)
                seen = build_once_saved(preview, seen, now)
        except KeyboardInterrupt:
            click.echo("Stopped.", err=True)
        finally:
            server.shutdown()
            server.server_close()
    finally:
        preview.cleanup()
