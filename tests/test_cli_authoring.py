"""`hubgen init`, `hubgen new update` and `hubgen schema`: exit codes, and never overwriting."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from conftest import run_hubgen
from hubgen import schemas
from hubgen.content_format import UPDATE_PLACEHOLDER
from hubgen.pipeline import load_hub
from hubgen.render.incremental import CACHE_FOLDER

TODAY = "2026-03-01"


@pytest.fixture
def starter(tmp_path: Path) -> Path:
    target = tmp_path / "hub"
    result = run_hubgen("init", "--content-only", str(target), "--today", TODAY)
    assert result.returncode == 0, result.stderr
    return target


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


# -- init ----------------------------------------------------------------------

def test_init_writes_a_small_complete_hub(starter: Path):
    files = set(_snapshot(starter))
    assert {"hub.yaml", "faq.yaml", "refund-policy.md", f"updates/{TODAY}-welcome.md",
            ".schemas/hub.schema.json", ".schemas/faq.schema.json",
            ".schemas/update.schema.json"} <= files
    hub = load_hub(starter).hub
    assert len(hub.pledge_states) == 3
    assert 3 <= len(hub.faq_entries) <= 8
    assert [u.date for u in hub.updates] == [dt.date.fromisoformat(TODAY)]
    assert hub.contact.routing
    sections = [line for line in hub.refund_policy.body.splitlines() if line.startswith("## ")]
    for topic in ("how to ask", "window", "money arrives", "after"):
        assert any(topic in s.lower() for s in sections), (topic, sections)
    assert all(m.due >= dt.date.fromisoformat(TODAY) for m in hub.milestones)


def test_init_output_lints_clean_but_for_what_only_the_creator_knows(starter: Path):
    result = run_hubgen("lint", str(starter), "--today", TODAY)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 error(s), 2 warning(s)" in result.stdout
    assert [line.split(": warning ")[1][:6] for line in result.stdout.splitlines() if ": warning " in line] == [
        "HUB114", "HUB114"]  # the address and the site's URL: the two things to fill in first


def test_init_with_todays_date_lints_clean_today(tmp_path: Path):
    result = run_hubgen("init", "--content-only", str(tmp_path / "hub"))
    assert result.returncode == 0, result.stderr
    today = dt.date.today().isoformat()
    assert (tmp_path / "hub" / "updates" / f"{today}-welcome.md").is_file()
    result = run_hubgen("lint", str(tmp_path / "hub"), "--today", today)
    assert result.returncode == 0, result.stdout + result.stderr


def test_init_output_builds(starter: Path, tmp_path: Path):
    out = tmp_path / "site"
    result = run_hubgen("build", str(starter), "-o", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    for page in ("index.html", "faq/index.html", "refund-policy/index.html", "pledge-states/index.html",
                 "contact/index.html", f"updates/{TODAY}-welcome/index.html", "404.html"):
        assert (out / page).is_file(), page
    assert not (out / ".schemas").exists()


def test_init_files_teach_the_format_in_comments(starter: Path):
    hub = (starter / "hub.yaml").read_text()
    faq = (starter / "faq.yaml").read_text()
    assert sum(line.lstrip().startswith("#") for line in hub.splitlines()) >= 10
    assert "hubgen lint" in hub and "hubgen serve" in hub
    assert "kickstarter | indiegogo" in hub
    assert sum(line.lstrip().startswith("#") for line in faq.splitlines()) >= 5
    assert "@TODAY" not in "".join(p.decode() for p in _snapshot(starter).values())


def test_init_refuses_a_folder_that_is_not_empty(starter: Path):
    (starter / "hub.yaml").write_text("# mine\n")
    before = _snapshot(starter)
    result = run_hubgen("init", "--content-only", str(starter))
    assert result.returncode == 2
    assert "not empty" in result.stderr and "never overwrites" in result.stderr
    assert _snapshot(starter) == before


def test_init_refuses_a_file_and_accepts_an_empty_folder(tmp_path: Path):
    (tmp_path / "afile").write_text("x")
    result = run_hubgen("init", "--content-only", str(tmp_path / "afile"))
    assert result.returncode == 2 and "not a folder" in result.stderr
    (tmp_path / "empty").mkdir()
    assert run_hubgen("init", "--content-only", str(tmp_path / "empty")).returncode == 0
    assert (tmp_path / "empty" / "hub.yaml").is_file()


def test_init_makes_a_project_ready_to_publish(tmp_path: Path):
    """`hubgen init DIR` writes what a creator's own repository needs: the
    content, and files that install hubgen by version (never from a source
    tree, which a creator's repository does not have), check, build, publish."""
    import tomllib

    import yaml

    from hubgen import __version__
    from hubgen.write import STAGING_PREFIX

    project = tmp_path / "my-hub"
    result = run_hubgen("init", str(project), "--today", TODAY)
    assert result.returncode == 0, result.stderr
    assert {"README.md", "requirements.txt", "netlify.toml", ".github/workflows/hub.yml", ".gitignore",
            "content/hub.yaml", "content/faq.yaml", f"content/updates/{TODAY}-welcome.md"} <= set(_snapshot(project))
    requirements = (project / "requirements.txt").read_text()
    # The tests run an editable install: a folder no build host can reach, so the
    # version, with the note that says what to write until it is on PyPI.
    assert f"hubgen=={__version__}" in requirements.splitlines()
    assert "mkdocs<1.7,>=1.6" in requirements.splitlines()  # Material needs MkDocs 1
    pyproject = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    assert pyproject["project"]["version"] == __version__

    netlify = tomllib.loads((project / "netlify.toml").read_text())
    assert netlify["build"]["publish"] == "site"
    workflow = yaml.safe_load((project / ".github/workflows/hub.yml").read_text())
    runs = [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]
    for command in [netlify["build"]["command"], netlify["context"]["deploy-preview"]["command"], *runs]:
        assert "pip install ." not in command and "-e ." not in command, command
    for commands in (netlify["build"]["command"], " ; ".join(runs)):
        assert "pip install -r requirements.txt" in commands
        assert "hubgen lint content" in commands and "hubgen build content -o site" in commands
    assert any("--format sarif" in run for run in runs) and any("--format github" in run for run in runs)

    ignored = (project / ".gitignore").read_text().splitlines()
    assert "/site/" in ignored and f"{STAGING_PREFIX}*" in ignored and f"{CACHE_FOLDER}/" in ignored
    readme = (project / "README.md").read_text()
    assert readme.index("Edit") < readme.index("Preview") < readme.index("Publish")
    assert not re.search(r"@[A-Z_]+@", requirements + readme)  # every placeholder filled
    assert "which Netlify and GitHub Actions cannot reach" in result.stderr
    assert "**Before you publish:**" in readme and "hubgen @ git+https://github.com/OWNER/hubgen@COMMIT" in readme
    assert "](" not in readme.replace("](#", "")  # links to nothing the creator's repository lacks

    lint = run_hubgen("lint", "--today", TODAY, cwd=project)
    assert lint.returncode == 0, lint.stdout + lint.stderr


# What pip records in direct_url.json (PEP 610) for each way hubgen can be installed.
COMMIT = "4f2a9c1d7e3b8a6f0c5d2e9b1a7f3c8d6e0b4a2f"
INSTALLED_AS = {
    "from PyPI": (None, "hubgen==0.1.0", True),
    "from GitHub": (json.dumps({"url": "https://github.com/brightwork/hubgen.git",
                                "vcs_info": {"vcs": "git", "commit_id": COMMIT, "requested_revision": "main"}}),
                    f"hubgen @ git+https://github.com/brightwork/hubgen.git@{COMMIT}", True),
    "from a clone on this computer": (
        json.dumps({"url": "file:///home/ada/src/hubgen", "vcs_info": {"vcs": "git", "commit_id": COMMIT}}),
        f"hubgen @ git+file://localhost/home/ada/src/hubgen@{COMMIT}", False),
    "from a release archive": (
        json.dumps({"url": "https://example.org/dl/hubgen-0.1.0.tar.gz",
                    "archive_info": {"hashes": {"sha256": "ab12"}}}),
        "hubgen @ https://example.org/dl/hubgen-0.1.0.tar.gz#sha256=ab12", True),
    "editable, from a source folder": (
        json.dumps({"url": "file:///home/ada/src/hubgen", "dir_info": {"editable": True}}), "hubgen==0.1.0", False),
    "from a wheel on this computer": (
        json.dumps({"url": "file:///tmp/hubgen-0.1.0-py3-none-any.whl", "archive_info": {}}),
        "hubgen @ file://localhost/tmp/hubgen-0.1.0-py3-none-any.whl", False),
}


@pytest.mark.parametrize("how", INSTALLED_AS)
def test_init_writes_the_requirement_that_installs_this_hubgen_again(how: str, tmp_path: Path):
    """By version only when it came from an index; otherwise as pip installed it.
    Whatever only this computer has is said plainly, in the terminal and the README."""
    from hubgen.authoring import init_project, unreachable_install_warning
    from hubgen.installed import requirement_from

    recorded, line, portable = INSTALLED_AS[how]
    requirement = requirement_from(recorded)
    assert (requirement.line, requirement.portable) == (line, portable)
    init_project(tmp_path / "hub", requirement=requirement, today=dt.date.fromisoformat(TODAY))
    assert line in (tmp_path / "hub" / "requirements.txt").read_text().splitlines()
    readme = (tmp_path / "hub" / "README.md").read_text()
    assert f"`{line}`" in readme
    assert ("**Before you publish:**" in readme) is not portable
    warning = unreachable_install_warning(requirement)
    assert bool(warning) is not portable
    if " @ file:" in line or "git+file:" in line:
        assert warning.startswith(f"warning: this hubgen was installed from {recorded and json.loads(recorded)['url'][7:]}, "
                                  "which is on this computer only")


def test_init_project_refuses_a_folder_that_is_not_empty(tmp_path: Path):
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / "README.md").write_text("# my campaign\n")
    result = run_hubgen("init", str(tmp_path / "repo"))
    assert result.returncode == 2 and "--content-only" in result.stderr
    assert [p.name for p in (tmp_path / "repo").iterdir()] == ["README.md"]
    assert (tmp_path / "repo" / "README.md").read_text() == "# my campaign\n"


def test_init_needs_a_directory():
    result = run_hubgen("init")
    assert result.returncode == 2


# -- new update ----------------------------------------------------------------

def test_new_update_writes_a_dated_file_and_prints_its_path(starter: Path):
    result = run_hubgen("new", "update", "Shipping starts: week 12!", "--content", str(starter),
                        "--date", "2026-03-05")
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip())
    assert path == starter / "updates" / "2026-03-05-shipping-starts-week-12.md"
    text = path.read_text()
    assert text.startswith("---\n# yaml-language-server: $schema=../.schemas/update.schema.json\n")
    update = next(u for u in load_hub(starter).hub.updates if u.slug == path.stem)
    assert update.title == "Shipping starts: week 12!"
    assert update.date == dt.date(2026, 3, 5)
    # A draft until the creator writes it: the placeholder is never published (lint HUB126 says so).
    assert update.unfinished and not update.is_public and not update.pinned
    assert run_hubgen("lint", str(starter), "--today", "2026-03-05").returncode == 0
    path.write_text(text.replace(UPDATE_PLACEHOLDER, "The first crates leave on Monday."))
    update = next(u for u in load_hub(starter).hub.updates if u.slug == path.stem)
    assert update.is_public and not update.unfinished


def test_new_update_defaults_to_today(starter: Path):
    result = run_hubgen("new", "update", "Hello", "--content", str(starter))
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).name == f"{dt.date.today().isoformat()}-hello.md"


def test_new_update_pinned_and_backers(starter: Path):
    result = run_hubgen("new", "update", "Vote on colours", "--pinned", "--backers",
                        "--content", str(starter), "--date", "2026-03-02")
    assert result.returncode == 0, result.stderr
    update = next(u for u in load_hub(starter).hub.updates if u.slug.endswith("vote-on-colours"))
    assert update.pinned and update.visibility == "backers" and not update.is_public


def test_new_update_never_overwrites(starter: Path):
    args = ("new", "update", "Welcome", "--content", str(starter), "--date", TODAY)
    before = _snapshot(starter)
    result = run_hubgen(*args)  # updates/<TODAY>-welcome.md is the starter's own update
    assert result.returncode == 2
    assert "already exists" in result.stderr
    assert _snapshot(starter) == before


def test_new_update_usage_errors(starter: Path, tmp_path: Path):
    bad_date = run_hubgen("new", "update", "X", "--content", str(starter), "--date", "2026-02-30")
    assert bad_date.returncode == 2 and "YYYY-MM-DD" in bad_date.stderr
    no_folder = run_hubgen("new", "update", "X", "--content", str(tmp_path / "missing"))
    assert no_folder.returncode == 2 and "no such content folder" in no_folder.stderr
    no_title = run_hubgen("new", "update", "  ", "--content", str(starter))
    assert no_title.returncode == 2
    assert run_hubgen("new", "update", "--content", str(starter)).returncode == 2
    assert not list((tmp_path / "missing").parent.glob("missing*"))


def test_new_update_makes_a_slug_from_any_title(starter: Path):
    result = run_hubgen("new", "update", "Ünïcode & «quotes» " + "very long words " * 10,
                        "--content", str(starter), "--date", "2026-03-03")
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip())
    assert len(path.stem) <= 11 + 60
    assert run_hubgen("lint", str(starter), "--today", "2026-03-03").returncode == 0


# -- schema --------------------------------------------------------------------

@pytest.mark.parametrize("name", list(schemas.SCHEMAS))
def test_schema_prints_each_schema(name: str):
    result = run_hubgen("schema", name)
    assert result.returncode == 0
    assert json.loads(result.stdout) == schemas.load_schema(name)


def test_schema_writes_them_all(tmp_path: Path):
    result = run_hubgen("schema", "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "faq.schema.json", "hub.schema.json", "refund-policy.schema.json", "update.schema.json"]
    one = run_hubgen("schema", "faq", "-o", str(tmp_path / "one"))
    assert [p.name for p in (tmp_path / "one").iterdir()] == ["faq.schema.json"]
    assert one.returncode == 0


def test_schema_usage_errors():
    assert run_hubgen("schema").returncode == 2
    assert run_hubgen("schema", "pages").returncode == 2


@pytest.mark.parametrize("command", [("serve",), ("init",), ("new", "update"), ("schema",)])
def test_every_authoring_command_has_help(command):
    result = run_hubgen(*command, "--help")
    assert result.returncode == 0
    assert len(result.stdout.split("\n\n")[1].strip()) > 20


@pytest.mark.parametrize("title, name", [("Ünïcödé Straße café", "unicode-strasse-cafe"),
                                         ("🎉🎉🎉", "update"), ("配送のお知らせ", "update"),
                                         ("Section 3: lids", "section-3-lids")])
def test_new_update_file_names_read_as_the_title_does(tmp_path, title, name):
    run_hubgen("init", "--content-only", str(tmp_path / "content"))
    result = run_hubgen("new", "update", title, str(tmp_path / "content"), "--date", "2026-11-22")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith(f"2026-11-22-{name}.md")


@pytest.mark.parametrize("written, offered", [
    ("2026-11-21-Hello World", "2026-11-21-hello-world.md"),
    ("2026-12-5-news", "2026-12-05-news.md"),  # a tester was offered '2026-11-02-2026-12-5-news.md'
])
def test_a_badly_named_update_is_offered_a_name_that_keeps_its_date(tmp_path, written, offered):
    run_hubgen("init", "--content-only", str(tmp_path / "content"))
    (tmp_path / "content" / "updates" / f"{written}.md").write_text(
        "---\ntitle: Hello\n---\nBoxes are packed.\n", encoding="utf-8")
    result = run_hubgen("lint", str(tmp_path / "content"), "--today", "2026-12-20")
    assert f"rename it, e.g. to '{offered}'" in result.stdout + result.stderr


@pytest.mark.parametrize("host, form, switch_on", [
    ("netlify", "netlify", 'Forms > "Enable form detection"'),
    ("github-pages", "mailto", "GitHub Pages cannot receive forms"),
    ("other", "mailto", "Most static hosts cannot receive forms"),
])
def test_init_sets_up_the_host_chosen_and_the_form_follows_it(tmp_path: Path, host, form, switch_on):
    """`--host` is written into hub.yaml; the form follows it (a Netlify form only
    where Netlify receives it); the README says what to switch on and how to
    test that a message arrives; the hub lints clean and builds."""
    project = tmp_path / "hub"
    result = run_hubgen("init", str(project), "--host", host, "--today", TODAY)
    assert result.returncode == 0, result.stderr
    hub = load_hub(project / "content").hub
    assert (hub.project.host, hub.contact.form) == (host, form)
    readme = " ".join((project / "README.md").read_text().split())
    assert "## 4. Messages from backers" in readme and switch_on in readme
    assert "To test that a message arrives" in readme
    lint = run_hubgen("lint", "--today", TODAY, cwd=project)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    built = run_hubgen("build", "--today", TODAY, cwd=project)
    assert built.returncode == 0, built.stderr
    contact = (project / "site" / "contact" / "index.html").read_text()
    assert ('data-netlify="true"' in contact) is (host == "netlify")
    assert f'data-hubgen-ask="{form}"' in contact


def test_init_refuses_a_host_it_does_not_know(tmp_path: Path):
    result = run_hubgen("init", str(tmp_path / "hub"), "--host", "vercel")
    assert result.returncode == 2 and "'netlify', 'github-pages', 'other'" in result.stderr
    assert not (tmp_path / "hub").exists()
