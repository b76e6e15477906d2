"""Only the owner's new text survives, whichever client wrote the reply."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

import pytest
from clients import CLIENTS, OURS_ONLY, reply
from conftest import YEAR, complaint
from hypothesis import given
from hypothesis import strategies as st
from test_owner_loop import dossier, mailbox, piet, text_of

from inbox_agent.config import Config, config_from_dict
from inbox_agent.letters.compose import Composer
from inbox_agent.letters.mailmaker import MailMaker
from inbox_agent.mail.parsing import parse
from inbox_agent.reading.quotes import strip_reply
from inbox_agent.run.cycle import run_once
from inbox_agent.testing.servers import ImapServer, SmtpServer

CORPUS = Path(__file__).parent / "corpus" / "owner_replies"
CASES = sorted(p for p in CORPUS.iterdir() if p.name.endswith((".eml", ".in.txt")))


def name(case: Path) -> str:
    return case.name.removesuffix(".eml").removesuffix(".in.txt")


def ours(case: Path) -> list[str]:
    """The mail of ours the reply answers, when the case keeps it (NAME.ours.txt)."""
    kept = CORPUS / f"{name(case)}.ours.txt"
    return [kept.read_text(encoding="utf-8")] if kept.exists() else []


def relayed(case: Path) -> str:
    """What the agent relays of a corpus reply: an .eml read as the agent reads mail, or its text."""
    if case.suffix == ".eml":
        return strip_reply(parse(case.read_bytes()).text, ours(case))
    return strip_reply(case.read_text(encoding="utf-8"), ours(case))


def expected(case: Path) -> str:
    return (CORPUS / f"{name(case)}.out.txt").read_text(encoding="utf-8").removesuffix("\n")


ORIGINAL = email.message_from_bytes(
    b"From: Fietsenwinkel De Ketting <klachten@ketting.nl>\r\nTo: jan@ketting.nl\r\n"
    b"Subject: [K-2026-0001] Nieuwe klacht: Fiets\r\nMessage-ID: <n1@ketting.nl>\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
    b"Er is een nieuwe klacht binnengekomen.\r\nDe spaak is gebroken.\r\n",
    policy=email.policy.default,
)
NEW = "#resolve repair\nWe vervangen de spaak gratis.\nU kunt de fiets zaterdag ophalen."


@pytest.mark.parametrize("client", [*CLIENTS, *OURS_ONLY])
def test_only_new_text_survives(client: str) -> None:
    raw = reply(client, ORIGINAL, "Jan <jan@ketting.nl>", NEW + "\n\nMet vriendelijke groet,\nJan")
    text = strip_reply(parse(raw).text, [ORIGINAL.get_body(("plain",)).get_content()])
    assert text.startswith(NEW)
    assert "nieuwe klacht binnengekomen" not in text
    assert "Onderwerp" not in text and "Subject" not in text


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Prima\n-- \nJan\n06-1234", "Prima"),
        ("Dank\n\nSent from my iPhone", "Dank"),
        ("Alleen nieuwe tekst", "Alleen nieuwe tekst"),
        # The device-line families, nl/en/de/fr.
        ("Ja\n\nVerstuurd vanaf mijn Samsung Galaxy", "Ja"),
        ("Ja\n\nVon meinem Huawei-Handy gesendet", "Ja"),
        ("Ja\n\nGesendet mit der WEB.DE Mail App", "Ja"),
        ("Oui\n\nEnvoyé à partir de mon smartphone Samsung Galaxy.", "Oui"),
        (
            "Oui\n\nEnvoyé de mon appareil Android avec K-9 Mail. Veuillez excuser ma brièveté.",
            "Oui",
        ),
        ("Ja\n\nDiese Nachricht wurde von meinem Android-Gerät mit K-9 Mail gesendet.", "Ja"),
        ("Yes\n\nSent from my Galaxy. Please excuse my brevity.", "Yes"),
        # A device line between rules, a rule over a contact block, a gateway banner above.
        ("Ja\n\n--\nVon meinem iPad gesendet\n--", "Ja"),
        (
            "Oui\nJan\n\n~~~~~~~~~~\nVélos Kowalski\n12 rue de la Gare\n75010 Paris\nTél. 01 23 45 67 89",
            "Oui\nJan",
        ),
        (
            "[EXTERNAL] This email came from outside the organisation.\n\nJa, zaterdag.",
            "Ja, zaterdag.",
        ),
        ("\u200bJa\u200c, zaterdag.\ufeff", "Ja, zaterdag."),
        ("Ja\n\nCe message est confidentiel. Si vous l'avez reçu par erreur, supprimez-le.", "Ja"),
        (
            "Ja\n\nDit bericht is belangrijk: lees het.",
            "Ja\n\nDit bericht is belangrijk: lees het.",
        ),
        ("Ja\n\nUw gegevens blijven vertrouwelijk.", "Ja\n\nUw gegevens blijven vertrouwelijk."),
        # Kept: a rule over a list that is no contact block, an address the owner gives.
        (
            "Kom langs:\n\nHoofdstraat 12\n1234 AB Utrecht",
            "Kom langs:\n\nHoofdstraat 12\n1234 AB Utrecht",
        ),
        ("Opties:\n---\neen\ntwee", "Opties:\n---\neen\ntwee"),
    ],
)
def test_signatures(text: str, expected: str) -> None:
    assert expected == strip_reply(text)


def test_a_reply_opening_with_a_device_line_keeps_the_answer_below_the_quote() -> None:
    reply_text = (
        "Von meinem iPhone gesendet\n\n> Am 24.11.2026 um 10:00 schrieb Laden <l@x.de>:\n>\n"
        "> Neue Beschwerde.\n\nJa, wir tauschen die Speiche."
    )
    assert "Ja, wir tauschen die Speiche." == strip_reply(reply_text)


NOTICE = (
    "Hallo,\n\nEr is een nieuwe klacht binnengekomen.\n\nDossier:    K-2026-0001 (ontvangen)\n"
    "Klant:      Piet <piet@klant.nl>\n\n--- bericht ---\nDe spaak is gebroken.\n--- einde bericht ---\n\n"
    "Beantwoord deze mail om de klant te antwoorden.\n\nMet vriendelijke groet,\n\nDe klachtenpostbus"
)


@pytest.mark.parametrize(
    "header",
    [
        "",  # no header at all
        "Il giorno mar 24 nov 2026 alle ore 10:00 Laden <\nl@x.de> ha scritto:\n",
        "**De :** Laden &lt;l@x.de&gt;\n**Envoyé :** mardi 24 novembre 2026 10:00\n",
        "Laden hat am 24.11. geschrieben:\n",
    ],
)
@pytest.mark.parametrize("quote", ["", "> ", "| ", "\t"])
def test_our_notification_is_cut_whatever_quotes_it(header: str, quote: str) -> None:
    copy = "\n".join(quote + line for line in NOTICE.splitlines())
    answer = "Beste Piet,\n\nDe spaak komt zaterdag.\n\nMet vriendelijke groet,\nJan"
    assert answer == strip_reply(f"{answer}\n\n{header}\n{copy}\n", [NOTICE])
    # Re-wrapped as an HTML conversion does: each paragraph one line, nbsp and entities.
    joined = "\n\n".join(" ".join(p.split("\n")) for p in NOTICE.split("\n\n"))
    joined = joined.replace(" ", "\u00a0", 5).replace("<", "&lt;").replace(">", "&gt;")
    assert answer == strip_reply(f"{answer}\n\n{header}\n{joined}\n", [NOTICE])


def test_a_bottom_posted_answer_under_our_unmarked_notification_is_found() -> None:
    text = f"Von: Laden <l@x.de>\nGesendet: Dienstag\n\n{NOTICE}\n\nJa, wir tauschen sie."
    assert "" == strip_reply(text)  # by shape alone, everything below the header is history
    assert "Ja, wir tauschen sie." == strip_reply(text, [NOTICE])


def test_a_sentence_of_ours_the_owner_pasted_into_the_answer_stays() -> None:
    notice = NOTICE.replace(
        "De spaak is gebroken.",
        "Mijn fiets heeft een gebroken spaak in het achterwiel. Kunt u die vervangen?",
    )
    own = (
        "Beste Piet,\n\nU schreef:\nMijn fiets heeft een gebroken spaak in het achterwiel. Kunt u "
        "die vervangen?\n\nJa, dat doen we gratis.\n\nGroet,\nJan"
    )
    quoted = "\n".join(f"> {line}" for line in notice.splitlines())
    assert own == strip_reply(f"{own}\n\nOp 24-11-2026 om 10:00 schreef X:\n{quoted}", [notice])


def test_words_the_owner_shares_with_our_notification_stay() -> None:
    text = f"Hallo,\n\nDe spaak is gebroken? Dan komt er een nieuwe.\n\nMet vriendelijke groet,\nJan\n\n{NOTICE}"
    expected = (
        "Hallo,\n\nDe spaak is gebroken? Dan komt er een nieuwe.\n\nMet vriendelijke groet,\nJan"
    )
    assert expected == strip_reply(text, [NOTICE])


_JOINED = "the HTML converter (htmltext.html_to_text) gives one line per <p>, no blank between"
# Known misses, counted in the share below; strict, so a fix shows up as a failure to update this.
KNOWN_MISSES = {
    "talon_html_mail_ru.eml": _JOINED,
    "talon_html_ms_outlook_2007.eml": _JOINED,
    "talon_html_ms_outlook_2010.eml": _JOINED,
    "talon_html_windows_mail.eml": "a Russian header block (От:, Отправлено:) with no rule above it",
}


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, marks=pytest.mark.xfail(reason=KNOWN_MISSES[c.name], strict=True))
        if c.name in KNOWN_MISSES
        else c
        for c in CASES
    ],
    ids=lambda p: p.name,
)
def test_corpus_reply_relays_exactly_the_expected_text(case: Path) -> None:
    assert expected(case) == relayed(case)


def test_corpus_is_large_and_relayed_exactly_at_least_95_percent() -> None:
    """The share the issue asks for; `python tests/corpus/owner_replies/score.py -v` lists misses."""
    exact = sum(relayed(case) == expected(case) for case in CASES)
    assert len(CASES) >= 60
    assert exact / len(CASES) >= 0.95, f"{exact}/{len(CASES)} relayed exactly"


def test_the_held_back_third_and_the_de_fr_cases_are_relayed_exactly_at_least_97_percent() -> None:
    """Issue 23's target on the cases no rule was tuned on (held_back.txt), and the share of the
    German and French clients' cases; `score.py` prints both."""
    listed = (CORPUS / "held_back.txt").read_text(encoding="utf-8").splitlines()
    held = {line.strip() for line in listed if line.strip() and not line.startswith("#")}
    for part in (
        [c for c in CASES if name(c) in held],
        [c for c in CASES if name(c).startswith(("defr_", "ours_"))],
    ):
        exact = sum(relayed(case) == expected(case) for case in part)
        assert len(part) >= 55
        assert exact / len(part) >= 0.97, f"{exact}/{len(part)} relayed exactly"


def test_inline_answer_keeps_the_quoted_line_it_answers_and_drops_the_rest() -> None:
    reply_text = (
        "Op 24-11-2026 om 10:00 schreef Fietsenwinkel:\n"
        "> Is de fiets klaar?\nJa.\n> En wat kost het?\nNiets.\n> Groet, Piet\n"
    )
    assert "> Is de fiets klaar?\nJa.\n> En wat kost het?\nNiets." == strip_reply(reply_text)


def test_commands_written_below_the_first_quote_still_open_the_reply() -> None:
    reply_text = "On Tue, Jan wrote:\n> Vraag een\n#resolve repair\nAntwoord\n> Vraag twee\nTwee"
    assert strip_reply(reply_text).startswith("#resolve repair\n> Vraag een\nAntwoord")


def test_our_notification_lines_around_the_customer_text_never_become_context() -> None:
    note = "> Dossier: K-2026-0001 (acknowledged)\n> --- bericht ---\n> Vraag?\n> --- einde bericht ---\n"
    text = strip_reply(f"Op 1-1-2026 schreef X:\n{note}> Beantwoord deze mail\nAntwoord\n")
    assert "Antwoord" == text


def test_a_reply_of_only_quoted_history_leaves_nothing() -> None:
    assert "" == strip_reply("Op 24-11-2026 om 10:00 schreef X:\n> Er is een nieuwe klacht.\n")


@given(st.text())
def test_cutting_never_raises_and_is_idempotent(text: str) -> None:
    once = strip_reply(text)
    assert once == strip_reply(once)


MAILISH = st.lists(
    st.sampled_from(
        [
            "> vraag",
            ">",
            "",
            "antwoord",
            "#resolve repair",
            "-- ",
            "Op 1-1-2026 om 10:00 schreef X <x@y.nl>:",
            "On Mon, Jan 1, 2026 at 10:00 X wrote:",
            "Van: X <x@y.nl>",
            "Verzonden: maandag",
            "________________________________",
            "Sent from my iPhone",
            "> --- bericht ---",
            "> --- einde bericht ---",
            "lange regel die in kleine letters doorloopt en lang genoeg is om te passen",
            "> lange geciteerde regel die lang genoeg is om door een programma te zijn afgebroken",
        ]
    ),
    max_size=14,
).map("\n".join)


@given(MAILISH)
def test_cutting_mail_shaped_text_is_idempotent(text: str) -> None:
    once = strip_reply(text)
    assert once == strip_reply(once)


_NOTICE_LINES = NOTICE.splitlines()


@given(
    st.integers(0, len(_NOTICE_LINES)),
    st.integers(0, len(_NOTICE_LINES)),
    st.sampled_from(["", "> ", "| "]),
    MAILISH,
    MAILISH,
)
def test_with_our_text_cutting_is_idempotent(
    start: int, end: int, prefix: str, above: str, below: str
) -> None:
    """Any part of our notification pasted or quoted between mail-shaped text: cutting twice
    cuts nothing more. (A copy is a stretch of our text; lines of it shuffled are not one.)"""
    copy = "\n".join(prefix + line for line in _NOTICE_LINES[start:end])
    once = strip_reply(f"{above}\n{copy}\n{below}", [NOTICE])
    assert once == strip_reply(once, [NOTICE])


def _answer_inline(note: EmailMessage, owner: str, answers: dict[str, str]) -> bytes:
    """Thunderbird's inline reply: the notification quoted, answers typed below chosen lines."""
    lines = ["Op 24-11-2026 om 10:00 schreef Fietsenwinkel De Ketting:"]
    for line in text_of(note).splitlines():
        lines.append(f"> {line}".rstrip())
        if line.strip() in answers:
            lines.append(answers[line.strip()])
    message = EmailMessage()
    message["From"] = owner
    message["To"] = note["Reply-To"] or note["From"]
    message["Subject"] = "Re: " + note["Subject"]
    message["Message-ID"] = make_msgid(domain="ketting.nl")
    message["In-Reply-To"] = note["Message-ID"]
    message["References"] = note["Message-ID"]
    message.set_content("\n".join(lines) + "\n\nGroet, Jan\n")
    return message.as_bytes()


def test_inline_answer_reaches_the_customer_with_the_questions_it_answers(
    shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    customer = piet(shop)
    imap_server.deliver(
        shop.shop.email,
        complaint(
            customer, shop.shop.email, "Spaak", "De spaak is gebroken.\nKunt u die vervangen?"
        ),
    )
    run_once(shop)
    note = mailbox(imap_server, shop.owner.handler)[-1]
    raw = _answer_inline(note, shop.owner.handler, {"Kunt u die vervangen?": "Ja, gratis."})

    imap_server.deliver(shop.shop.email, raw)
    run_once(shop)

    letter = text_of(mailbox(imap_server, customer)[-1])
    assert "> De spaak is gebroken.\n> Kunt u die vervangen?\nJa, gratis.\n\nGroet, Jan" in letter
    assert "Dossier:" not in letter and "Beantwoord deze mail" not in letter
    assert "schreef" not in letter and "--- bericht ---" not in letter
    assert "in_progress" == dossier(shop)["status"]


def test_reply_with_nothing_of_its_own_sends_nothing_and_tells_the_owner_why(
    shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    customer = piet(shop)
    imap_server.deliver(shop.shop.email, complaint(customer, shop.shop.email, "Spaak"))
    run_once(shop)
    note = mailbox(imap_server, shop.owner.handler)[-1]
    imap_server.deliver(
        shop.shop.email, reply("apple_nl", note, shop.owner.handler, "Verstuurd vanaf mijn iPad")
    )

    run_once(shop)

    assert 1 == len(mailbox(imap_server, customer))  # only the acknowledgement
    told = mailbox(imap_server, shop.owner.handler)[-1]
    assert "Niet doorgestuurd" in told["Subject"] and f"[K-{YEAR}-0001]" in told["Subject"]
    text = text_of(told)
    assert text.startswith("Hallo,") and "De klachtenpostbus van" in text
    assert "> Verstuurd vanaf mijn iPad" in text  # their own mail, quoted back
    assert "acknowledged" == dossier(shop)["status"]

    # Answering that note with text of their own reaches the customer after all.
    imap_server.deliver(
        shop.shop.email, reply("gmail", told, shop.owner.handler, "Beste Piet, de spaak komt.")
    )
    run_once(shop)
    assert text_of(mailbox(imap_server, customer)[-1]).startswith("Beste Piet, de spaak komt.")


@pytest.mark.parametrize(
    "language,greeting,attachment_line,signature",
    [
        (
            "nl",
            "Hallo,",
            "Ook de bijlage is niet doorgestuurd.",
            "De klachtenpostbus van De Ketting",
        ),
        (
            "en",
            "Hello,",
            "The attachment was not passed on either.",
            "The complaints mailbox of De Ketting",
        ),
    ],
)
def test_nothing_relayed_note_reads_as_a_letter_in_the_shop_language(
    tmp_path: Path, language: str, greeting: str, attachment_line: str, signature: str
) -> None:
    config = config_from_dict(
        {
            "shop": {"name": "De Ketting", "email": "klachten@ketting.nl", "language": language},
            "owner": {"handler": "jan@ketting.nl"},
            "imap": {"host": "127.0.0.1", "security": "none", "username": "k", "password": "p"},
            "smtp": {"host": "127.0.0.1", "security": "none"},
            "storage": {"path": str(tmp_path)},
        }
    )
    note = email.message_from_bytes(ORIGINAL.as_bytes(), policy=email.policy.default)
    raw = reply("apple_nl", note, "jan@ketting.nl", "", attachment=("bon.pdf", b"%PDF"))
    mail = parse(raw)
    dossier = {"reference": "K-2026-0001", "messages": []}

    sent = MailMaker(config, Composer(config), b"k" * 32).nothing_relayed(dossier, mail)

    assert sent.subject.startswith("[K-2026-0001] ") and "{" not in sent.text
    assert sent.text.startswith(greeting) and sent.text.rstrip().endswith(signature)
    assert attachment_line in sent.text
    assert "> Op 24 nov. 2026 om 10:00 heeft" in sent.text  # their own mail, quoted back
    assert ("jan@ketting.nl",) == sent.to and "command_help" == sent.kind
