"""A creator's path, proven with the wheel: install hubgen, `hubgen init`, then
run the generated netlify.toml's build command and the generated workflow's
steps in fresh virtual environments, as Netlify and GitHub Actions would.

Nothing here reads hubgen's source tree: the project only has what
`hubgen init` wrote, and every environment installs hubgen from the wheel
(`PIP_FIND_LINKS`) with its dependencies from the package index. To keep the
three installs fast, the index is asked once: `pip download` fills a
wheelhouse, and each fresh environment installs from it with no index at all,
so its hubgen can only be the wheel.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from hubgen import __version__

pytestmark = pytest.mark.timeout(1500)
COPY_IGNORE = shutil.ignore_patterns(".git", ".venv", "node_modules", "build", "site", "*.egg-info",
                                     "__pycache__", ".pytest_cache", ".hubgen-*")


def _clean_env(**extra: str) -> dict:
    """The machine's environment minus anything that would find hubgen's source tree."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    return {**env, **extra}


def _run(command: list[str], cwd: Path, env: dict, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def wheelhouse(tmp_path_factory) -> Path:
    """hubgen's wheel, built from a copy of the repository, plus its dependencies from the index."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(REPO, source, ignore=COPY_IGNORE, symlinks=True)
    house = work / "house"
    env = _clean_env()
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(house), str(source)], work, env)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    wheel = house / f"hubgen-{__version__}-py3-none-any.whl"
    assert wheel.is_file(), sorted(p.name for p in house.iterdir())
    links = " ".join(filter(None, [str(house), env.get("PIP_FIND_LINKS", "")]))
    fetched = _run([sys.executable, "-m", "pip", "download", "-q", "-d", str(house), f"hubgen=={__version__}"],
                   work, _clean_env(PIP_FIND_LINKS=links))
    assert fetched.returncode == 0, fetched.stderr[-3000:]
    assert len(list(house.glob("hubgen-*"))) == 1  # the index had no other hubgen to offer
    return house


def fresh_env(where: Path, house: Path) -> tuple[Path, dict]:
    """A new virtual environment without the system's packages; pip in it sees only the wheelhouse."""
    venv = where / "venv"
    made = _run([sys.executable, "-m", "venv", str(venv)], where, _clean_env())
    assert made.returncode == 0, made.stderr
    env = _clean_env(PATH=f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}", VIRTUAL_ENV=str(venv),
                     PIP_FIND_LINKS=str(house), PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    return venv, env


def assert_hubgen_from_the_wheel(venv: Path, env: dict) -> None:
    shown = _run([str(venv / "bin" / "python"), "-c",
                  "import hubgen, importlib.metadata as m; d = m.distribution('hubgen'); "
                  "print(hubgen.__file__); print(d.read_text('direct_url.json') or 'from an index or link')"],
                 venv, env)
    assert shown.returncode == 0, shown.stderr
    location, origin = shown.stdout.splitlines()[:2]
    assert Path(location).is_relative_to(venv), location
    assert "editable" not in origin and str(REPO) not in origin, origin


@pytest.fixture(scope="module")
def project(wheelhouse, tmp_path_factory) -> Path:
    """`hubgen init` run by hubgen installed from the wheel, as `pip install hubgen` would."""
    where = tmp_path_factory.mktemp("creator")
    venv, env = fresh_env(where, wheelhouse)
    installed = _run(["pip", "install", "-q", f"hubgen=={__version__}"], where, env)
    assert installed.returncode == 0, installed.stderr[-3000:]
    assert_hubgen_from_the_wheel(venv, env)
    made = _run(["hubgen", "init", "my-hub"], where, env)
    assert made.returncode == 0, made.stderr
    docs = _run(["hubgen", "docs"], where, env)  # the reference ships inside the wheel
    assert docs.returncode == 0 and docs.stdout == (REPO / "docs" / "content-format.md").read_text(encoding="utf-8")
    return where / "my-hub"


def test_the_generated_netlify_build_command_builds_the_site(project: Path, wheelhouse: Path, tmp_path: Path):
    work = tmp_path / "netlify"
    shutil.copytree(project, work)
    assert not (work / "pyproject.toml").exists() and not (work / "hubgen").exists()
    command = tomllib.loads((work / "netlify.toml").read_text())["build"]["command"]
    venv, env = fresh_env(tmp_path, wheelhouse)
    result = _run(["bash", "-e", "-c", command], work, env)  # as Netlify runs it
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert_hubgen_from_the_wheel(venv, env)
    publish = tomllib.loads((work / "netlify.toml").read_text())["build"]["publish"]
    assert (work / publish / "index.html").is_file()
    assert (work / publish / "faq" / "index.html").is_file()
    assert (work / publish / "_headers").is_file()


def _write_the_creators_addresses(project: Path) -> None:
    """What a creator does before the first push: the starter's placeholder addresses
    are lint warnings (HUB114) until replaced by theirs."""
    hub = project / "content" / "hub.yaml"
    text = hub.read_text(encoding="utf-8")
    for placeholder, theirs in (("https://help.example.com/", "https://help.tinylantern.games/"),
                                ("support@example.com", "help@tinylantern.games")):
        assert placeholder in text
        text = text.replace(placeholder, theirs)
    hub.write_text(text, encoding="utf-8")


def test_the_generated_workflow_lints_and_builds(project: Path, wheelhouse: Path, tmp_path: Path):
    """Every `run:` step of the workflow, in order, as GitHub runs them (bash -e);
    `uses:` steps (checkout, setup-python, uploads) are GitHub's own."""
    work = tmp_path / "checkout"
    shutil.copytree(project, work)
    _write_the_creators_addresses(work)
    workflow = yaml.safe_load((work / ".github" / "workflows" / "hub.yml").read_text())
    steps = [step for step in workflow["jobs"]["build"]["steps"] if "run" in step]
    assert len(steps) >= 4
    venv, env = fresh_env(tmp_path, wheelhouse)
    outputs = {}
    for step in steps:
        result = _run(["bash", "-e", "-c", step["run"]], work, env)
        outputs[step["name"]] = result
        if not step.get("continue-on-error"):
            assert result.returncode == 0, (step["name"], result.stdout[-3000:] + result.stderr[-3000:])
    assert_hubgen_from_the_wheel(venv, env)
    sarif = json.loads((work / "lint.sarif").read_text())
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"] == []
    github = next(r for name, r in outputs.items() if "annotations" in name)
    assert github.stdout == ""  # the starter with the creator's addresses: no annotations
    assert (work / "site" / "index.html").is_file()
    ignored = (work / ".gitignore").read_text().splitlines()
    assert "lint.sarif" in ignored and "/site/" in ignored  # what the workflow writes is never committed


# -- before a release: hubgen installed from a Git commit ----------------------

def _git(*args: str, cwd: Path) -> str:
    result = subprocess.run(["git", "-c", "user.name=Test Creator", "-c", "user.email=creator@example.com",
                             "-c", "init.defaultBranch=main", *args],
                            cwd=cwd, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture(scope="module")
def git_commit(wheelhouse, tmp_path_factory) -> tuple[Path, str]:
    """A Git repository holding this working tree as one commit, as a fork or a
    not yet released hubgen is; and the build backend pip needs to build it,
    beside the dependencies (no index is asked during the installs)."""
    clone = tmp_path_factory.mktemp("upstream") / "hubgen"
    shutil.copytree(REPO, clone, ignore=COPY_IGNORE, symlinks=True)
    _git("init", "-q", cwd=clone)
    _git("add", "-A", cwd=clone)
    _git("commit", "-q", "-m", "hubgen before its first release", cwd=clone)
    backend = tomllib.loads((REPO / "pyproject.toml").read_text())["build-system"]["requires"]
    fetched = _run([sys.executable, "-m", "pip", "download", "-q", "-d", str(wheelhouse), *backend, "wheel"],
                   clone, _clean_env())
    assert fetched.returncode == 0, fetched.stderr[-3000:]
    return clone, _git("rev-parse", "HEAD", cwd=clone)


def _installed_commit(venv: Path, env: dict) -> dict:
    shown = _run([str(venv / "bin" / "python"), "-c",
                  "import importlib.metadata as m; print(m.distribution('hubgen').read_text('direct_url.json'))"],
                 venv, env)
    assert shown.returncode == 0, shown.stderr
    return json.loads(shown.stdout)


def test_a_project_made_before_a_release_installs_the_same_commit_elsewhere(git_commit, wheelhouse,
                                                                           tmp_path: Path):
    """hubgen installed from a Git URL (no index has this version) makes a
    project whose requirements.txt installs that very commit on a machine with
    no source tree, where the Netlify command and every workflow step pass."""
    clone, commit = git_commit
    url = f"git+file://localhost{clone}@{commit}"
    creator = tmp_path / "creator"
    creator.mkdir()
    venv, env = fresh_env(creator, wheelhouse)
    installed = _run(["pip", "install", "-q", f"hubgen @ {url}"], creator, env)
    assert installed.returncode == 0, installed.stderr[-3000:]
    made = _run(["hubgen", "init", "my-hub"], creator, env)
    assert made.returncode == 0, made.stderr
    requirements = (creator / "my-hub" / "requirements.txt").read_text()
    assert f"hubgen @ git+file://localhost{clone}@{commit}" in requirements.splitlines()
    # Honest about the one thing it cannot fix: a repository on this computer.
    assert f"installed from {clone}, which is on this computer only" in made.stderr

    elsewhere = tmp_path / "build-host"
    elsewhere.mkdir()
    work = elsewhere / "checkout"
    shutil.copytree(creator / "my-hub", work)
    assert not (work / "pyproject.toml").exists() and not (work / "hubgen").exists()
    venv, env = fresh_env(elsewhere, wheelhouse)
    netlify = tomllib.loads((work / "netlify.toml").read_text())
    result = _run(["bash", "-e", "-c", netlify["build"]["command"]], work, env)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    origin = _installed_commit(venv, env)
    assert origin["vcs_info"]["commit_id"] == commit and origin["url"].endswith(str(clone)), origin
    assert (work / "site" / "index.html").is_file()

    workflow = yaml.safe_load((work / ".github" / "workflows" / "hub.yml").read_text())
    steps = [step for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]
    assert len(steps) >= 4
    for step in steps:
        result = _run(["bash", "-e", "-c", step["run"]], work, env)
        assert result.returncode == 0, (step["name"], result.stdout[-3000:] + result.stderr[-3000:])
    assert _installed_commit(venv, env)["vcs_info"]["commit_id"] == commit
