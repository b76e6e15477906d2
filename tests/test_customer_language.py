"""A German and a French customer write to a Dutch shop, on real (loopback) servers.

Their dossiers store their language from the first mail, their registered fields are read from
German and French labels, and each letter is in their language once its templates exist (until
then in the shop's: `vocabulary.terms.letter_language`). The owner reads Dutch throughout, and
`#taal` corrects a customer's language.
"""

from __future__ import annotations

from clients import reply
from conftest import complaint
from test_owner_loop import dossier, mailbox, text_of

from inbox_agent.config import Config
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

    german, french = dossier(shop, "K-2026-0001"), dossier(shop, "K-2026-0002")
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

    assert "en" == dossier(shop, "K-2026-0002")["language"]


def test_an_acknowledgement_in_the_shops_language_until_the_customers_templates_exist(
    shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    anna = f"anna.{shop.shop.email.split('@')[0]}@kunde.de"
    body = "Hallo,\n\ndie Klingel ist abgefallen. Bitte schicken Sie Ersatz.\n\nGruß\nAnna"
    imap_server.deliver(shop.shop.email, complaint(anna, shop.shop.email, "Klingel", body, "Anna"))

    run_once(shop)

    (acknowledgement,) = mailbox(imap_server, anna)
    language = _letter_language("de", shop)
    assert language == acknowledgement["Content-Language"]
    if language == "nl":
        assert "K-2026-0001" in text_of(acknowledgement)
        assert "Klingel" in acknowledgement["Subject"]
