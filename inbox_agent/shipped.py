"""Where the files that ship beside the code are: the example config and the systemd units.

A wheel puts them inside the package (pyproject.toml's force-include); a source checkout or an
editable install keeps them at the top of the tree. Error messages and `inbox-agent init` name
the path found here, so a newcomer can open the file that is really on their disk.
"""

from __future__ import annotations

from functools import cache
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


@cache
def template_languages() -> tuple[str, ...]:
    """The languages letters can be written in: those with a folder of templates.

    A language is added as data (its words in `vocabulary/`) and a folder `templates/<code>/`;
    only the folder makes it a shop's language or a letter's (read once per process).
    """
    folder = shipped("templates")
    found = [p.name for p in folder.iterdir() if p.is_dir() and any(p.glob("*.txt.j2"))]
    return tuple(sorted(found))
