"""The owner works from a mail client: notification → reply with commands → customer, through real servers."""

from __future__ import annotations

import email
import email.policy
from datetime import date, timedelta
from email.message import EmailMessage

import pytest
from clients import CLIENTS, reply
from conftest import YEAR, complaint

from inbox_agent.config import Config
from inbox_agent.run.cycle import run_once
from inbox_agent.store import Store
from inbox_agent.testing.servers import ImapServer, SmtpServer
from inbox_agent.vocabulary.wording import long_date


def mailbox(imap: ImapServer, user: str) -> list[EmailMessage]:
    return [
        email.message_from_bytes(raw, policy=email.policy.default) for raw in imap.messages(user)
    ]


def text_of(message: EmailMessage) -> str:
    return message.get_body(("plain",)).get_content().replace("\r\n", "\n")


def dossier(config: Config, reference: str | None = None) -> dict:
    """A dossier by reference; without one, the first the agent opened (its year is that of the
    clock the test ran on, today's or a fixed one)."""
    with Store.open(config.storage.path) as store:
        if reference is None:
            found = min(store.all_dossiers(), key=lambda d: d["reference"], default=None)
        else:
            found = store.dossier(reference)
    assert found is not None
    return found


def piet(shop: Config) -> str:
    """The test's own customer address: the servers are shared by every test in the session."""
    return f"piet.{shop.shop.email.split('@')[0]}@klant.nl"


def start_complaint(shop: Config, imap: ImapServer, customer: str | None = None) -> EmailMessage:
    """A customer complains; returns the notification as it sits in the owner's mailbox."""
    customer = customer or piet(shop)
    imap.deliver(shop.shop.email, complaint(customer, shop.shop.email, subject="Spaak gebroken"))
    run_once(shop)
    return mailbox(imap, shop.owner.handler)[-1]


def test_owner_reply_resolves_and_relays_only_new_text_threaded(
    shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    note = start_complaint(shop, imap_server)
    customer_mail = dossier(shop)["messages"][0]["message_id"]
    answer = (
        "#resolve repair nieuwe spaak\n#cause quality\nBeste Piet,\nWe vervangen de spaak gratis."
    )
    imap_server.deliver(
        shop.shop.email,
        reply("outlook_nl", note, f"Jan <{shop.owner.handler}>", answer + "\n\nGroet, Jan"),
    )

    run_once(shop)

    replies = [m for m in mailbox(imap_server, piet(shop)) if "Spaak" in m["Subject"]]
    assert 2 == len(replies)  # the acknowledgement, then the owner's answer
    relayed = replies[-1]
    text = text_of(relayed)
    assert "We vervangen de spaak gratis." in text and "Groet, Jan" in text
    assert "#resolve" not in text and "nieuwe klacht" not in text.lower()
    # The owner wrote a whole letter (greeting to sign-off): the summary goes above their
    # sign-off, the shop's signature below it, and nobody is greeted or signed off twice.
    assert text.startswith(
        "Beste Piet,\nWe vervangen de spaak gratis.\n\n"
        "Zo lossen wij uw klacht op: reparatie (nieuwe spaak).\n\nGroet, Jan\n\n"
    )
    assert "Met vriendelijke groet" not in text and f"Dossiernummer: K-{YEAR}-0001" in text
    assert customer_mail == relayed["In-Reply-To"]
    assert relayed["Subject"] == f"Re: Spaak gebroken [K-{YEAR}-0001]"
    assert relayed["Auto-Submitted"] is None  # a person wrote it
    assert relayed["From"].addresses[0].addr_spec == shop.shop.email
    state = dossier(shop)
    assert ("resolved", "repair", "quality") == (
        state["status"],
        state["resolution"]["type"],
        state["cause"],
    )
    assert {"cause", "status"} <= {
        e["type"] for e in state["events"] if e["actor"] == shop.owner.handler
    }
    assert "evaluation_at" in state["due"]
    assert 1 == len(mailbox(imap_server, shop.owner.handler))  # the owner hears nothing back


@pytest.mark.parametrize("client", CLIENTS)
def test_each_client_style_relays_exactly_the_new_text(
    client: str, shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    note = start_complaint(shop, imap_server)
    new_text = "Beste Piet,\nDe fiets is maandag klaar."
    imap_server.deliver(shop.shop.email, reply(client, note, shop.owner.handler, new_text))
    run_once(shop)
    relayed = text_of(mailbox(imap_server, piet(shop))[-1])
    assert relayed.startswith("Beste Piet,\nDe fiets is maandag klaar.")
    assert "De fiets is maandag klaar." in relayed
    assert "nieuwe klacht" not in relayed.lower() and "Van:" not in relayed
    assert "in_progress" == dossier(shop)["status"]


def test_forged_from_without_token_changes_nothing(
    shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    start_complaint(shop, imap_server)
    forged = complaint(
        shop.owner.handler,
        shop.shop.email,
        subject=f"Re: [K-{YEAR}-0001] Nieuwe klacht",
        body="#resolve refund\nU krijgt alles terug.",
        name="Jan",
    )
    imap_server.deliver(shop.shop.email, forged)
    before = dossier(shop)

    run_once(shop)

    after = dossier(shop)
    assert (before["status"], before["resolution"]) == (after["status"], after["resolution"])
    assert 1 == len(mailbox(imap_server, piet(shop)))  # only the acknowledgement
    with Store.open(shop.storage.path) as store:
        [kept] = store.quarantined()
    assert "owner_unverified" == kept["kind"] and "token" in kept["reason"]
    help_mail = mailbox(imap_server, shop.owner.handler)[-1]
    assert "Niet uitgevoerd" in help_mail["Subject"]


def test_owner_mail_forwarded_by_someone_else_is_not_a_command(
    shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    note = start_complaint(shop, imap_server)
    imap_server.deliver(
        shop.shop.email,
        reply("gmail", note, "mallory@evil.example", "#resolve refund\nAlles terug!"),
    )
    run_once(shop)
    assert "acknowledged" == dossier(shop)["status"]
    assert 1 == len(mailbox(imap_server, piet(shop)))
    with Store.open(shop.storage.path) as store:
        assert ["misdirected"] == [q["kind"] for q in store.quarantined()]


def test_token_decides_the_dossier_not_the_subject(
    shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    note_a = start_complaint(shop, imap_server, "a." + piet(shop))
    start_complaint(shop, imap_server, "b." + piet(shop))
    raw = reply("gmail", note_a, shop.owner.handler, "#note gebeld met klant")
    raw = raw.replace(f"[K-{YEAR}-0001]".encode(), f"[K-{YEAR}-0002]".encode())
    imap_server.deliver(shop.shop.email, raw)
    run_once(shop)
    assert "note" in [e["type"] for e in dossier(shop, f"K-{YEAR}-0001")["events"]]
    assert "note" not in [e["type"] for e in dossier(shop, f"K-{YEAR}-0002")["events"]]


def test_closed_dossier_refuses_commands_from_an_old_token(
    shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    note = start_complaint(shop, imap_server)
    imap_server.deliver(shop.shop.email, reply("gmail", note, shop.owner.handler, "#status closed"))
    run_once(shop)
    assert "closed" == dossier(shop)["status"]
    imap_server.deliver(
        shop.shop.email,
        reply("gmail", note, shop.owner.handler, "#resolve refund\nToch geld terug."),
    )
    run_once(shop)
    assert ("closed", None) == (dossier(shop)["status"], dossier(shop)["resolution"])
    customer = mailbox(imap_server, piet(shop))
    assert ["acknowledgement", "closure"] == [
        "closure" if "afgesloten" in text_of(m) else "acknowledgement" for m in customer
    ]
    assert "niet mogelijk" in text_of(
        mailbox(imap_server, shop.owner.handler)[-1]
    ) or "not possible" in text_of(mailbox(imap_server, shop.owner.handler)[-1])


def test_unknown_command_relays_nothing_and_lists_commands(
    shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    note = start_complaint(shop, imap_server)
    imap_server.deliver(
        shop.shop.email,
        reply("gmail", note, shop.owner.handler, "#oplosen reparatie\nBeste Piet, het komt goed."),
    )
    run_once(shop)
    assert 1 == len(mailbox(imap_server, piet(shop)))
    help_mail = mailbox(imap_server, shop.owner.handler)[-1]
    # A Dutch shop gets the list of commands in Dutch.
    assert "#oplosen" in text_of(help_mail) and "#oplossen SOORT" in text_of(help_mail)
    assert note["Message-ID"] != help_mail["In-Reply-To"]


def test_ask_a_colleague_threads_the_answer_as_internal(
    shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    note = start_complaint(shop, imap_server)
    imap_server.deliver(
        shop.shop.email,
        reply("gmail", note, shop.owner.handler, f"#ask kees.{piet(shop)} Welke spaak zat erin?"),
    )
    run_once(shop)
    [question] = mailbox(imap_server, f"kees.{piet(shop)}")
    assert "Welke spaak zat erin?" in text_of(question)
    imap_server.deliver(
        shop.shop.email,
        reply(
            "thunderbird_nl",
            question,
            f"kees.{piet(shop)}",
            "Een DT Swiss, besteld in oktober.",
            to=shop.shop.email,
        ),
    )
    run_once(shop)
    state = dossier(shop)
    [internal] = [m for m in state["messages"] if m["kind"] == "internal"]
    answers = [e["text"] for e in state["events"] if e["type"] == "answer"]
    assert ["Een DT Swiss, besteld in oktober."] == answers
    raw = (shop.storage.path / internal["archive"]).read_bytes()
    assert b"Een DT Swiss, besteld in oktober." in raw  # the whole mail stays in the archive
    assert 1 == len(mailbox(imap_server, piet(shop)))  # the customer saw none of it


def test_agreement_deadline_and_attachment_reach_the_customer(
    shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    note = start_complaint(shop, imap_server)
    # Dates ahead of today: a date that has passed is refused (no past date is ever promised).
    agreed, deadline = (date.today() + timedelta(days=n) for n in (5, 10))
    answer = f"#agree {agreed} nieuwe spaak monteren\n#deadline {deadline}\nZie de offerte in de bijlage."
    imap_server.deliver(
        shop.shop.email,
        reply(
            "apple_nl",
            note,
            shop.owner.handler,
            answer,
            attachment=("offerte.pdf", b"%PDF-1.4 test"),
        ),
    )
    run_once(shop)
    relayed = mailbox(imap_server, piet(shop))[-1]
    text = text_of(relayed)
    assert "nieuwe spaak monteren" in text
    assert long_date(agreed, "nl") in text and long_date(deadline, "nl") in text
    [attachment] = list(relayed.iter_attachments())
    assert ("offerte.pdf", b"%PDF-1.4 test") == (
        attachment.get_filename(),
        attachment.get_content(),
    )
    state = dossier(shop)
    assert deadline.isoformat() == state["deadline"] and "reminder_at" in state["due"]


def test_new_opens_a_dossier_for_a_phone_complaint(
    shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    note = start_complaint(shop, imap_server)
    imap_server.deliver(
        shop.shop.email,
        reply(
            "gmail",
            note,
            shop.owner.handler,
            f"#new klaas.{piet(shop)} telefoon\nKlaas belde: zijn bel is kapot.\n"
            "Naam: Klaas Bakker\nTelefoon: 0612345678",
        ),
    )
    run_once(shop)
    state = dossier(shop, f"K-{YEAR}-0002")
    assert (f"klaas.{piet(shop)}", "Klaas Bakker", "0612345678") == (
        state["customer"]["email"],
        state["customer"]["name"],
        state["customer"]["phone"],
    )
    assert "phone" == state["channel"]
    [ack] = mailbox(imap_server, f"klaas.{piet(shop)}")
    assert f"K-{YEAR}-0002" in ack["Subject"]
    assert "Binnengekomen via: telefoon" in text_of(ack)
