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
