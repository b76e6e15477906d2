"""What people read of the register: the acknowledgement's copy, the report and the dossier page,
in Dutch and English, with words for codes and times in the shop's zone; real pipeline, no servers.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import complaint
from test_register import MONDAY, SHOP, Shop, build_history
from test_schedule import shop_config

from inbox_agent.register.printouts import dossier_html, report_html
from inbox_agent.register.report import as_json, as_text, build_report
from inbox_agent.store import Store

# Codes that must never reach a reader: field names, statuses, resolution types, channel codes.
RAW_KEYS = re.compile(
    r"\b(?:serial_number|production_date|purchase_price|purchase_date|purchase_time|"
    r"service_description|service_date|agreed_date|scope_price|order_number|"
    r"requested_solution|contact_date|complaint_type|in_progress|web_form|evaluation_answer|owner_reply|"
    r"received_at|acknowledged_at|closed_at|by_status|by_type)\b"
)
ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")

LONG_DUTCH_MAIL = (
    "Goedendag,\n\n"
    "Op 3 november 2026 om 14:30 heb ik bij u een Gazelle Orange gekocht voor € 899,00. "
    "Na twee weken is er een spaak gebroken en nu slingert het achterwiel.\n\n"
    "Ik ben hier echt heel erg teleurgesteld over, want ik gebruik de fiets elke dag om naar "
    "mijn werk te gaan en moet nu met de bus, wat mij elke dag een uur extra kost. Ook heb ik "
    "de fiets al twee keer naar de werkplaats gebracht zonder dat iemand ernaar keek.\n\n"
    "Ik wil mijn geld terug.\n\n"
    "Met vriendelijke groet,\n\n"
    "Piet Jansen\nDorpsstraat 12a\n1234 AB Ergens\n06-12345678\n\n"
    "Verstuurd vanaf mijn iPhone\n"
)


def body_of(shop: Shop, kind: str, reference: str) -> str:
    text = shop.sent(kind, reference).get_body(("plain",)).get_content()
    return str(text).replace("\r\n", "\n")


@pytest.fixture
def shop(tmp_path: Path) -> Shop:
    return Shop(shop_config(tmp_path))


@pytest.fixture
def english_shop(tmp_path: Path) -> Shop:
    config = shop_config(tmp_path)
    return Shop(replace(config, shop=replace(config.shop, language="en")))


def test_the_acknowledgement_lists_what_was_registered_without_the_whole_mail(shop: Shop) -> None:
    shop.receive(
        complaint("piet@klant.nl", SHOP, subject="Spaak gebroken", body=LONG_DUTCH_MAIL), MONDAY
    )
    ack = body_of(shop, "acknowledgement", "K-2026-0001")
    # The customer wrote "ik ben hier echt heel erg teleurgesteld": the first line answers it.
    assert "\n\nHet spijt ons dat wij u hebben teleurgesteld." in ack
    for line in (
        "  Ontvangen op: maandag 2 november 2026 om 10:00",
        "  Binnengekomen via: e-mail",
        "  Soort klacht: product",
        "  Aankoopdatum: 3 november 2026",
        "  Tijdstip van aankoop: 14:30",
        "  Aankoopprijs: € 899,00",
        "  Gewenste oplossing: Ik wil mijn geld terug",
        "  Telefoon: 06-12345678",
        "  Adres: Dorpsstraat 12a, 1234 AB Ergens",
    ):
        assert line in ack.splitlines()
    # The excerpt is wrapped under its label: at most a few short lines.
    start = ack.index("  Omschrijving van het probleem: ")
    problem = ack[start : ack.index("\n\n", start)]
    assert "Na twee weken is er een spaak" in " ".join(problem.split())
    assert len(problem) < 260 and all(len(line) <= 76 for line in problem.splitlines())
    # Not the customer's greeting, their long middle paragraph, their signature or device line.
    for repeated in ("Goedendag", "met de bus", "Met vriendelijke groet,\n\nPiet", "iPhone"):
        assert repeated not in ack
    assert RAW_KEYS.search(ack) is None
    assert len(ack) < len(LONG_DUTCH_MAIL) + 1200


def test_a_staff_complaint_in_english_is_a_service_complaint_without_product_questions(
    shop: Shop,
) -> None:
    shop.receive(
        complaint(
            "tom@customer.co.uk",
            SHOP,
            subject="Rude staff",
            body=(
                "Hello,\n\nOn Saturday the salesman at your counter was rude to me and laughed "
                "at my question. I would like an apology.\n\nKind regards,\nTom Baker\n"
            ),
            name="Tom Baker",
        ),
        MONDAY,
    )
    dossier = shop.dossier("K-2026-0001")
    assert ("service", "staff", "en") == (
        dossier["complaint_type"],
        dossier["topic"],
        dossier["language"],
    )
    assert "serial_number" not in dossier["missing"]
    ack = body_of(shop, "acknowledgement", "K-2026-0001")
    assert "  Kind of complaint: service" in ack.splitlines()
    assert "  Requested solution: I would like an apology" in ack.splitlines()
    # Asked only what fits a complaint about staff: the day it happened, no price or dates agreed.
    assert "  Date of your visit or call:" in ack.splitlines() and "Serial number" not in ack
    for label in ("Scope and price", "Date agreed", "Purchase price"):
        assert f"  {label}:" not in ack.splitlines(), label
    assert "Kind regards,\nTom Baker" not in ack and RAW_KEYS.search(ack) is None


def history_with_a_service_complaint(shop: Shop) -> None:
    build_history(shop)
    shop.receive(
        complaint(
            "e@klant.nl",
            SHOP,
            subject="Pakket niet aangekomen",
            body="Mijn pakket is nooit aangekomen. Ik wil mijn geld terug.\n\nGroet,\nEva",
        ),
        MONDAY + timedelta(days=40),
    )


def visible(html: str) -> str:
    """The page as read: message bodies (the mails as they were sent) left out."""
    return re.sub(r"<pre>.*?</pre>", "", html, flags=re.DOTALL)


@pytest.mark.parametrize(
    "fixture,words,absent",
    [
        (
            "shop",
            [
                "Klachtenoverzicht",
                "Ontvangen klachten",
                "reparatie",
                "afgewezen",
                "heropend",
                "kwaliteitsprobleem",
                "dienstverlening",
                "bezorging",
                "geld terug",
                "e-mail",
                "november 2026",
                "Terugkerende problemen",
            ],
            ["Complaints report", "reopened", "quality"],
        ),
        (
            "english_shop",
            [
                "Complaints report",
                "Complaints received",
                "repair",
                "rejected",
                "reopened",
                "quality problem",
                "service",
                "delivery",
                "refund",
                "email",
                "November 2026",
                "Structural signals",
            ],
            ["Klachtenoverzicht", "heropend", "reparatie"],
        ),
    ],
)
def test_the_report_speaks_the_shops_language(
    fixture: str, words: list[str], absent: list[str], request: pytest.FixtureRequest
) -> None:
    shop: Shop = request.getfixturevalue(fixture)
    history_with_a_service_complaint(shop)
    dossiers = Store.read(shop.config.storage.path).all_dossiers()
    figures = build_report(dossiers, None, None, shop.config.shop.tz, 90, 3)
    language = shop.config.shop.language
    html = report_html(figures, shop.config)
    text = as_text(figures, shop.config.shop.name, language)
    for page in (html, text):
        assert RAW_KEYS.search(page) is None
        assert ISO_TIME.search(page) is None
        for expected in words:
            assert expected in page, expected
        for wrong in absent:
            assert wrong not in page, wrong
    shown = json.loads(as_json(figures, language))
    assert set(figures) | {"language", "labels"} == set(shown)  # the figures' keys are kept
    assert figures["resolutions"] == shown["resolutions"]
    assert {"delivery": 1} == shown["by_topic"] and {"refund": 1} == shown["requested_solutions"]
    assert ("geld terug" if language == "nl" else "refund") == shown["labels"][
        "requested_solutions"
    ]["refund"]


@pytest.mark.parametrize(
    "fixture,words",
    [
        (
            "shop",
            [
                "Klant",
                "Ontvangen",
                "2 november 2026, 10:00, via e-mail",
                "afgesloten",
                "reparatie (",
                "kwaliteitsprobleem",
                "Merk",
                "Type/model",
                "Nog ontbrekend",
                "Serienummer",
                "ontvangstbevestiging",
                "Gebeurtenissen",
                "cijfer 5, tevreden",
                "gegeven aangevuld — Serienummer: GZ-4411",
                "oorzaak — kwaliteitsprobleem",
                "→ opgelost: reparatie",
            ],
        ),
        (
            "english_shop",
            [
                "Customer",
                "Received",
                "2 November 2026, 10:00, by email",
                "closed",
                "repair (",
                "quality problem",
                "Brand",
                "Type/model",
                "Still missing",
                "Serial number",
                "acknowledgement",
                "Events",
                "score 5, satisfied",
                "data added — Serial number: GZ-4411",
                "cause — quality problem",
                "→ resolved: repair",
            ],
        ),
    ],
)
def test_the_dossier_page_speaks_the_shops_language(
    fixture: str, words: list[str], request: pytest.FixtureRequest
) -> None:
    shop: Shop = request.getfixturevalue(fixture)
    build_history(shop)
    shop.owner_says("K-2026-0001", "#field Serienummer: GZ-4411", MONDAY + timedelta(days=60))
    page = visible(dossier_html(shop.dossier("K-2026-0001"), shop.config))
    assert RAW_KEYS.search(page) is None
    assert ISO_TIME.search(page) is None
    assert re.search(r"\b(?:in_progress|evaluating) →", page) is None
    for expected in words:
        assert expected in page, expected


def test_the_owner_turns_a_product_complaint_into_a_service_complaint(shop: Shop) -> None:
    shop.receive(complaint("k@klant.nl", SHOP, subject="Klacht", body="Het ging mis."), MONDAY)
    assert "serial_number" in shop.dossier("K-2026-0001")["missing"]
    shop.owner_says(
        "K-2026-0001",
        "#field Soort klacht: dienst\n#field Binnengekomen via: balie",
        MONDAY + timedelta(hours=1),
    )
    dossier = shop.dossier("K-2026-0001")
    assert ("service", "counter") == (dossier["complaint_type"], dossier["channel"])
    assert "serial_number" not in dossier["missing"]
    assert "service_description" in dossier["missing"]


def test_new_with_a_channel_registers_it_and_a_wrong_one_opens_nothing(shop: Shop) -> None:
    shop.receive(complaint("k@klant.nl", SHOP, subject="Klacht", body="Het ging mis."), MONDAY)
    shop.owner_says(
        "K-2026-0001", "#new bel@klant.nl postduif\nBel kapot.", MONDAY + timedelta(hours=1)
    )
    assert 1 == len(Store.read(shop.config.storage.path).all_dossiers())
    help_text = body_of(shop, "command_help", "K-2026-0001")
    assert "'postduif'" in help_text and "telefoon" in help_text
    shop.owner_says(
        "K-2026-0001",
        "#new bel@klant.nl balie\nMevrouw Bel kwam langs: de bel is kapot. Ik wil een nieuwe.",
        MONDAY + timedelta(hours=2),
    )
    dossier = shop.dossier("K-2026-0002")
    assert ("counter", "bel@klant.nl") == (dossier["channel"], dossier["customer"]["email"])
    assert "  Binnengekomen via: balie" in body_of(shop, "acknowledgement", "K-2026-0002")
