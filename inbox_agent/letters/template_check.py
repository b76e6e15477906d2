"""The shop's own templates are rendered with sample data when the config is loaded.

A broken override (a syntax error, a misspelt variable, a missing Subject line, a file name no
mail uses) would otherwise fail only when a customer's letter is due, and then every such
letter fails. So `check`, `once` and `run` refuse to start with it and name the file.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inbox_agent.config import Config, ConfigError
from inbox_agent.dossier.record import Dossier, iso, open_dossier
from inbox_agent.letters.compose import Composer, builtin_templates_dir
from inbox_agent.mail.parsing import parse
from inbox_agent.shipped import template_languages

if TYPE_CHECKING:
    import jinja2

_GLOBALS = frozenset({"shop", "labels"})
_SAMPLE_MAIL = (
    b"From: Piet Jansen <piet@klant.nl>\r\nTo: klachten@example.nl\r\nSubject: Kapotte fiets\r\n"
    b"Message-ID: <sample@klant.nl>\r\n\r\nMijn fiets is kapot.\r\nMerk: Gazelle\r\n"
    b"Telefoon: 06-12345678\r\n"
)


class _Sample(str):
    """Stands in for any value the sample has no real example of: prints, iterates, compares."""

    def __new__(cls) -> _Sample:
        return super().__new__(cls, "2026-11-24")

    def __getattr__(self, name: str) -> _Sample:
        return _Sample()

    def __getitem__(self, key: Any) -> _Sample:  # type: ignore[override]
        return _Sample()

    def __call__(self, *args: Any, **kwargs: Any) -> _Sample:
        return _Sample()

    def __iter__(self) -> Iterator[Any]:  # type: ignore[override]
        return iter(())

    def __lt__(self, other: object) -> bool:
        return False

    __le__ = __gt__ = __ge__ = __lt__  # type: ignore[assignment]


def check_templates(config: Config) -> None:
    """Raise ConfigError naming the first override that cannot be rendered."""
    folder = config.storage.templates_dir
    if folder is None:
        return
    import jinja2  # only with overrides to check: a plain cycle does not load it

    composer = Composer(config)
    for language, path in _overrides(folder, config.shop.language):
        name = path.name.removesuffix(".txt.j2")
        builtin = builtin_templates_dir() / language / path.name
        if not builtin.is_file():
            known = [p.name for p in (builtin_templates_dir() / language).glob("*.txt.j2")]
            near = difflib.get_close_matches(path.name, known, n=1)
            hint = f"; did you mean {near[0]}?" if near else " and is never used"
            raise ConfigError(f"storage.templates_dir: {path}: no mail has that name{hint}")
        env = composer.envs[language]
        try:
            used = _variables(env, path.read_text(encoding="utf-8"))
        except jinja2.TemplateSyntaxError as exc:
            raise ConfigError(
                f"storage.templates_dir: {path}, line {exc.lineno}: {exc.message}"
            ) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"storage.templates_dir: {path} cannot be read: {exc}") from None
        offered = _variables(env, builtin.read_text(encoding="utf-8"))
        strange = sorted(used - offered - _GLOBALS)
        if strange:
            close = difflib.get_close_matches(strange[0], sorted(offered), n=1)
            raise ConfigError(
                f"storage.templates_dir: {path} uses {strange[0]!r}, which the agent does not "
                f"give this template" + (f"; did you mean {close[0]!r}?" if close else "")
            )
        _render(composer, config, language, name, path, used | offered)


def _variables(
    env: jinja2.Environment, source: str, seen: frozenset[str] = frozenset()
) -> set[str]:
    """The names a template needs from its caller, also through the partials it includes."""
    import jinja2
    from jinja2 import meta

    tree = env.parse(source)
    names = set(meta.find_undeclared_variables(tree))
    for included in meta.find_referenced_templates(tree):
        if included is None or included in seen:
            continue
        try:
            text, _, _ = env.loader.get_source(env, included)  # type: ignore[union-attr]
        except jinja2.TemplateNotFound:
            continue  # rendering says so, naming the file
        names |= _variables(env, text, seen | {included})
    return names


def _overrides(folder: Path, shop_language: str) -> Iterator[tuple[str, Path]]:
    for language in template_languages():
        for path in sorted((folder / language).glob("*.txt.j2")):
            yield language, path
    for path in sorted(folder.glob("*.txt.j2")):
        yield shop_language, path


def _render(
    composer: Composer, config: Config, language: str, name: str, path: Path, names: set[str]
) -> None:
    """Render with a sample dossier; a failure the built-in template shares is not the shop's.

    Partials (`_greeting.txt.j2`) are rendered as part of the mails that include them.
    """
    if name.startswith("_"):
        return
    dossier = _sample_dossier(config)
    samples = _samples(dossier)
    context: dict[str, Any] = {n: samples.get(n, _Sample()) for n in names - _GLOBALS}
    try:
        composer.render(name, language, **context)
    except Exception as exc:  # noqa: BLE001 - whatever breaks the sample breaks a real letter
        if not _builtin_renders(composer, config, language, path.name, context):
            return  # the sample cannot exercise this template; the syntax check still held
        raise ConfigError(f"storage.templates_dir: {path} does not render: {exc}") from None


def _builtin_renders(
    composer: Composer, config: Config, language: str, file_name: str, context: dict[str, Any]
) -> bool:
    import jinja2

    builtin = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(builtin_templates_dir() / language)),
        undefined=jinja2.StrictUndefined,
    )
    builtin.filters.update(composer.envs[language].filters)
    builtin.globals.update(composer.envs[language].globals)
    try:
        text = builtin.get_template(file_name).render(**{"shop": config.shop, **context})
    except Exception:  # noqa: BLE001 - any failure means the sample does not fit this template
        return False
    # This environment keeps the line break after a leading `{# comment #}`; the mail's does not.
    return text.lstrip().lower().startswith("subject:")


def _samples(dossier: Dossier) -> dict[str, Any]:
    """Examples of the values the agent passes under these names; others get a _Sample."""
    agreement = dossier["agreements"][0]
    return {
        "dossier": dossier,
        "reference": dossier["reference"],
        "subject": "Re: Kapotte fiets [K-2026-0001]",
        "missing": ["address", "serial_number"],
        "supplied": ["brand"],
        "registered": [("Naam", "Piet Jansen"), ("Merk", "Gazelle")],  # (label, value)
        "received": datetime(2026, 11, 24, 11, 0, tzinfo=UTC),
        "agreement": agreement,
        "agreements": [agreement],
        "resolution": dossier["resolution"],
        "sections": {"new": [dossier], "overdue": [dossier]},
        "failed": [{"from": "piet@klant.nl", "subject": "x", "archive": "a.eml", "error": "E"}],
    }


def _sample_dossier(config: Config) -> Dossier:
    now = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    dossier = open_dossier(
        "K-2026-0001", parse(_SAMPLE_MAIL), "archive/sample.eml", now, default_language="nl"
    )
    dossier["acknowledged_at"] = iso(now)
    dossier["deadline"] = "2026-12-08"
    dossier["missing"] = ["address"]
    dossier["resolution"] = {"type": "repair", "at": iso(now), "text": "Nieuwe spaak."}
    dossier["evaluation"] = {
        "sent_at": iso(now),
        "answered_at": None,
        "score": None,
        "satisfied": None,
    }
    dossier["agreements"] = [{"date": "2026-12-01", "text": "Fiets ophalen", "done": False}]
    return dossier
