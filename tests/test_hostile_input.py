"""Hostile and accidental input: always a clean file:line message and exit 1 or 2, never a traceback."""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import contentkit
from conftest import run_hubgen
from test_serve import served  # noqa: F401: a fixture, `hubgen serve` in a process of its own
from hubgen.errors import HubgenError
from hubgen.pipeline import lint_hub, load_hub

FILES = ["hub.yaml", "faq.yaml", "refund-policy.md", "updates/2026-11-18-hello.md"]
yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
    | st.dates().map(str),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)
HYPOTHESIS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def load_and_lint(content: Path) -> None:
    """What `hubgen lint` does in-process: only HubgenError may escape."""
    try:
        lint_hub(load_hub(content))
    except HubgenError:
        pass


@HYPOTHESIS
@given(name=st.sampled_from(FILES), data=st.binary(max_size=400))
def test_random_bytes_in_any_file_never_crash(tmp_path, name, data):
    load_and_lint(contentkit.write_content(tmp_path, {name: data}))


@HYPOTHESIS
@given(key=st.sampled_from(["project", "contact", "pledge_states", "milestones", "search_checks",
                            "settings", "theme"]), value=yaml_values)
def test_wrong_types_in_hub_yaml_never_crash(tmp_path, key, value):
    hub = yaml.safe_load(textwrap.dedent(contentkit.MINIMAL["hub.yaml"]))
    hub[key] = value
    load_and_lint(contentkit.write_content(tmp_path, {"hub.yaml": yaml.safe_dump(hub)}))


@HYPOTHESIS
@given(value=yaml_values)
def test_wrong_types_in_faq_never_crash(tmp_path, value):
    faq = [{"category": "X", "questions": [{"id": "a", "q": "Q?", "a": "A."}]}]
    faq[0]["questions"].append(value)
    faq.append(value)
    load_and_lint(contentkit.write_content(tmp_path, {"faq.yaml": yaml.safe_dump(faq)}))


@HYPOTHESIS
@given(front=st.dictionaries(st.sampled_from(["title", "date", "tags", "visibility", "pinned", "draft"]),
                             yaml_values, max_size=6))
def test_wrong_types_in_update_front_matter_never_crash(tmp_path, front):
    text = "---\n" + yaml.safe_dump(front) + "---\nBody.\n"
    load_and_lint(contentkit.write_content(tmp_path, {"updates/2026-11-18-hello.md": text}))


HAND_CASES = {
    "alias bomb": ({"faq.yaml": "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
                                "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"},
                   1, "content/faq.yaml:1:"),
    "python tag": ({"hub.yaml": "project: !!python/object/apply:os.getcwd []\n"}, 1, "content/hub.yaml:1:"),
    "unterminated front matter": ({"refund-policy.md": "---\nupdated: 2026-01-01\n"}, 1,
                                  "content/refund-policy.md:1:"),
    "non-UTF-8": ({"refund-policy.md": "Caf\xe9".encode("latin-1")}, 2, "content/refund-policy.md:1:"),
    "binary": ({"faq.yaml": bytes(range(256))}, 2, "content/faq.yaml:"),
    "huge file": ({"updates/2026-11-18-hello.md": b"---\ntitle: x\n---\n" + b"word " * 600_000}, 2,
                  "content/updates/2026-11-18-hello.md:"),
    "tabs in YAML": ({"hub.yaml": "project:\n\tname: x\n"}, 1, "content/hub.yaml:2:"),
    "YAML list as hub.yaml": ({"hub.yaml": "- a\n- b\n"}, 1, "content/hub.yaml:1:"),
    "unicode and spaces in names": ({"updates/2026-11-18-café au lait.md": "---\ntitle: x\n---\n"}, 1,
                                    "content/updates/2026-11-18-café au lait.md:1:"),
}


@pytest.mark.parametrize("case", HAND_CASES, ids=list(HAND_CASES))
def test_hand_made_hostile_input(tmp_path, case):
    changes, exit_code, where = HAND_CASES[case]
    contentkit.write_content(tmp_path, changes)
    result = run_hubgen("build", cwd=tmp_path, timeout=30)
    assert result.returncode == exit_code, result.stderr
    assert where in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "site").exists()


def test_symlink_loop_is_reported_not_followed(tmp_path):
    content = contentkit.write_content(tmp_path)
    os.symlink("loop.md", content / "updates" / "loop.md")
    os.symlink("..", content / "assets")  # a folder loop under assets/
    result = run_hubgen("build", cwd=tmp_path, timeout=30)
    assert result.returncode == 2
    assert "content/updates/loop.md: error HUB001: cannot read file" in result.stderr
    assert "Traceback" not in result.stderr


def _hub_with(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    """The minimal hub with one line of hub.yaml changed; the 1-based line changed."""
    text = textwrap.dedent(contentkit.MINIMAL["hub.yaml"])
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    content = contentkit.write_content(tmp_path, {"hub.yaml": text.replace(old, new, 1)})
    return content, line


def test_an_unknown_language_is_a_content_error_with_a_suggestion(tmp_path):
    content, line = _hub_with(tmp_path, "  name: Test Kettle\n", "  name: Test Kettle\n  language: xx\n")
    result = run_hubgen("build", cwd=tmp_path, timeout=60)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert (f"content/hub.yaml:{line + 1}:13: error HUB023: the hub's pages cannot be shown in language "
            "'xx': the theme has no translation for it (use one of: af, ar,") in result.stderr
    assert not (tmp_path / "site").exists()


def test_a_mistyped_language_gets_the_closest_one(tmp_path):
    content, line = _hub_with(tmp_path, "  name: Test Kettle\n", "  name: Test Kettle\n  language: DE\n")
    (problem,) = [d.text() for d in load_hub(content).report.diagnostics]
    assert problem.endswith("language 'DE': the theme has no translation for it (did you mean 'de'?)")
    assert problem.startswith(f"{content.as_posix()}/hub.yaml:{line + 1}:13:")


def test_a_language_with_a_region_uses_the_theme_language(tmp_path):
    content, _ = _hub_with(tmp_path, "  name: Test Kettle\n", "  name: Test Kettle\n  language: de-AT\n")
    loaded = load_hub(content)
    assert loaded.report.diagnostics == []
    assert loaded.hub.project.language == "de-AT"


@pytest.mark.parametrize("date", ["9999-12-31", "0001-01-01"])
def test_dates_at_the_end_of_the_calendar_are_content_errors(tmp_path, date):
    # The calendar adds a day to every due date; 9999-12-31 + 1 day would overflow.
    content, line = _hub_with(tmp_path, "    due: 2026-09-15", f"    due: {date}")
    result = run_hubgen("build", cwd=tmp_path, timeout=60)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert (f"content/hub.yaml:{line}:10: error HUB023: 'due' is not a valid date: {date} is too far "
            "from today to be meant (hubgen takes dates from 1900 to 2999; check the year)") in result.stderr


def test_an_update_named_for_the_last_day_of_the_calendar_is_a_content_error(tmp_path):
    contentkit.write_content(tmp_path, {"updates/9999-12-31-far.md": "---\ntitle: Far\n---\nBody.\n"})
    result = run_hubgen("lint", cwd=tmp_path, timeout=60)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert ("content/updates/9999-12-31-far.md:1: error HUB023: the date in the file name is not a valid date: "
            "9999-12-31 is too far from today to be meant") in result.stdout


# -- nothing outside the content folder is read or published --------------------------------

SECRET = "CI_DEPLOY_TOKEN=hunter2-do-not-publish"


def secret_outside(tmp_path: Path) -> Path:
    """A file beside the content folder, as a CI checkout's .env would be."""
    secret = tmp_path / "deploy.env"
    secret.write_text(SECRET + "\n")
    return secret


def published_anything(tmp_path: Path) -> bool:
    return (tmp_path / "site").exists()


@pytest.mark.parametrize("link, target", [
    ("assets/env.txt", "/proc/self/environ"),
    ("pages/x.md", "/etc/passwd"),
    ("faq.yaml", "/dev/zero"),
    ("assets/deploy.env", "../../deploy.env"),  # relative, as committed to git in a pull request
    ("updates/2026-11-20-leak.md", "../../deploy.env"),
    ("refund-policy.md", "../deploy.env"),
    ("hub.yaml", "../deploy.env"),
    ("assets/shared", "../.."),  # a linked folder
    ("pages", "/etc"),  # the folder itself
])
def test_symlinks_leading_outside_the_content_are_refused(tmp_path, link, target):
    secret_outside(tmp_path)
    content = contentkit.write_content(tmp_path, {"pages/about.md": "---\ntitle: About\n---\nUs.\n"})
    path = content / link
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, path)
    result = run_hubgen("build", cwd=tmp_path, timeout=60)
    assert result.returncode == 1, result.stderr
    assert f"content/{link}: error HUB005: this is a symbolic link to " in result.stderr
    assert "outside the content folder" in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert SECRET not in result.stderr + result.stdout
    assert not published_anything(tmp_path)


def test_symlinks_inside_the_content_folder_still_work(tmp_path):
    content = contentkit.write_content(tmp_path, {"assets/kettle-v2.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>"})
    os.symlink("kettle-v2.svg", content / "assets" / "kettle.svg")
    result = run_hubgen("build", cwd=tmp_path, timeout=240)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "assets" / "kettle.svg").read_text().startswith("<svg")


def test_a_fifo_as_a_content_file_is_refused_without_waiting(tmp_path):
    content = contentkit.write_content(tmp_path, {"faq.yaml": None})
    os.mkfifo(content / "faq.yaml")  # nobody ever writes into it: reading would wait forever
    result = run_hubgen("build", cwd=tmp_path, timeout=60)
    assert result.returncode == 2
    assert "content/faq.yaml: error HUB001: this is not a regular file" in result.stderr
    assert not published_anything(tmp_path)


def test_a_fifo_in_assets_is_refused_without_waiting(tmp_path):
    content = contentkit.write_content(tmp_path)
    (content / "assets").mkdir()
    os.mkfifo(content / "assets" / "stream.mp3")
    result = run_hubgen("build", cwd=tmp_path, timeout=60)
    assert result.returncode == 2
    assert "content/assets/stream.mp3: error HUB001: this is not a regular file" in result.stderr


def test_the_size_cap_counts_bytes_read_not_what_stat_says(tmp_path, monkeypatch):
    """A file whose size stat under-reports (procfs, a file still growing) is capped by what is read."""
    from hubgen import load

    content = contentkit.write_content(tmp_path, {"refund-policy.md": "We refund. " * 40})
    monkeypatch.setattr(load, "MAX_FILE_BYTES", 100)
    real_stat = os.stat
    monkeypatch.setattr(os, "stat", lambda path, *a, **k: os.stat_result((*real_stat(path, *a, **k)[:6], 0,
                                                                           *real_stat(path, *a, **k)[7:])))
    loader = load.load_content(content)
    assert [d.code for d in loader.unreadable.diagnostics if "refund-policy.md" in d.location.path] == ["HUB002"]


# -- nesting and names that no file system takes ---------------------------------------------

@pytest.mark.parametrize("depth", [200, 1000, 100_000])
def test_deeply_nested_yaml_is_a_content_error(tmp_path, depth):
    faq = ("- category: Shipping\n  questions:\n    - id: when-ship\n      q: When?\n      a: March.\n"
           "      keywords: " + "[" * depth + "]" * depth + "\n")
    contentkit.write_content(tmp_path, {"faq.yaml": faq})
    result = run_hubgen("build", cwd=tmp_path, timeout=60)
    assert result.returncode == 1, result.stderr
    assert "content/faq.yaml:6:" in result.stderr and "nested more than 50 levels deep" in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


def test_deep_block_yaml_is_a_content_error(tmp_path):
    nested = "".join(f"{'  ' * level}k{level}:\n" for level in range(300)) + "  " * 300 + "end\n"
    hub = textwrap.dedent(contentkit.MINIMAL["hub.yaml"]) + "extra:\n" + textwrap.indent(nested, "  ")
    contentkit.write_content(tmp_path, {"hub.yaml": hub})
    result = run_hubgen("lint", cwd=tmp_path, timeout=60)
    assert result.returncode == 1
    assert "nested more than 50 levels deep" in result.stderr + result.stdout
    assert "internal error" not in result.stderr


def test_tags_and_categories_longer_than_a_file_name_still_build(tmp_path):
    tag = "配送と関税について" * 12  # 324 bytes in UTF-8: over the 255 a file name may have
    category = "Shipping, customs, duties and every other cost of getting the kettle to you " * 4
    hub = yaml.safe_load(textwrap.dedent(contentkit.MINIMAL["hub.yaml"]))
    hub["settings"] = {"faq_split_after": 1}
    faq = [{"category": category, "questions": [{"id": "when-ship", "q": "When will it ship?", "a": "March."},
                                                {"id": "duties", "q": "Do I pay duties?", "a": "No."}]}]
    contentkit.write_content(tmp_path, {
        "hub.yaml": yaml.safe_dump(hub, allow_unicode=True), "faq.yaml": yaml.safe_dump(faq),
        "updates/2026-11-18-hello.md": f"---\ntitle: Hello\ndate: 2026-11-18\ntags: [{tag}]\n---\nHi.\n"})
    result = run_hubgen("build", cwd=tmp_path, timeout=240)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    tag_pages = list((site / "updates" / "tags").iterdir())
    assert len(tag_pages) == 1 and len(tag_pages[0].name.encode()) <= 255
    assert tag in (tag_pages[0] / "index.html").read_text()
    category_pages = [p for p in (site / "faq").iterdir() if p.is_dir()]
    assert len(category_pages) == 1 and "duties" in (category_pages[0] / "index.html").read_text()


# -- outputs that are not HTML escape by their own grammar ------------------------------------

ICS_INJECTION = "\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:x@evil\r\nDTSTART;VALUE=DATE:20261224\r\nSUMMARY:Refunds close tonight\r\n"


@pytest.mark.parametrize("site_url", [
    "https://help.kettle.example/" + ICS_INJECTION,
    "https://help.kettle.example/ BEGIN:VEVENT",
    "https://help.kettle.example/\x1b[2J",
    'https://help.kettle.example/"><script>',
    "https://help.kettle.example/?ref=feed",
])
def test_a_site_url_is_validated_whole_not_only_its_start(tmp_path, site_url):
    content, line = _hub_with(tmp_path, "  site_url: https://help.kettle.example/\n",
                              f"  site_url: {yaml.safe_dump(site_url, width=1000).splitlines()[0]}\n")
    result = run_hubgen("build", cwd=tmp_path, timeout=60)
    assert result.returncode == 1, result.stderr
    assert f"content/hub.yaml:{line}:13: error HUB023: site_url must be an absolute http(s) URL" in result.stderr
    assert "\nBEGIN:VEVENT" not in result.stderr and "\x1b" not in result.stderr
    assert not published_anything(tmp_path)


def test_the_calendar_keeps_one_event_per_milestone_whatever_the_text_holds(tmp_path):
    """Every value is escaped by RFC 5545's grammar: TEXT by 3.3.11, URIs percent-encoded
    (3.3.13 has no escape), so no value ever starts a line of its own. Read back by icalendar."""
    import dataclasses

    import icalendar

    from hubgen.render.calendar import calendar

    hub = yaml.safe_load(textwrap.dedent(contentkit.MINIMAL["hub.yaml"]))
    hub["project"]["name"] = "Kettle" + ICS_INJECTION
    hub["milestones"] = [
        {"title": "Surveys; sent, \\ done" + ICS_INJECTION, "due": "2026-09-15", "note": "Late\rEND:VCALENDAR"},
        {"title": "Boxes\nBEGIN:VALARM", "due": "2026-12-01"},
    ]
    loaded = load_hub(contentkit.write_content(tmp_path, {"hub.yaml": yaml.safe_dump(hub)}))
    # As if site_url had got past validation: the calendar does not rely on it.
    project = dataclasses.replace(loaded.hub.project, site_url="https://help.kettle.example/" + ICS_INJECTION)
    raw = calendar(dataclasses.replace(loaded.hub, project=project))
    assert raw.count("\r\nBEGIN:VEVENT\r\n") == 2 and raw.count("\r\nEND:VCALENDAR\r\n") == 1
    events = list(icalendar.Calendar.from_ical(raw).walk("VEVENT"))
    assert [str(event["SUMMARY"]) for event in events] == [
        "Surveys; sent, \\ done\nEND:VEVENT\nBEGIN:VEVENT\nUID:x@evil\nDTSTART;VALUE=DATE:20261224\n"
        "SUMMARY:Refunds close tonight", "Boxes\nBEGIN:VALARM"]
    for event in events:
        assert "\r" not in str(event["URL"]) and "\n" not in str(event["URL"])
        assert str(event["URL"]).startswith("https://help.kettle.example/")
        assert str(event["UID"]).endswith("@help.kettle.example")


def test_a_line_break_in_an_asset_folder_name_is_refused_not_written_into_headers(tmp_path):
    content = contentkit.write_content(tmp_path)
    folder = content / "assets" / "javascripts" / "x\n/*\n  Content-Security-Policy: script-src *\n"
    folder.mkdir(parents=True)
    (folder / "app.0123456789abcdef.min.js").write_text("alert(1)")
    result = run_hubgen("build", "--today", "2026-11-20", cwd=tmp_path, timeout=60)
    assert result.returncode == 1, result.stderr
    assert ("content/assets/javascripts/x\\n/*\\n  Content-Security-Policy: script-src *\\n/"
            "app.0123456789abcdef.min.js: error HUB025: the file's path holds a control character (a line "
            "break, a tab or an escape), which no link can name (rename the file or its folder to letters, "
            "digits, '-' and '_')") in result.stderr
    assert not published_anything(tmp_path)


def test_headers_write_paths_names_and_values_by_their_own_grammar():
    from hubgen.render.headers import parse_headers, render_headers

    path = "/assets/a b\r\n/*\n  Access-Control-Allow-Origin: *\n/app.js"
    text = render_headers([(path, {"Cache-Control": "no-cache"})])
    assert parse_headers(text) == [("/assets/a%20b%0D%0A/*%0A%20%20Access-Control-Allow-Origin:%20*%0A/app.js",
                                    {"Cache-Control": "no-cache"})]
    for name, value in [("X-A\nX-B", "1"), ("X-A", "1\r\nX-B: 2"), ("X A", "1")]:
        with pytest.raises(ValueError):
            render_headers([("/*", {name: value})])


# What GitHub Actions runs from a log line (actions/runner, ActionCommand.TryParseV2 and TryParse):
# a line whose first non-space characters are "::", and the older "##[" anywhere in a line.
def workflow_commands(log: str) -> list[str]:
    commands = []
    for line in log.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.lstrip().startswith("::") and "::" in line.lstrip()[2:]:
            commands.append(line.lstrip()[2:].split("::", 1)[0].split(" ", 1)[0])
        elif "##[" in line and "]" in line[line.index("##["):]:
            commands.append(line[line.index("##[") + 3:].split("]", 1)[0].split(" ", 1)[0])
    return commands


HOSTILE_TEXT = "Kettle\r\n::add-mask::hunter2\n::stop-commands::pause\n  ##[error]fake\x1b[2J\x07\u202eevil"


def _hub_with_hostile_messages(tmp_path: Path) -> Path:
    """Content whose problems quote what a stranger wrote: an unknown key and a search check."""
    hub = yaml.safe_load(textwrap.dedent(contentkit.MINIMAL["hub.yaml"]))
    hub["project"][HOSTILE_TEXT] = "x"
    hub["search_checks"] = [{"query": HOSTILE_TEXT, "expect": "when-ship"}]
    return contentkit.write_content(tmp_path, {"hub.yaml": yaml.safe_dump(hub, allow_unicode=True)})


def _assert_shown_not_run(output: str) -> None:
    for unshown in ("\x1b", "\x07", "\r", "\u202e"):
        assert unshown not in output
    assert "hunter2" in output  # shown, as written, with its escapes


@pytest.mark.parametrize("command", [("lint",), ("lint", "--format", "text"), ("build",)])
def test_terminal_and_ci_output_never_runs_what_content_wrote(tmp_path, command):
    _hub_with_hostile_messages(tmp_path)
    result = run_hubgen(*command, "--today", "2026-11-20", cwd=tmp_path, timeout=60)
    assert result.returncode == 1, result.stderr
    output = result.stdout + result.stderr
    _assert_shown_not_run(output)
    assert workflow_commands(output) == []
    assert ("unknown key 'Kettle\\r\\n::add-mask::hunter2\\n::stop-commands::pause\\n  ##\\[error]fake"
            "\\x1b[2J\\x07\\u202eevil' in project") in output


def test_the_github_format_holds_only_its_own_annotations(tmp_path):
    _hub_with_hostile_messages(tmp_path)
    result = run_hubgen("lint", "--format", "github", "--today", "2026-11-20", cwd=tmp_path, timeout=60)
    assert result.returncode == 1, result.stderr
    _assert_shown_not_run(result.stdout)
    lines = result.stdout.splitlines()
    assert workflow_commands(result.stdout) == ["error"] * len(lines)
    for line in lines:
        properties, message = line[len("::error "):].split("::", 1)
        assert [p.split("=", 1)[0] for p in properties.split(",")] == ["file", "line", "col", "title"]
        assert "\n" not in message and "\r" not in message


def test_links_in_feeds_are_whole_urls(tmp_path):
    """A feed reader follows a link away from the hub: each is one absolute URL, with the
    spaces and line breaks a creator pasted percent-encoded. Read back by feedparser."""
    import feedparser

    body = ("See the [warehouse map](<https://maps.example/warehouse 3>) and the\n"
            '<a href="https://shop.example/spare lid?colour=matte black">spare lids</a>.\n')
    _write_hello(tmp_path, body)
    result = run_hubgen("build", "--today", "2026-11-20", cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    feed = feedparser.parse((tmp_path / "site" / "feed.xml").read_bytes())
    assert feed.bozo == 0
    content = feed.entries[0].content[0].value
    assert 'href="https://maps.example/warehouse%203"' in content
    assert 'href="https://shop.example/spare%20lid?colour=matte%20black"' in content


# -- bounded input, bounded cost -------------------------------------------------------------
# Each case took minutes before (numbers in the commit that added it); each must now
# answer at its line in seconds.

def _hub_yaml_with(**changes) -> str:
    hub = yaml.safe_load(textwrap.dedent(contentkit.MINIMAL["hub.yaml"]))
    hub.update(changes)
    return yaml.safe_dump(hub, allow_unicode=True, sort_keys=False, width=1000)


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def _write_hello(tmp_path: Path, body: str, front: str = "") -> Path:
    """The minimal hub with its update holding `body` (and `front` in its front matter)."""
    return contentkit.write_content(tmp_path, {"updates/2026-11-18-hello.md":
                                               f"---\ntitle: Hello\ndate: 2026-11-18\n{front}---\n{body}\n"})


def test_a_synonym_group_of_thousands_is_refused_in_seconds(tmp_path):
    # One group of n words cost n³ in the search's analyser: 2,400 words (50 KB) took over a minute.
    hub = _hub_yaml_with(settings={"synonyms": {"kettle": [f"kettle model {i}" for i in range(2400)]}},
                         search_checks=[{"query": "when does my kettle ship", "expect": "when-ship"}])
    contentkit.write_content(tmp_path, {"hub.yaml": hub})
    result = run_hubgen("lint", "--today", "2026-11-20", cwd=tmp_path, timeout=20)
    assert result.returncode == 1, result.stdout
    line = _line_of(hub, "  synonyms:") + 1  # at its first word
    assert (f"content/hub.yaml:{line}:5: error HUB026: 'synonyms' holds 2401 words in all; hubgen takes at "
            "most 300 (keep the 300 that matter most to backers)") in result.stdout


def test_the_largest_synonym_group_hubgen_takes_answers_at_once(tmp_path):
    from hubgen.search import SearchEngine, build_search_index

    hub = _hub_yaml_with(settings={"synonyms": {"kettle": [f"kettlemodel{i}" for i in range(299)]}})
    loaded = load_hub(contentkit.write_content(tmp_path, {"hub.yaml": hub}))
    assert loaded.report.diagnostics == []
    engine = SearchEngine(build_search_index(loaded.hub))
    assert [hit.location for hit in engine.top("kettlemodel7 ship", 1)] == ["faq/#when-ship"]


def test_repeated_next_states_count_once(tmp_path):
    states = [{"id": "collected", "label": "Collected", "description": "Paid.", "next": ["locked"] * 5000},
              {"id": "locked", "label": "Locked", "description": "Being packed."}]
    loaded = load_hub(contentkit.write_content(tmp_path, {"hub.yaml": _hub_yaml_with(pledge_states=states)}))
    assert loaded.report.diagnostics == []
    assert loaded.hub.pledge_states[0].next == ["locked"]


def test_a_pledge_state_graph_beyond_the_bound_is_refused_in_seconds(tmp_path):
    # 250 states each leading to all others: 1 MB of hub.yaml took minutes to build.
    count = 250
    states = [{"id": f"s{i}", "label": f"State {i}", "description": "A state.",
               "next": [f"s{j}" for j in range(count) if j != i]} for i in range(count)]
    hub = _hub_yaml_with(pledge_states=states)
    contentkit.write_content(tmp_path, {"hub.yaml": hub, "faq.yaml": contentkit.MINIMAL["faq.yaml"].replace(
        "states: [collected, locked]", "states: [s0, s1]")})
    result = run_hubgen("build", "--today", "2026-11-20", cwd=tmp_path, timeout=30)
    assert result.returncode == 1, result.stderr
    assert (f"content/hub.yaml:{_line_of(hub, 'pledge_states:') + 1}:1: error HUB026: 'pledge_states' holds 250 "
            "pledge states; hubgen takes at most 100") in result.stderr
    assert not published_anything(tmp_path)


def test_what_tags_feeds_write_stays_below_the_size_of_the_updates(tmp_path):
    """Each tag's feeds carry summaries and links, not bodies: with full bodies, 30 long
    updates in 10 tags wrote 20 times their size into updates/tags/."""
    import feedparser

    tags = ", ".join(f"topic-{i}" for i in range(10))
    body = ("The factory sent photos of the first moulded lids; the tooling looks right. " * 8 + "\n\n") * 50
    updates = {f"updates/2026-10-{day:02d}-news.md": f"---\ntitle: News of the {day}th\ndate: 2026-10-{day:02d}\n"
               f"tags: [{tags}]\n---\n{body}" for day in range(1, 31)}
    contentkit.write_content(tmp_path, updates)
    result = run_hubgen("build", "--today", "2026-11-20", cwd=tmp_path, timeout=240)
    assert result.returncode == 0, result.stderr
    written = sum(len(text.encode()) for text in updates.values())
    tag_feeds = sum(p.stat().st_size for p in (tmp_path / "site" / "updates" / "tags").rglob("feed.*"))
    assert tag_feeds < written, (tag_feeds, written)  # was 19.2 MB for these 0.9 MB
    feed = feedparser.parse((tmp_path / "site" / "updates" / "tags" / "topic-3" / "feed.xml").read_bytes())
    assert feed.bozo == 0 and len(feed.entries) == 30
    entry = feed.entries[0]
    assert entry.summary.startswith("The factory sent photos") and entry.summary.endswith(" …")
    assert len(entry.summary) <= 302 and "content" not in entry
    assert entry.link == "https://help.kettle.example/updates/2026-10-30-news/"
    whole = next(e for e in feedparser.parse((tmp_path / "site" / "feed.xml").read_bytes()).entries
                 if e.link == entry.link)
    assert len(whole.content[0].value) > len(body)  # the hub's own feed keeps whole bodies


def test_tags_per_update_are_bounded(tmp_path):
    # Each tag is a page and two feeds with the bodies of its updates: 0.95 MB of updates
    # with a hundred tags each made a 197 MB site.
    _write_hello(tmp_path, "Hi.", "tags: [" + ", ".join(f"topic-{i}" for i in range(25)) + "]\n")
    result = run_hubgen("build", "--today", "2026-11-20", cwd=tmp_path, timeout=30)
    assert result.returncode == 1, result.stderr
    assert ("content/updates/2026-11-18-hello.md:4:7: error HUB026: 'tags' holds 25 items; hubgen takes at "
            "most 10 (keep the 10 that matter most to backers)") in result.stderr


# -- the workflows that build strangers' pull requests -----------------------------------------

def _workflows(tmp_path: Path) -> dict[str, Path]:
    from conftest import REPO

    result = run_hubgen("init", str(tmp_path / "my-hub"), "--today", "2026-11-20")
    assert result.returncode == 0, result.stderr
    return {"generated": tmp_path / "my-hub" / ".github" / "workflows" / "hub.yml",
            "hubgen's own": REPO / ".github" / "workflows" / "hub.yml"}


def test_every_action_the_workflows_use_is_pinned_to_a_commit(tmp_path):
    """A tag can be moved to other code by whoever controls the action; a commit cannot."""
    from test_release import PINNED

    for name, path in _workflows(tmp_path).items():
        uses = [line for line in path.read_text(encoding="utf-8").splitlines() if "uses:" in line]
        assert len(uses) >= 4 and [line for line in uses if not PINNED.match(line)] == [], name


def test_the_workflows_token_may_do_only_what_each_job_needs(tmp_path):
    workflows = {name: yaml.safe_load(path.read_text(encoding="utf-8")) for name, path in _workflows(tmp_path).items()}
    generated, own = workflows["generated"], workflows["hubgen's own"]
    for workflow in workflows.values():
        assert workflow["permissions"] == {}  # nothing unless a job asks
    assert generated["jobs"]["build"]["permissions"] == {"contents": "read", "security-events": "write"}
    assert generated["jobs"]["publish"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert own["jobs"]["hub"]["permissions"] == {"contents": "read", "security-events": "write"}


# -- hiding an update never fails open ----------------------------------------------------------

HIDDEN = "2026-11-10-factory-visit"


def _hub_referring_to_an_update(tmp_path: Path, front: str) -> Path:
    """A FAQ answer, another update and a search check that name the factory-visit update."""
    hub = _hub_yaml_with(search_checks=[{"query": "factory photos", "expect": HIDDEN}])
    faq = textwrap.dedent(contentkit.MINIMAL["faq.yaml"]).replace(
        "See the [refund policy]", f"See the [factory photos](/updates/{HIDDEN}/) and the [refund policy]")
    return contentkit.write_content(tmp_path, {
        "hub.yaml": hub, "faq.yaml": faq,
        f"updates/{HIDDEN}.md": f"---\ntitle: Factory photos\ndate: 2026-11-10\n{front}---\nPhotos of the line.\n",
        "updates/2026-11-18-hello.md": "---\ntitle: Hello backers\ndate: 2026-11-18\n---\n"
                                       f"First news. Remember the [factory visit](../{HIDDEN}/).\n"})


@pytest.mark.parametrize("hiding", ["visibility: backers\n", "draft: true\n"])
def test_hiding_an_update_takes_it_off_the_site_and_leaves_out_what_names_it(tmp_path, hiding):
    content = _hub_referring_to_an_update(tmp_path, "")
    first = run_hubgen("build", "--today", "2026-11-20", cwd=tmp_path, timeout=120)
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "site" / "updates" / HIDDEN / "index.html").is_file()

    update = content / "updates" / f"{HIDDEN}.md"
    update.write_text(update.read_text().replace("date: 2026-11-10\n", f"date: 2026-11-10\n{hiding}"))
    result = run_hubgen("build", "--today", "2026-11-20", cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    kind = "a draft" if "draft" in hiding else "a backers-only"
    fix = "(remove the link or point it at a public page; the update stays off the site)"
    assert (f"content/faq.yaml:5:49: warning HUB162: link '/updates/{HIDDEN}/' leads to {kind} update, which is "
            f"not on the public hub: the page shows the link's text without the link {fix}") in result.stderr
    assert f"content/updates/2026-11-18-hello.md:5:42: warning HUB162: link '../{HIDDEN}/' leads to" in result.stderr
    hub_yaml = (content / "hub.yaml").read_text()
    assert (f"content/hub.yaml:{_line_of(hub_yaml, 'expect:')}:11: warning HUB171: search check 'factory photos' "
            f"expects '{HIDDEN}', {'a draft' if 'draft' in hiding else 'a backers-only update'} the public hub "
            "does not have: the check is left out (expect a public page or FAQ entry instead, or remove the "
            "check; the update stays off the site)") in result.stderr
    assert "publish" not in result.stderr
    site = tmp_path / "site"
    assert not (site / "updates" / HIDDEN).exists()
    leaks = [p for p in site.rglob("*") if p.is_file() and HIDDEN.encode() in p.read_bytes()]
    assert leaks == []
    assert "See the factory photos and the" in (site / "faq" / "index.html").read_text()
    assert "Remember the factory visit." in (site / "updates" / "2026-11-18-hello" / "index.html").read_text()


# -- internal errors: every case answers path:line or a usage message, exit 1 or 2 -------------

def test_the_preview_answers_a_broken_content_length_at_once(served):
    """`Content-Length: -1` read until the client hung up (a hang); `abc` printed a traceback."""
    import socket

    address = served.url.split("//", 1)[1].strip("/")
    host, port = address.rsplit(":", 1)
    for length in ("-1", "abc", "１２", "1e3"):
        with socket.create_connection((host, int(port)), timeout=5) as connection:
            connection.sendall(f"POST /contact/thanks/ HTTP/1.1\r\nHost: {address}\r\nContent-Type: "
                               f"application/x-www-form-urlencoded\r\nContent-Length: {length}\r\n\r\n"
                               "form-name=contact&message=hi".encode())
            answer = connection.recv(200).decode("latin-1")
        assert answer.startswith("HTTP/1.0 400") or answer.startswith("HTTP/1.1 400"), (length, answer)
    assert served.get("")[0] == 200  # still serving
    printed = []
    while not served.lines.empty():
        printed.append(served.lines.get())
    assert "Traceback" not in "".join(printed)


@pytest.mark.parametrize("today", ["9999-12-31", "0001-01-01", "3000-01-01"])
def test_a_today_at_the_ends_of_the_calendar_is_a_usage_error(tmp_path, today):
    contentkit.write_content(tmp_path)
    result = run_hubgen("lint", "--today", today, cwd=tmp_path, timeout=30)
    assert result.returncode == 2, result.stdout + result.stderr
    assert (f"error: --today {today} is too far from now to be meant; give a date from 1900 to 2999, as "
            "content dates are") in result.stderr


def test_a_title_with_a_line_break_is_refused_by_share_at_its_line(tmp_path):
    contentkit.write_content(tmp_path, {"updates/2026-11-18-hello.md":
                                        '---\ntitle: "Hello\\r\\nBcc: everyone@elsewhere.example"\n'
                                        "date: 2026-11-18\n---\nHi.\n"})
    result = run_hubgen("share", "2026-11-18-hello", "--to", "email", "--today", "2026-11-20", cwd=tmp_path,
                        timeout=30)
    assert result.returncode == 1, result.stdout + result.stderr
    assert ("content/updates/2026-11-18-hello.md:2:8: error HUB023: 'title' must be one line (join its lines, "
            "or move the rest into the body)") in result.stderr
    assert "Bcc" not in result.stdout


def test_a_mail_header_never_holds_a_line_break_whatever_the_model_holds(tmp_path):
    import dataclasses
    from email import message_from_string

    from hubgen.share import email_message

    loaded = load_hub(contentkit.write_content(tmp_path))
    update = dataclasses.replace(loaded.hub.updates[0], title="Hello\r\nBcc: everyone@elsewhere.example")
    project = dataclasses.replace(loaded.hub.project, creator="Test\nStudio\r\nCc: x@elsewhere.example")
    message = message_from_string(email_message(dataclasses.replace(loaded.hub, project=project), update))
    assert message["Bcc"] is None and message["Cc"] is None
    assert message["Subject"] == "Hello Bcc: everyone@elsewhere.example"


@pytest.mark.parametrize("command", [
    ("new", "update", "Shipping news"),
    ("init", "content/updates/x"),
    ("schema", "-o", "content/updates/schemas"),
])
def test_writing_where_a_file_is_in_the_way_is_a_usage_error(tmp_path, command):
    content = contentkit.write_content(tmp_path)
    shutil.rmtree(content / "updates")
    (content / "updates").write_text("not a folder\n")
    result = run_hubgen(*command, cwd=tmp_path, timeout=60)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert "error: a file is where a folder must be; move the file away or choose another folder" in result.stderr


WRONG_VALUES = [5, [1, [2]], {"a": {"b": 1}}]


def _key_paths(data, prefix=()):
    """Every key and list item in a YAML document, as a path."""
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        yield prefix + (key,)
        yield from _key_paths(value, prefix + (key,))


def _with(data, path, value):
    import copy

    data = copy.deepcopy(data)
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return data


def test_every_declared_key_holding_a_wrong_type_is_a_content_error(tmp_path):
    """Each key and item of a hub that uses every record of the format, replaced by a
    number, a nested list and a mapping: never an exception but
    HubgenError. `countries: 5` was a TypeError."""
    from test_lint_rules import WAVES

    hub = yaml.safe_load(WAVES.replace("    done: 2026-09-12\n", "    done: 2026-09-12\n    history:\n"
                                       "      - due: 2026-09-01\n        changed: 2026-08-01\n"))
    hub["search_checks"] = [{"query": "when ship", "expect": "when-ship"}]
    hub["settings"] = {"feed_length": 20, "synonyms": {"kettle": ["boiler"]}, "lint": {"ignore": ["HUB153"]}}
    update = {"title": "Hello", "date": "2026-11-18", "tags": ["news"], "summary": "Hi.", "segments": ["retailer"]}
    documents = {"hub.yaml": (hub, yaml.safe_dump),
                 "faq.yaml": (yaml.safe_load(textwrap.dedent(contentkit.MINIMAL["faq.yaml"])), yaml.safe_dump),
                 "updates/2026-11-18-hello.md": (update, lambda d: f"---\n{yaml.safe_dump(d)}---\nHi.\n")}
    crashes = []
    for number, (name, (data, dump)) in enumerate(documents.items()):
        for path in _key_paths(data):
            for value in WRONG_VALUES:
                try:
                    load_and_lint(contentkit.write_content(tmp_path / f"{number}", {name: dump(_with(data, path, value))}))
                except Exception as error:  # noqa: BLE001: what the test looks for
                    crashes.append(f"{name} {'.'.join(map(str, path))} = {value!r}: {type(error).__name__}: {error}")
    assert crashes == []


@pytest.mark.parametrize("run", ["[", "![", "[x](", "[x][", "<a ", "</b "])
def test_unclosed_brackets_and_tags_in_an_answer_build_in_seconds(tmp_path, run):
    # Python-Markdown scanned from each to the end of the paragraph: 24 KB took over a minute.
    answer = "Where is my parcel? " + run * (24_000 // len(run))
    faq = [{"category": "Shipping", "questions": [{"id": "when-ship", "q": "When will my kettle ship?",
                                                   "a": answer, "states": ["collected", "locked"]}]}]
    contentkit.write_content(tmp_path, {"faq.yaml": yaml.safe_dump(faq, width=100_000)})
    result = run_hubgen("build", "--today", "2026-11-20", cwd=tmp_path, timeout=60)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


LINK_SPELLINGS = [
    "See [the policy](/refund-policy/) now.", '[t](/a/ "title") and [u](</b c/>)', "![img](/a.png 'x')",
    "[a [nested] text](/x/)", "[p](/a_(b)_c) [q](/a(b)", "[ref][r] [r] ![r] ![alt][r]\n\n[r]: /faq/ \"T\"",
    "\\[not a link\\](/x/) and [x]\\(y)", "`[code](/x/)` [real](/y/)", "[a](/x/) [b](/y/) [c]",
    "[unclosed (/x/) and ] [ [x](/y/)", "[x](/y/ \"unclosed title) more)", "[](/empty/) [x]()",
    "[link *em* **strong**](https://example.com/?q=1&r=2#f)", "[x][missing] [y][]", "<a href=\"/x/\">raw</a> [m](/n/)",
]


@pytest.mark.parametrize("text", LINK_SPELLINGS)
def test_links_read_in_linear_time_are_the_links_markdown_reads(text):
    import markdown

    from hubgen.markup import _converter, fragment_extensions

    names, configs = fragment_extensions()
    stock = markdown.Markdown(extensions=[n for n in names if n != "hubgen.markup"],
                              extension_configs={n: c for n, c in configs.items() if n != "hubgen.markup"})
    assert _converter().reset().convert(text) == stock.convert(text)


def test_lint_finds_twenty_thousand_links_in_seconds(tmp_path):
    # Each link's place was looked up by lower-casing and counting the whole text again.
    _write_hello(tmp_path, "".join(f"Answer {n}: [read it](/faq/#when-ship).\n\n" for n in range(20_000))
                 + "[last](/nope/)")
    result = run_hubgen("lint", "--today", "2026-11-20", cwd=tmp_path, timeout=60)
    assert result.returncode == 1, result.stdout
    assert ("content/updates/2026-11-18-hello.md:40005:8: error HUB160: link '/nope/' leads to a page the hub "
            "does not have") in result.stdout


@pytest.mark.parametrize("logo", ["../deploy.env", "assets/" + "x" * 300 + ".svg", "/etc/passwd", "assets/../../deploy.env"])
def test_a_logo_is_one_of_the_assets_never_a_path_looked_up_elsewhere(tmp_path, logo):
    secret_outside(tmp_path)
    content, line = _hub_with(tmp_path, "  name: Test Kettle\n", f"  name: Test Kettle\n  logo: {logo}\n")
    result = run_hubgen("build", "--today", "2026-11-20", cwd=tmp_path, timeout=60)
    assert result.returncode == 1, result.stderr
    assert (f"content/hub.yaml:{line + 1}:9: error HUB023: logo file '{logo}' is not among the files in assets/ "
            "(put the file under assets/ and give its path, e.g. assets/logo.svg)") in result.stderr
    assert not published_anything(tmp_path)
