"""Letters that show involvement and close the loop (SPEC §2 steps 3, 6 and 7), in Dutch and English.

The acknowledgement answers the customer's feelings and asks only what fits the complaint; a
repair offers the shop's loan product; a change says what changes, for everyone; the evaluation
asks about the handling and the solution; the closure restates the solution and the verdict.
"""

from __future__ import annotations

from datetime import timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

import pytest
from conftest import complaint
from test_owner_loop import mailbox, piet, start_complaint, text_of
from test_templates_render import NOW, TODAY, a_dossier, agreement, config

from inbox_agent.commands.command import CommandError
from inbox_agent.commands.parse import parse_instructions
from inbox_agent.config import Config, ConfigError, config_from_dict
from inbox_agent.dossier import record as dossiers
from inbox_agent.dossier.registration import LABELS
from inbox_agent.letters.compose import Composer
from inbox_agent.letters.mailmaker import MailMaker
from inbox_agent.mail.parsing import parse
from inbox_agent.models import Mail
from inbox_agent.reading.evaluation import Satisfaction, read_answer
from inbox_agent.run.cycle import run_once
from inbox_agent.testing.servers import ImapServer, SmtpServer


def maker(language: str, signed: bool = True) -> MailMaker:
    cfg = config(language, signed)
    return MailMaker(cfg, Composer(cfg, TODAY), b"k" * 32)


def mail(subject: str, body: str) -> Mail:
    message = EmailMessage()
    message["From"] = "Piet Jansen <piet@klant.nl>"
    message["To"] = "klachten@ketting.nl"
    message["Subject"] = subject
    message["Date"] = format_datetime(NOW)
    message["Message-ID"] = "<c-1@klant.nl>"
    message.set_content(body)
    return parse(message.as_bytes())


def opened(subject: str, body: str, language: str) -> dict[str, Any]:
    dossier = dossiers.open_dossier(
        "K-2026-0007", mail(subject, body), "a.eml", NOW, default_language=language
    )
    dossier["deadline"] = (TODAY + timedelta(days=8)).isoformat()
    return dossier


def first_line(text: str) -> str:
    """The first line after the greeting."""
    return text.split("\n\n")[1].splitlines()[0]


# -- 1. the acknowledgement answers the customer's feelings --------------------------------------


@pytest.mark.parametrize(
    ("language", "subject", "body", "opening"),
    [
        (
            "en",
            "Broken kettle",
            "I am really angry about this! The kettle leaks.",
            "We understand that you are angry",
        ),
        (
            "nl",
            "Kapotte fiets",
            "Ik ben echt woedend, de fiets is na een week kapot.",
            "Wij begrijpen dat u hier boos over bent",
        ),
        (
            "en",
            "Cracked screen",
            "I'm very disappointed, the screen cracked in a week.",
            "We are sorry that we have disappointed you",
        ),
        (
            "nl",
            "Scherm",
            "Ik ben erg teleurgesteld, het scherm is gebarsten.",
            "Het spijt ons dat wij u hebben teleurgesteld",
        ),
        (
            "en",
            "Fridge",
            "It is urgent: the fridge stopped working and is full of food.",
            "We understand that this is urgent for you",
        ),
        (
            "nl",
            "Koelkast",
            "Het is dringend, de koelkast koelt niet meer.",
            "Wij begrijpen dat dit voor u haast heeft",
        ),
        ("en", "Bell", "I'm not angry, but the bell rattles.", "Thank you for your message."),
        ("nl", "Bel", "Geen haast, maar de bel rammelt.", "Dank u voor uw bericht."),
    ],
)
def test_the_acknowledgements_first_line_answers_the_customers_feelings(
    language: str, subject: str, body: str, opening: str
) -> None:
    ack = maker(language).acknowledgement(opened(subject, body, language), None)
    assert first_line(ack.text).startswith(opening), ack.text


def test_an_angry_customer_is_not_thanked_for_the_message_on_the_real_servers(
    shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    imap_server.deliver(
        shop.shop.email,
        complaint(
            piet(shop),
            shop.shop.email,
            subject="Boos",
            body="I am really angry about this! The lock broke.",
        ),
    )
    run_once(shop)
    [ack] = mailbox(imap_server, piet(shop))
    text = text_of(ack)
    assert "Thank you for your message" not in text
    assert first_line(text).startswith("We understand that you are angry about this")


# -- 2. only the fields that fit the complaint's kind -----------------------------------------------

_NEVER_FOR_STAFF = {"purchase_price", "scope_price", "agreed_date", "serial_number", "brand"}


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("nl", "De verkoper in de winkel was erg onbeschoft tegen mij en lachte me uit."),
        ("en", "The salesperson at the counter was rude to me and laughed at me."),
    ],
)
def test_a_staff_complaint_is_not_asked_for_a_price_a_scope_or_an_agreed_date(
    language: str, body: str
) -> None:
    dossier = opened("Klacht", body, language)
    assert ("service", "staff") == (dossier["complaint_type"], dossier["topic"])
    assert not _NEVER_FOR_STAFF & set(dossier["missing"])
    assert "contact_date" in dossier["missing"]
    ack = maker(language).acknowledgement(dossier, None).text
    asked = ack.split("\n\n")
    for field in _NEVER_FOR_STAFF:
        assert f"  {LABELS[language][field]}:\n" not in ack, field
    assert any(f"  {LABELS[language]['contact_date']}:" in part for part in asked)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("nl", "Mijn pakket is nooit aangekomen, terwijl de bezorging vorige week zou zijn."),
        ("en", "My parcel never arrived, although the delivery was due last week."),
    ],
)
def test_a_late_delivery_is_asked_for_the_order_not_for_a_serial_number(
    language: str, body: str
) -> None:
    dossier = opened("Bestelling", body, language)
    assert "delivery" == dossier["topic"]
    assert {"order_number", "agreed_date"} <= set(dossier["missing"])
    assert not {"serial_number", "production_date", "brand", "scope_price"} & set(
        dossier["missing"]
    )


def test_a_product_complaint_is_still_asked_the_product_data() -> None:
    dossier = opened("Kapot", "Het slot van mijn fiets is na een week kapot.", "nl")
    assert {"brand", "model", "serial_number", "purchase_date"} <= set(dossier["missing"])


# -- 3. a repair offers the loan product; a change says what changes, for everyone --------------


def test_a_repair_letter_offers_the_loan_product_only_where_the_shop_has_one() -> None:
    for language, loan in (("nl", "een leenfiets"), ("en", "a loan bike")):
        dossier = a_dossier(language, "Piet Jansen")
        for text in ("", "new spoke" if language == "en" else "nieuwe spaak"):
            resolution = {"type": "repair", "at": "", "text": text}
            with_loan = maker(language, signed=True).reply(dossier, "", resolution=resolution)
            without = maker(language, signed=False).reply(dossier, "", resolution=resolution)
            assert loan in with_loan.text
            assert loan not in without.text
        refund = {"type": "refund", "at": "", "text": ""}
        assert loan not in maker(language).reply(dossier, "", resolution=refund).text


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("x" * 61, "at most 60 characters"),
        ("een {{ fiets }}", "plain text"),
        (3, "must be a string"),
    ],
)
def test_a_bad_loan_product_is_refused_naming_the_key(value: object, problem: str) -> None:
    with pytest.raises(ConfigError, match=rf"shop\.loan_product: .*{problem}"):
        config_from_dict(
            {
                "shop": {"name": "S", "email": "k@s.nl", "loan_product": value},
                "owner": {"handler": "j@s.nl"},
                "imap": {"host": "127.0.0.1", "security": "none", "username": "k", "password": "p"},
                "smtp": {"host": "127.0.0.1", "security": "none"},
                "storage": {"path": "/nonexistent"},
            }
        )


@pytest.mark.parametrize(
    ("language", "what", "others"),
    [
        (
            "en",
            "every bike gets a test ride before it is handed over",
            "applies to all our customers",
        ),
        ("nl", "elke fiets krijgt een proefrit voor de overdracht", "geldt voor al onze klanten"),
    ],
)
def test_a_change_says_what_changes_and_that_it_applies_to_others_too(
    language: str, what: str, others: str
) -> None:
    dossier = a_dossier(language, "Piet Jansen")
    letter = maker(language).reply(
        dossier, "", resolution={"type": "change", "at": "", "text": what}
    )
    flat = " ".join(letter.text.split())
    assert what[0].upper() + what[1:] + "." in flat and others in flat


@pytest.mark.parametrize("line", ["#resolve change", "#oplossen wijziging"])
def test_a_change_without_what_changes_is_refused(line: str) -> None:
    with pytest.raises(CommandError, match="change|wijziging"):
        parse_instructions(line)
    assert parse_instructions(f"{line}\nVoortaan krijgt elke fiets een proefrit.").commands


# -- 4. the evaluation asks about the handling and the solution -------------------------------------


@pytest.mark.parametrize(
    ("language", "handling", "solution"),
    [
        (
            "en",
            "How did you find the way we handled your complaint?",
            "How satisfied are you with the solution itself?",
        ),
        (
            "nl",
            "Hoe vond u de manier waarop wij uw klacht hebben behandeld?",
            "Hoe tevreden bent u over de oplossing zelf?",
        ),
    ],
)
def test_the_evaluation_asks_about_the_handling_and_the_solution_in_both_parts(
    language: str, handling: str, solution: str
) -> None:
    dossier = a_dossier(language, "Piet Jansen")
    dossier["resolution"] = {"type": "repair", "at": "", "text": ""}
    evaluation = maker(language).evaluation(dossier)
    assert handling in evaluation.text and solution in evaluation.text
    assert evaluation.html is not None
    assert handling in evaluation.html and solution in evaluation.html
    # The one-click buttons still open a ready answer for every score.
    assert 5 == evaluation.html.count('href="mailto:klachten@ketting.nl?subject=')


@pytest.mark.parametrize(
    ("answer", "verdict", "score"),
    [
        ("4", Satisfaction.SATISFIED, 4),
        ("tevreden", Satisfaction.SATISFIED, None),
        ("2", Satisfaction.UNHAPPY, 2),
    ],
)
def test_one_mark_or_one_word_is_read_as_before(
    answer: str, verdict: Satisfaction, score: int | None
) -> None:
    read = read_answer(answer)
    assert (verdict, score) == (read.verdict, read.score)


# -- 5. the closing letter restates the solution and the verdict -------------------------------------


def _resolved(language: str) -> dict[str, Any]:
    dossier = a_dossier(language, "Piet Jansen")
    words = (
        "new spoke, fitted free of charge"
        if language == "en"
        else "nieuwe spaak, gratis gemonteerd"
    )
    dossier["resolution"] = {"type": "repair", "at": dossiers.iso(NOW), "text": words}
    dossier["agreements"] = [
        {**agreement("wheel trued" if language == "en" else "wiel gericht"), "done": True}
    ]
    dossier["first_answer_at"] = dossiers.iso(NOW)
    return dossier


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_closure_restates_the_solution_and_what_the_customer_answered(language: str) -> None:
    dossier = _resolved(language)
    said = "4, snel geholpen" if language == "nl" else "4, quickly helped"
    dossier["evaluation"] = {
        "sent_at": dossiers.iso(NOW),
        "answered_at": dossiers.iso(NOW),
        "score": 4,
        "satisfied": True,
        "comment": said,
    }
    text = " ".join(maker(language).closure(dossier, "satisfied").text.split())
    assert dossier["resolution"]["text"] in text
    assert ("wiel gericht" if language == "nl" else "wheel trued") in text
    assert f'"{said}"' in text and ("4 van de 5" if language == "nl" else "4 out of 5") in text


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_closure_says_when_we_heard_nothing(language: str) -> None:
    dossier = _resolved(language)
    dossier["evaluation"] = {"sent_at": dossiers.iso(NOW)}
    for reason in ("no_answer", "owner"):
        text = " ".join(maker(language).closure(dossier, reason).text.split())
        assert ("niets" in text) if language == "nl" else ("not heard from you" in text)
        assert dossier["resolution"]["text"] in text


@pytest.mark.parametrize(
    ("language", "done"),
    [
        ("en", "This is how we resolved your complaint: a repair"),
        ("nl", "Zo hebben wij uw klacht opgelost: reparatie"),
    ],
)
def test_a_closed_status_letter_says_what_was_done(language: str, done: str) -> None:
    """`#status closed` used to send "Your complaint has been dealt with." and nothing more."""
    text = maker(language).closure(_resolved(language), "owner").text
    assert done in text
    bare = (
        maker(language)
        .closure(
            {**a_dossier(language, "Piet Jansen"), "first_answer_at": dossiers.iso(NOW)}, "owner"
        )
        .text
    )
    assert ("beantwoord" in bare) if language == "nl" else ("We answered your complaint on" in bare)
    assert len([line for line in text.split("\n\n")]) > 5


def test_closing_by_status_on_the_real_servers_says_what_was_done(
    shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    from clients import reply

    note = start_complaint(shop, imap_server)
    imap_server.deliver(
        shop.shop.email,
        reply("gmail", note, shop.owner.handler, "#resolve repair nieuwe spaak\n#status closed"),
    )
    run_once(shop)
    [closure] = [
        text_of(m) for m in mailbox(imap_server, piet(shop)) if "is afgesloten" in text_of(m)
    ]
    assert "Zo hebben wij uw klacht opgelost: reparatie (nieuwe spaak)." in closure
