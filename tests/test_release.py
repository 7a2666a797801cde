"""hubgen's own release workflow (.github/workflows/release.yml): a version tag
builds the sdist and the wheel, checks them and publishes them to PyPI by
trusted publishing, with nothing more than each job needs."""

from __future__ import annotations

import re
import subprocess
import tomllib

import pytest
import yaml

from conftest import REPO

WORKFLOW = REPO / ".github" / "workflows" / "release.yml"
PINNED = re.compile(r"^\s*(?:- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40}  # v\d+(?:\.\d+)*$")


@pytest.fixture(scope="module")
def release() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _steps(release: dict, job: str) -> list[dict]:
    return release["jobs"][job]["steps"]


def test_it_runs_on_version_tags_only(release: dict):
    triggers = release[True]  # YAML 1.1 reads the key `on` as true
    assert triggers == {"push": {"tags": ["v*"]}}


def test_every_action_is_pinned_to_a_commit_with_its_tag_beside_it():
    uses = [line for line in WORKFLOW.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert uses and [line for line in uses if not PINNED.match(line)] == []


def test_each_job_gets_only_the_permissions_it_needs(release: dict):
    assert release["permissions"] == {}
    assert release["jobs"]["build"]["permissions"] == {"contents": "read"}
    publish = release["jobs"]["publish"]
    assert publish["permissions"] == {"id-token": "write"}  # trusted publishing; no token stored
    assert publish["needs"] == "build" and publish["environment"]["name"] == "pypi"
    publisher = [step for step in publish["steps"] if "gh-action-pypi-publish" in step.get("uses", "")]
    assert len(publisher) == 1 and "password" not in (publisher[0].get("with") or {})


def test_it_builds_both_distributions_and_checks_them_before_publishing(release: dict):
    runs = "\n".join(step.get("run", "") for step in _steps(release, "build"))
    assert "python -m build" in runs and "twine check --strict dist/*" in runs
    assert runs.index("python -m build") < runs.index("twine check")
    upload = next(step for step in _steps(release, "build") if "upload-artifact" in step.get("uses", ""))
    download = next(step for step in _steps(release, "publish") if "download-artifact" in step.get("uses", ""))
    assert upload["with"]["name"] == download["with"]["name"] and upload["with"]["path"] == download["with"]["path"]


@pytest.mark.parametrize("tag, passes", [("v{version}", True), ("v9.9.9", False), ("{version}", False)])
def test_a_tag_that_is_not_the_packaged_version_stops_the_release(release: dict, tag: str, passes: bool):
    """Run as GitHub runs it (bash -e, in the checkout): a tag must say the
    version pyproject.toml gives the distributions, or nothing is published."""
    version = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]
    step = next(step for step in _steps(release, "build") if step.get("name", "").startswith("The tag is"))
    env = {"PATH": "/usr/bin:/bin", "TAG": tag.format(version=version)}
    result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=REPO, env=env, capture_output=True,
                            text=True, timeout=60)
    assert (result.returncode == 0) is passes, result.stdout + result.stderr
    if not passes:
        assert result.stdout.startswith(f"::error::tag {env['TAG']} does not match version {version}")
