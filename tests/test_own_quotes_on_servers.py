"""Through real servers: the owner answers a real notification in each client's quoting style
(German and French clients, HTML-only replies, bottom posting), and the customer gets the same
letter as from a reply without any quote: no line of our notification reaches the customer."""

from __future__ import annotations

import re
from email.message import EmailMessage
from email.utils import make_msgid

from clients import BOTTOM, CLIENTS, OURS_ONLY, reply
from conftest import complaint
from test_owner_loop import mailbox, piet, text_of

from inbox_agent.config import Config
from inbox_agent.run.cycle import run_once
from inbox_agent.testing.servers import ImapServer, SmtpServer

COMPLAINT = (
    "Goedemiddag,\n\nDe spaak van mijn achterwiel is gebroken, na twee weken al.\n"
    "Kunt u die vervangen? Ik heb de fiets in mei bij u gekocht.\n\nGroet, Piet"
)
ANSWER = (
    "Beste Piet,\n\nWij vervangen de spaak gratis.\nU kunt de fiets zaterdag na tien uur "
    "ophalen.\n\nMet vriendelijke groet,\nJan"
)


def _plain_reply(note: EmailMessage, owner: str, text: str) -> bytes:
    """A reply with the answer and nothing else: the letter it gives is the one to expect."""
    message = EmailMessage()
    message["From"] = owner
    message["To"] = note["Reply-To"] or note["From"]
    message["Subject"] = "Re: " + note["Subject"]
    message["Message-ID"] = make_msgid(domain="ketting.nl")
    message["In-Reply-To"] = note["Message-ID"]
    message["References"] = note["Message-ID"]
    message.set_content(text + "\n")
    return message.as_bytes()


def _comparable(letter: str, html: bool) -> str:
    """The letter with its dossier reference left out; without blank lines for an HTML reply
    (the HTML converter gives one line per paragraph, with no blank line between)."""
    letter = re.sub(r"K-\d{4}-\d{4}", "K-REF", letter)
    return "\n".join(line for line in letter.splitlines() if line.strip() or not html)


STYLES = ["plain", *CLIENTS, *BOTTOM, *OURS_ONLY]


def test_the_customer_gets_the_answer_and_nothing_of_our_notification(
    shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    """One customer per client style, all in two cycles: the complaints, then the answers."""
    owner = shop.owner.handler
    customers = {style: f"{style.replace('_', '-')}.{piet(shop)}" for style in STYLES}
    for customer in customers.values():
        imap_server.deliver(
            shop.shop.email, complaint(customer, shop.shop.email, "Spaak", COMPLAINT)
        )
    run_once(shop)
    notes = {}
    for note in mailbox(imap_server, owner):
        [style] = [s for s, c in customers.items() if f"<{c}>" in text_of(note)]
        notes[style] = note
        raw = (
            _plain_reply(note, owner, ANSWER)
            if style == "plain"
            else reply(style, note, owner, ANSWER)
        )
        imap_server.deliver(shop.shop.email, raw)
    assert set(STYLES) == set(notes)
    run_once(shop)

    letters = {}
    for style, customer in customers.items():
        received = mailbox(imap_server, customer)
        # The acknowledgement and the owner's answer; nothing relayed gives no second letter.
        letters[style] = text_of(received[-1]) if len(received) == 2 else ""
    expected = letters["plain"]
    assert "Wij vervangen de spaak gratis." in expected
    wrong = {}
    for style in STYLES:
        ours = {
            line.strip() for line in text_of(notes[style]).splitlines() if len(line.split()) >= 3
        }
        leaked = [
            line
            for line in letters[style].splitlines()
            if line.strip() in ours and line not in expected
        ]
        html = style.startswith("html_")
        if leaked or _comparable(expected, html) != _comparable(letters[style], html):
            wrong[style] = letters[style]
    assert {} == wrong
