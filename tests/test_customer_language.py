"""A German and a French customer write to a Dutch shop, on real (loopback) servers.

Their dossiers store their language from the first mail, their registered fields are read from
German and French labels, and each letter is in their language once its templates exist (until
then in the shop's: `vocabulary.terms.letter_language`). The German customer gets every letter
in German (acknowledgement, the owner's answer in a German frame, evaluation, closure), while
the owner reads Dutch throughout and their own words reach the customer as written; `#taal`
corrects a customer's language.
"""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

from clients import reply
from conftest import YEAR, complaint, make_config
from test_evaluation_flow import Clock
from test_owner_loop import dossier, mailbox, text_of
from test_timeline import SECONDS

from inbox_agent.config import Config
from inbox_agent.reading.language import detect_language
from inbox_agent.run.cycle import run_once
from inbox_agent.shipped import template_languages
from inbox_agent.testing.servers import ImapServer, SmtpServer

GERMAN = (
    "Sehr geehrte Damen und Herren,\n\nder Motor meines E-Bikes ist nach drei Wochen "
    "ausgefallen.\n\nMarke: Gazelle\nModell: Ultimate C380\nSeriennummer: GZ-88213\n"
    "Kaufdatum: 3. März 2026\nPreis: 2.499,00 €\n\nMit freundlichen Grüßen\nKlaus Becker"
)
FRENCH = (
    "Bonjour,\n\nLe livreur a été très impoli et mon colis est arrivé avec dix jours de "
    "retard.\n\nCordialement,\nJean Dupont"
)


def _letter_language(code: str, shop: Config) -> str:
    return code if code in template_languages() else shop.shop.language


def test_german_and_french_customers_of_a_dutch_shop(
    shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    assert "nl" == shop.shop.language
    klaus = f"klaus.{shop.shop.email.split('@')[0]}@kunde.de"
    jean = f"jean.{shop.shop.email.split('@')[0]}@client.fr"
    imap_server.deliver(
        shop.shop.email, complaint(klaus, shop.shop.email, "Motor defekt", GERMAN, "Klaus Becker")
    )
    imap_server.deliver(
        shop.shop.email, complaint(jean, shop.shop.email, "Livraison", FRENCH, "Jean Dupont")
    )

    run_once(shop)

    german, french = dossier(shop, f"K-{YEAR}-0001"), dossier(shop, f"K-{YEAR}-0002")
    assert ("de", "fr") == (german["language"], french["language"])
    assert {
        "brand": "Gazelle",
        "model": "Ultimate C380",
        "serial_number": "GZ-88213",
        "purchase_date": "3. März 2026",
        "purchase_price": "2.499,00 €",
    }.items() <= german["fields"].items()
    assert not {"brand", "model", "serial_number", "purchase_date", "purchase_price"} & set(
        german["missing"]
    )
    assert ("service", "delivery") == (french["complaint_type"], french["topic"])
    for customer, code in ((klaus, "de"), (jean, "fr")):
        (acknowledgement,) = mailbox(imap_server, customer)
        assert _letter_language(code, shop) == acknowledgement["Content-Language"]
    notifications = mailbox(imap_server, shop.owner.handler)
    assert notifications and all(m["Content-Language"] == "nl" for m in notifications)

    # The owner knows better: this customer reads English.
    imap_server.deliver(
        shop.shop.email,
        reply("gmail", notifications[-1], f"Jan <{shop.owner.handler}>", "#taal en\n"),
    )
    run_once(shop)

    assert "en" == dossier(shop, f"K-{YEAR}-0002")["language"]


def test_a_short_german_mail_is_acknowledged_in_german(
    shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    anna = f"anna.{shop.shop.email.split('@')[0]}@kunde.de"
    body = "Hallo,\n\ndie Klingel ist abgefallen. Bitte schicken Sie Ersatz.\n\nGruß\nAnna"
    imap_server.deliver(shop.shop.email, complaint(anna, shop.shop.email, "Klingel", body, "Anna"))

    run_once(shop)

    (acknowledgement,) = mailbox(imap_server, anna)
    assert "de" == acknowledgement["Content-Language"]
    text = text_of(acknowledgement)
    assert text.startswith("Guten Tag Anna,\n") and f"Vorgangsnummer: K-{YEAR}-0001" in text
    assert "Klingel" in acknowledgement["Subject"]


# Frame words that would show a Dutch or English frame around a German letter.
NOT_GERMAN = (
    "Geachte",
    "Beste ",
    "Met vriendelijke groet",
    "Dossiernummer",
    "Dear ",
    "Kind regards",
)


def _german(message: EmailMessage) -> str:
    """The letter's text, after checking that it is German through and through."""
    text = text_of(message)
    assert "de" == message["Content-Language"], message["Subject"]
    assert "de" == detect_language(text, "?", message["Subject"]), text
    assert [] == [word for word in NOT_GERMAN if word in text], text
    assert text.rstrip().endswith(f"Vorgangsnummer: K-{YEAR}-0001"), text
    return text


def test_a_german_customer_of_a_dutch_shop_gets_every_letter_in_german(
    tmp_path: Path, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    """Acknowledgement, the owner's answer, evaluation and closure: German frame, Dutch owner."""
    config = make_config(tmp_path, imap_server, smtp_server, **SECONDS)
    assert "nl" == config.shop.language
    clock = Clock()
    klaus = f"klaus.{config.shop.email.split('@')[0]}@kunde.de"
    imap_server.deliver(
        config.shop.email,
        complaint(klaus, config.shop.email, "Motor defekt", GERMAN, "Klaus Becker"),
    )
    run_once(config, now=clock.at(0))

    (acknowledgement,) = mailbox(imap_server, klaus)
    text = _german(acknowledgement)
    assert text.startswith("Guten Tag Klaus Becker,\n")
    assert (
        f"Wir haben Ihre Beschwerde heute unter der Vorgangsnummer K-{YEAR}-0001 erfasst." in text
    )
    assert "Marke: Gazelle" in text and "Seriennummer: GZ-88213" in text
    (notification,) = mailbox(imap_server, config.owner.handler)
    assert "nl" == notification["Content-Language"]
    assert "Er is een nieuwe klacht binnengekomen." in text_of(notification)
    assert "der Motor meines E-Bikes ist nach drei Wochen" in text_of(notification)

    # The owner answers in German; their words reach the customer as written, in a German frame.
    words = "wir tauschen den Motor kostenlos aus. Sie können Ihr Rad am Freitag abholen."
    imap_server.deliver(
        config.shop.email,
        reply("gmail", notification, config.owner.handler, f"#oplossen reparatie\n{words}"),
    )
    run_once(config, now=clock.at(1))
    answer = mailbox(imap_server, klaus)[-1]
    text = _german(answer)
    assert text.startswith(f"Guten Tag Klaus Becker,\n\n{words}\n")
    assert "So lösen wir Ihre Beschwerde: eine Reparatur." in text
    assert "Mit freundlichen Grüßen" in text

    # The evaluation asks for a number from 1 to 5 (5 best), never a school "Note".
    run_once(config, now=clock.at(4))
    evaluation = mailbox(imap_server, klaus)[-1]
    text = _german(evaluation)
    assert "mit einer Zahl von 1 bis 5" in text and "5 ist das Beste" in text
    assert "Note" not in text
    html = evaluation.get_body(("html",)).get_content()
    assert '<html lang="de">' in html and "Guten Tag Klaus Becker," in html
    imap_server.deliver(
        config.shop.email,
        reply("gmail", evaluation, klaus, "5, sehr zufrieden, vielen Dank!"),
    )
    run_once(config, now=clock.at(5))

    assert "closed" == dossier(config)["status"]
    closure = mailbox(imap_server, klaus)[-1]
    text = _german(closure)
    assert "Vielen Dank für Ihre Antwort." in text and "5 von 5" in text
    assert f"Hiermit bestätigen wir, dass der Vorgang K-{YEAR}-0001 abgeschlossen ist." in text
    assert 4 == len(mailbox(imap_server, klaus))
    owner = mailbox(imap_server, config.owner.handler)
    assert owner and all("nl" == m["Content-Language"] for m in owner)


def test_a_german_shop_works_in_german_for_its_owner_too(
    tmp_path: Path, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    """`shop.language = "de"`: German notification, German commands, a German refusal with the
    German list of commands, and German letters to the customer."""
    config = make_config(tmp_path, imap_server, smtp_server, shop__language="de")
    clock = Clock()
    klaus = f"klaus.{config.shop.email.split('@')[0]}@kunde.de"
    imap_server.deliver(
        config.shop.email,
        complaint(klaus, config.shop.email, "Motor defekt", GERMAN, "Klaus Becker"),
    )
    run_once(config, now=clock.at(0))
    (notification,) = mailbox(imap_server, config.owner.handler)
    text = text_of(notification)
    assert "de" == notification["Content-Language"]
    assert "Eine neue Beschwerde ist eingegangen." in text and "Viele Grüße" in text
    assert "de" == detect_language(text, "?", notification["Subject"])

    # A word the table does not know: refused in German, with the German list of commands.
    imap_server.deliver(
        config.shop.email, reply("gmail", notification, config.owner.handler, "#quatsch\n")
    )
    run_once(config, now=clock.at(1))
    refusal = text_of(mailbox(imap_server, config.owner.handler)[-1])
    assert "unbekannter Befehl '#quatsch'" in refusal
    assert "#lösen ART [Text]" in refusal and "#erledigt" in refusal
    assert 1 == len(mailbox(imap_server, klaus))  # nothing reached the customer

    # The ASCII spelling works as well as the umlaut.
    words = "der neue Motor ist eingebaut, Sie können Ihr Rad abholen."
    imap_server.deliver(
        config.shop.email,
        reply("gmail", notification, config.owner.handler, f"#loesen reparatur\n{words}"),
    )
    run_once(config, now=clock.at(2))
    assert "resolved" == dossier(config)["status"]
    answer = _german(mailbox(imap_server, klaus)[-1])
    assert words in answer and "So lösen wir Ihre Beschwerde: eine Reparatur." in answer
