"""Where the files that ship beside the code are: the example config and the systemd units.

A wheel puts them inside the package (pyproject.toml's force-include); a source checkout or an
editable install keeps them at the top of the tree. Error messages and `inbox-agent init` name
the path found here, so a newcomer can open the file that is really on their disk.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).parent


def shipped(name: str) -> Path:
    """`config.example.toml`, `contrib`, `templates`: the installed copy, else the source tree's."""
    packaged = _PACKAGE / name
    return packaged if packaged.exists() else _PACKAGE.parent / name


def example_config() -> Path:
    return shipped("config.example.toml")


def contrib() -> Path:
    return shipped("contrib")
