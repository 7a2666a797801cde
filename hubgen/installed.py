"""How this hubgen was installed, and the requirement that installs it again.

`hubgen init` writes requirements.txt for Netlify and GitHub Actions. Pinning
`hubgen==VERSION` is right only when that version came from a package index:
before a release (or for a fork, or a fix not yet released) no index has it,
and every deploy of the new project fails with "No matching distribution".
pip records where a package came from when it was not an index (PEP 610:
`direct_url.json` in its dist-info), so the requirement is read from there:
a Git commit or an archive URL installs the very same hubgen elsewhere. A
folder on this computer (a source checkout, editable or not) cannot be
reached from a build host; the caller says so plainly.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import metadata

from hubgen import __version__

DISTRIBUTION = "hubgen"
LOCAL_HOST = "localhost"  #: PEP 508 needs a host in a URL: file:///x is written file://localhost/x
#: what a creator writes once hubgen is on the package index, or to pin another commit
INDEX_EXAMPLE = f"{DISTRIBUTION}=={__version__}"
GIT_EXAMPLE = f"{DISTRIBUTION} @ git+https://github.com/OWNER/hubgen@COMMIT"


@dataclass(frozen=True)
class Requirement:
    """The requirements.txt line that installs this hubgen, and whether a build host can follow it."""

    line: str  #: a PEP 508 requirement, e.g. hubgen==0.1.0 or hubgen @ git+https://...@<commit>
    portable: bool  #: False: it names something only this computer has
    source: str = ""  #: where hubgen was installed from, as pip recorded it ("" for an index)

    @property
    def pipx_spec(self) -> str:
        """What `pipx install` takes: the URL of a direct requirement, else the pinned name."""
        return self.line.split(" @ ", 1)[1] if " @ " in self.line else self.line


def this_requirement() -> Requirement:
    """The requirement for the hubgen running now (see the module doc)."""
    try:
        found = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        found = None
    # No installer recorded: the metadata of a source folder (hubgen.egg-info), not an install.
    if found is None or found.read_text("INSTALLER") is None:
        return Requirement(INDEX_EXAMPLE, portable=False, source="a source folder")
    return requirement_from(found.read_text("direct_url.json"))


def requirement_from(direct_url: str | None) -> Requirement:
    """PEP 610's record (the text of direct_url.json, None when pip took hubgen
    from an index) -> the requirement that installs the same hubgen."""
    if not direct_url:
        return Requirement(INDEX_EXAMPLE, portable=True)
    try:
        record = json.loads(direct_url)
        url = str(record["url"])
    except (ValueError, KeyError, TypeError):
        return Requirement(INDEX_EXAMPLE, portable=False, source="an unreadable direct_url.json")
    if "vcs_info" in record:
        return _from_vcs(url, record["vcs_info"], record.get("subdirectory"))
    if "archive_info" in record:
        return _from_archive(url, record["archive_info"])
    return Requirement(INDEX_EXAMPLE, portable=False, source=_shown(url))  # dir_info: a local folder


def _from_vcs(url: str, vcs: dict, subdirectory: str | None) -> Requirement:
    line = f"{DISTRIBUTION} @ {vcs['vcs']}+{_with_host(url)}@{vcs['commit_id']}"
    if subdirectory:
        line += f"#subdirectory={subdirectory}"
    return Requirement(line, portable=not url.startswith("file:"), source=_shown(url))


def _from_archive(url: str, archive: dict) -> Requirement:
    hashed = archive.get("hash") or next(
        (f"{name}={value}" for name, value in (archive.get("hashes") or {}).items()), "")
    line = f"{DISTRIBUTION} @ {_with_host(url)}" + (f"#{hashed}" if hashed and "#" not in url else "")
    return Requirement(line, portable=not url.startswith("file:"), source=_shown(url))


def _with_host(url: str) -> str:
    """file:///path -> file://localhost/path: pip reads a URL without a host in a PEP 508 line wrongly."""
    return re.sub(r"^file:///", f"file://{LOCAL_HOST}/", url)


def _shown(url: str) -> str:
    """A URL as a person reads it: a local file URL as its path."""
    return re.sub(r"^file://(?:localhost)?", "", url)


def mkdocs_requirement() -> str:
    """The MkDocs range this hubgen declares (pyproject.toml), for the generated
    requirements.txt: Material needs MkDocs 1, so MkDocs 2 must never be picked."""
    try:
        declared = metadata.requires(DISTRIBUTION) or []
    except metadata.PackageNotFoundError:
        declared = []
    found = next((r.split(";")[0].strip() for r in declared if re.match(r"mkdocs\s*[<>=!~(]", r)), "")
    return found or "mkdocs<2"
