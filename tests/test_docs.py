"""Help text and docs cannot drift: every command is in the README and has help."""

from __future__ import annotations

import click

from conftest import REPO
from hubgen.cli import main


def all_commands(group: click.Group, prefix: str = "hubgen") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in group.commands.items():
        full = f"{prefix} {name}"
        if isinstance(command, click.Group):
            found += all_commands(command, full)
        else:
            found.append((full, command))
    return found


def test_every_command_is_in_the_readme_and_has_help():
    readme = (REPO / "README.md").read_text()
    for name, command in all_commands(main):
        assert f"`{name}" in readme, f"{name} is not in the README's command table"
        assert command.help and len(command.help.strip()) > 10, f"{name} has no help text"


def test_readme_first_screen_has_the_two_commands():
    first_screen = (REPO / "README.md").read_text().split("---")[0]
    commands = [line for line in first_screen.splitlines() if line.startswith(("python3 ", "bash "))]
    assert len(commands) == 2
    assert "hubgen build" in commands[0] and "pip install" in commands[0]
    assert commands[1].startswith("bash scripts/test")


def test_every_python_package_ships_in_the_wheel():
    """`pip install .` (the README's first command) installs only the listed packages."""
    import tomllib

    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {init.parent.relative_to(REPO).as_posix().replace("/", ".")
             for init in (REPO / "hubgen").rglob("__init__.py")}
    assert found <= listed, f"add {sorted(found - listed)} to [tool.setuptools] packages"


SKIPPED_DIRS = {".git", ".venv", "node_modules", "build", "site", ".pytest_cache"}


def is_hub_content(path) -> bool:
    """An update, a page or a refund policy in a content folder: its links are
    paths from the hub's root (/faq/#id), checked by `hubgen lint`."""
    folder = path.parent.parent if path.parent.name in ("updates", "pages") else path.parent
    return (folder / "hub.yaml").is_file() and (path.parent != folder or path.name == "refund-policy.md")


def markdown_files() -> list:
    return sorted(path for path in REPO.rglob("*.md")
                  if not SKIPPED_DIRS & set(path.relative_to(REPO).parts[:-1]) and not is_hub_content(path))


def links_in(path) -> list[str]:
    """Where a reader of the rendered file can click: code blocks and inline code hold no links."""
    import html.parser

    import markdown

    class Links(html.parser.HTMLParser):
        found: list[str] = []

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag in ("a", "img") and (attrs.get("href") or attrs.get("src")):
                self.found.append(attrs.get("href") or attrs.get("src"))

    parser = Links()
    parser.found = []
    parser.feed(markdown.markdown(path.read_text(encoding="utf-8"), extensions=["tables", "fenced_code"]))
    return parser.found


def test_no_markdown_file_links_outside_the_repository():
    """A clone is all a reader has: every relative link in every Markdown file
    (README, docs, the README hubgen init writes) leads to a file in it."""
    import re
    from urllib.parse import unquote, urlsplit

    files = markdown_files()
    assert REPO / "README.md" in files and REPO / "docs" / "content-format.md" in files
    assert REPO / "hubgen" / "starter" / "project" / "README.md" in files
    broken = []
    for path in files:
        for link in links_in(path):
            if re.match(r"^[a-z][a-z0-9+.-]*:", link, re.I) or link.startswith("#"):
                continue  # a web address, mailto:, or a heading on the same page
            target_path = unquote(urlsplit(link).path)
            target = (path.parent / target_path).resolve()
            inside = target_path and not target_path.startswith("/") and target.is_relative_to(REPO)
            if not (inside and target.exists()):
                broken.append(f"{path.relative_to(REPO)}: {link}")
    assert broken == []


def test_the_readme_links_the_content_format_reference():
    from hubgen.reference import DEFAULT_TOPIC

    assert f"docs/{DEFAULT_TOPIC}.md" in links_in(REPO / "README.md")


def test_the_fast_path_in_the_readme_leaves_out_every_tool_marker():
    """A marker added for a new tool must reach the command contributors copy."""
    import re
    import tomllib

    ini = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]
    markers = [line.split(":")[0] for line in ini["markers"]]
    assert {"browser", "node", "java"} <= set(markers)
    for doc in ("README.md", "docs/architecture.md"):
        fast = re.search(r'pytest -m "([^"]+)"', (REPO / doc).read_text()).group(1)
        assert fast == " and ".join(f"not {marker}" for marker in markers), doc
