"""`check` is the whole truth: what could fail at run time fails when the config is loaded,
typos first; an internal error keeps the mail for the next run and tells the owner once."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path
from typing import Any

import pytest
from conftest import complaint
from test_crash import write_config

from inbox_agent.cli.main import main
from inbox_agent.config import Config, ConfigError, config_from_dict, load_config
from inbox_agent.letters.compose import builtin_templates_dir
from inbox_agent.letters.template_check import check_templates
from inbox_agent.shipped import template_languages
from inbox_agent.store import Store
from inbox_agent.testing.servers import ImapServer, SmtpServer
from inbox_agent.triage import rules as triage


def minimal(**sections: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "shop": {"name": "Shop", "email": "klachten@shop.nl"},
        "owner": {"handler": "jan@shop.nl"},
        "imap": {"host": "imap.shop.nl", "username": "klachten@shop.nl", "password": "pw"},
        "smtp": {"host": "smtp.shop.nl"},
        "storage": {"path": "/tmp/x"},
    }
    for name, values in sections.items():
        data.setdefault(name, {}).update(values)
    return data


def error_of(data: dict[str, Any]) -> str:
    with pytest.raises(ConfigError) as caught:
        config_from_dict(data)
    return str(caught.value)


def test_a_typo_is_reported_as_a_typo_before_the_missing_value_it_meant() -> None:
    data = minimal()
    data["imap"]["pasword"] = data["imap"].pop("password")
    assert error_of(data).startswith("imap.pasword: unknown key; did you mean imap.password?")


def test_typos_come_first_even_when_other_values_are_wrong() -> None:
    data = minimal(shop={"timezone": "Mars/Olympus"}, timing={"answr_within": "5 workdays"})
    assert "did you mean timing.answer_within?" in error_of(data)


def test_an_unknown_section_gets_a_suggestion() -> None:
    data = minimal()
    data["stroage"] = data.pop("storage")
    assert error_of(data).startswith("[stroage]: unknown section; did you mean [storage]?")


def test_an_unknown_key_without_a_near_name_is_still_reported() -> None:
    assert error_of(minimal(shop={"favourite_colour": "blue"})).startswith(
        "shop.favourite_colour: unknown key"
    )


@pytest.mark.parametrize("country", ["NL", "BE", "DE", "GB"])
def test_known_holiday_countries(country: str) -> None:
    assert (
        country == config_from_dict(minimal(shop={"holiday_country": country})).shop.holiday_country
    )


def test_countries_accepted_without_asking_holidays_are_known_to_it() -> None:
    import holidays

    from inbox_agent.config import KNOWN_HOLIDAY_COUNTRIES

    for country in KNOWN_HOLIDAY_COUNTRIES:
        holidays.country_holidays(country)  # raises NotImplementedError for an unknown one


@pytest.mark.parametrize("country", ["XX", "QQ", "nl", "NLD", ""])
def test_an_unknown_holiday_country_fails_at_load_not_per_complaint(country: str) -> None:
    assert error_of(minimal(shop={"holiday_country": country})).startswith("shop.holiday_country:")


@pytest.mark.parametrize(
    "section,key,value",
    [
        ("timing", "answer_within", "0 workdays"),
        ("timing", "progress_every", "0d"),
        ("timing", "evaluation_after", "0s"),
        ("timing", "close_after", "0w"),
        ("timing", "escalate_after", "0 workdays"),
        ("timing", "poll_interval", "0s"),
        ("timing", "poll_interval", "2 workdays"),  # the service counts it in seconds
        ("limits", "auto_reply_window", "0s"),
        ("limits", "auto_reply_window", "1 workdays"),
        ("reports", "signal_window", "0d"),
        ("reports", "signal_window", "20 workdays"),
        ("storage", "retention", "1d"),  # would erase a dossier the day after closing
        ("storage", "retention", "29d"),
        ("storage", "retention", "6000w"),
        ("storage", "retention", "10 workdays"),
        ("shop", "timezone", "Europe/Amsterdan"),
        ("owner", "trusted_authserv_id", "mx.ketting.nl; dkim=pass"),
        ("owner", "trusted_authserv_id", "mx ketting"),
    ],
)
def test_values_that_would_fail_at_run_time_fail_at_load(
    section: str, key: str, value: str
) -> None:
    assert error_of(minimal(**{section: {key: value}})).startswith(f"{section}.{key}:")


def test_sensible_bounds_pass() -> None:
    config = config_from_dict(
        minimal(storage={"retention": "730d"}, timing={"poll_interval": "30s"})
    )
    assert (730 * 86400, 30) == (
        config.storage.retention.seconds,
        config.timing.poll_interval.seconds,
    )  # type: ignore[union-attr]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    return write(
        tmp_path / "config.toml",
        '[shop]\nname="Ketting"\nemail="klachten@ketting.nl"\n[owner]\nhandler="jan@ketting.nl"\n'
        '[imap]\nhost="127.0.0.1"\nsecurity="none"\nport=1\nusername="k"\npassword="p"\n'
        '[smtp]\nhost="127.0.0.1"\nsecurity="none"\nport=1\n'
        '[storage]\npath="data"\ntemplates_dir="mine"\n',
    )


@pytest.mark.parametrize(
    "name,text,message",
    [
        (
            "nl/acknowledgement.txt.j2",
            "Subject: Ontvangen\n\n{{ dossier.referentie }}\n",
            "referentie",
        ),
        ("nl/acknowledgement.txt.j2", "Subject: x\n\n{% if dossier %}\n", "line"),
        (
            "nl/acknowledgement.txt.j2",
            "Subject: x\n\n{{ dosier.reference }}\n",
            "did you mean 'dossier'",
        ),
        ("nl/acknowledgement.txt.j2", "Ontvangen {{ dossier.reference }}\n\nTekst\n", "Subject"),
        (
            "en/closure.txt.j2",
            "Subject: x\n\n{{ dossier.reference | nosuchfilter }}\n",
            "nosuchfilter",
        ),
        ("nl/acknowledgment.txt.j2", "Subject: x\n\ny\n", "did you mean acknowledgement.txt.j2"),
        # Every language with shipped templates is checked, German too.
        ("de/closure.txt.j2", "Subject: x\n\n{{ dossier.vorgang }}\n", "vorgang"),
        ("de/abschluss.txt.j2", "Subject: x\n\ny\n", "no mail has that name"),
        ("progress.txt.j2", "Subject: x\n\n{{ dossier.deadline + 1 }}\n", "progress.txt.j2"),
    ],
)
def test_check_renders_each_shop_template_and_names_the_broken_one(
    config_file: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    text: str,
    message: str,
) -> None:
    write(config_file.parent / "mine" / name, text)
    assert 2 == main(["-c", str(config_file), "check"])
    err = capsys.readouterr().err
    assert "storage.templates_dir" in err and name.split("/")[-1] in err and message in err


def test_a_working_shop_template_passes(
    config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        config_file.parent / "mine" / "nl" / "acknowledgement.txt.j2",
        "Subject: Ontvangen {{ dossier.reference }}\n\nBeste {{ dossier.customer.name }},\n"
        "{% for f in missing %}{{ f }}{% endfor %}\n",
    )
    main(["-c", str(config_file), "check"])
    assert "config error" not in capsys.readouterr().err


@pytest.mark.parametrize("command", ["check", "once"])
def test_check_and_once_exit_2_naming_the_key(
    config_file: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    text = config_file.read_text().replace("[owner]", 'holiday_country="XX"\n[owner]')
    config_file.write_text(text)
    assert 2 == main(["-c", str(config_file), command])
    assert "shop.holiday_country" in capsys.readouterr().err


def owner_mail(imap: ImapServer, config: Config) -> list[email.message.EmailMessage]:
    return [
        email.message_from_bytes(raw, policy=email.policy.default)  # type: ignore[misc]
        for raw in imap.messages(config.owner.handler)
    ]


def test_an_internal_error_keeps_the_mail_for_the_next_run_and_tells_the_owner_once(
    tmp_path: Path,
    shop: Config,
    imap_server: ImapServer,
    smtp_server: SmtpServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    config_file = write_config(shop, tmp_path / "config.toml")
    text = config_file.read_text().replace("[smtp]", 'processed_folder = "Verwerkt"\n[smtp]')
    config_file.write_text(text)
    real_triage = triage.triage

    def buggy(mail: Any, ctx: Any) -> Any:
        if "BOOM" in mail.subject:
            raise KeyError("a bug")
        return real_triage(mail, ctx)

    monkeypatch.setattr(triage, "triage", buggy)  # app imports it when mail comes
    for n in range(2):
        imap_server.deliver(
            shop.shop.email, complaint(f"boom{n}@klant.nl", shop.shop.email, subject=f"BOOM {n}")
        )
    imap_server.deliver(shop.shop.email, complaint("fine@klant.nl", shop.shop.email))

    assert 1 == main(["-c", str(config_file), "once"])
    # The cycle's one line counts the failures; each was logged once, as it happened.
    assert "2 failure(s), logged" in capsys.readouterr().out
    assert 2 == caplog.text.count("KeyError('a bug'); tried again next run")
    assert 1 == main(["-c", str(config_file), "once"])  # still broken: tried again, no new mail
    warnings = [m for m in owner_mail(imap_server, shop) if "niet verwerkt" in m["Subject"]]
    assert 1 == len(warnings)
    body = warnings[0].get_body(("plain",)).get_content()
    assert "boom0@klant.nl" in body and "boom1@klant.nl" in body and "KeyError" in body
    # Only the mail that went well left the inbox for the processed folder.
    assert 1 == len(imap_server.messages(shop.shop.email, "Verwerkt"))
    assert 2 == len(imap_server.messages(shop.shop.email))
    with Store.open(shop.storage.path) as store:
        assert 1 == len(store.all_dossiers()) and [] == store.quarantined()

    monkeypatch.setattr(triage, "triage", real_triage)  # the bug is fixed
    assert 0 == main(["-c", str(config_file), "once"])
    with Store.open(shop.storage.path) as store:
        assert 3 == len(store.all_dossiers())
    assert 3 == len(imap_server.messages(shop.shop.email, "Verwerkt"))
    assert [] == imap_server.messages(shop.shop.email)


def test_copies_of_every_built_in_template_pass_the_check(config_file: Path) -> None:
    """No false alarms: the shipped templates, used as the shop's own, all pass."""
    for language in template_languages():
        for source in (builtin_templates_dir() / language).glob("*.txt.j2"):
            write(config_file.parent / "mine" / language / source.name, source.read_text())
    check_templates(load_config(config_file))
