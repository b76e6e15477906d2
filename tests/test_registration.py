"""Registration data from what customers write; pure."""

from __future__ import annotations

import pytest

from inbox_agent.dossier.registration import (
    complaint_type,
    detect_language,
    extract_fields,
    field_for_label,
    missing_fields,
    problem_excerpt,
    registered_rows,
    set_field,
)
from inbox_agent.reading.freetext import clock_time


def test_field_lines_in_dutch_and_english_quoted_lines_ignored() -> None:
    text = (
        "Merk: Gazelle\nType = Orange C7\nSerial number: X1\nAankoopdatum: 3-11-2026\n"
        "> Adres: not mine\nPhone: +31 6 1234 5678"
    )
    assert {
        "brand": "Gazelle",
        "model": "Orange C7",
        "serial_number": "X1",
        "purchase_date": "3-11-2026",
        "phone": "+31 6 1234 5678",
    } == extract_fields(text)


def test_product_versus_service_and_missing() -> None:
    assert "service" == complaint_type({"agreed_date": "1 dec"}, "")
    assert "product" == complaint_type({"brand": "Gazelle"}, "onderhoud")
    assert "service" == complaint_type({}, "De monteur kwam niet op de afspraak")
    customer = {"name": "Piet", "email": "p@k.nl", "phone": "", "address": ""}
    assert [
        "address",
        "phone",
        "model",
        "serial_number",
        "production_date",
        "purchase_price",
        "purchase_date",
        "problem",
    ] == missing_fields(customer, {"brand": "x"}, "product")


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Goedendag, mijn fiets is kapot en ik wil graag een nieuwe.", "nl"),
        ("Hello, my bike is broken and I would like a new one please.", "en"),
        ("Gazelle X1", "nl"),  # not clear: the shop's language
    ],
)
def test_language_of_the_customer(text: str, expected: str) -> None:
    assert expected == detect_language(text, "nl")


@pytest.mark.parametrize(
    "label,field",
    [
        ("Serienummer", "serial_number"),
        ("brand", "brand"),
        ("Type/model", "model"),
        ("Telefoon", "phone"),
        ("nonsense", None),
    ],
)
def test_field_labels(label: str, field: str | None) -> None:
    assert field == field_for_label(label)


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Ik heb op 3 november 2026 een fiets gekocht voor € 899,00 (bestelnummer: KT-20331).\n\n"
            "Piet Jansen\nDorpsstraat 12a\n1234 AB Ergens\n06-12345678",
            {
                "phone": "06-12345678",
                "address": "Dorpsstraat 12a, 1234 AB Ergens",
                "order_number": "KT-20331",
                "purchase_date": "3 november 2026",
                "purchase_price": "€ 899,00",
            },
        ),
        (
            "I bought the lock on 12/10/2026, order #A12345, it cost EUR 49.95.\n\nAnne\n+44 20 7946 0000",
            {
                "phone": "+44 20 7946 0000",
                "order_number": "A12345",
                "purchase_date": "12/10/2026",
                "purchase_price": "EUR 49.95",
            },
        ),
        (
            "Ik woon op Laan van Meerdervoort 10, 2517 AB Den Haag. Bel +31 (0)6 1234 5678.",
            {
                "phone": "+31 (0)6 1234 5678",
                "address": "Laan van Meerdervoort 10, 2517 AB Den Haag",
            },
        ),
        ("Op 03-11-2026 ging het mis.", {}),
        ("Mijn fiets is kapot sinds 2 weken.", {}),
    ],
)
def test_free_text_signatures_orders_dates_prices(text: str, expected: dict[str, str]) -> None:
    assert expected == extract_fields(text)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("gekocht om 14:30", "14:30"),
        ("om 16.45 uur", "16:45"),
        ("at 3pm", "15:00"),
        ("at 12 am", "00:00"),
        ("rond 10 uur", "10:00"),
        ("15:05", "15:05"),
        ("op 3.11.2026", ""),  # a date, not a time
        ("voor 12.50 euro", ""),  # a price
        ("EUR 49.95", ""),
        ("3 fietsen", ""),
        ("om 25:10", ""),
    ],
)
def test_time_of_day_as_people_write_it(text: str, expected: str) -> None:
    assert expected == clock_time(text)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Ik wil mijn geld terug.", "Ik wil mijn geld terug"),
        ("Graag een nieuwe!", "Graag een nieuwe"),
        ("I'd like a refund please.", "I'd like a refund please"),
        ("Could you repair it under warranty?", "Could you repair it under warranty?"),
        ("Gewenste oplossing: omruilen", "omruilen"),
        ("Requested solution: replacement", "replacement"),
        ("Jullie hebben vorige maand de band vervangen.", ""),  # history, not a wish
        ("Graag hoor ik van u.", ""),  # a wish without a solution
    ],
)
def test_requested_solution_in_the_customers_words(text: str, expected: str) -> None:
    assert expected == extract_fields(text).get("requested_solution", "")


def test_a_purchase_date_line_with_an_hour_registers_both() -> None:
    fields = extract_fields("Aankoopdatum: 3-11-2026 14:30\nAankooptijd: 14:30")
    assert ("3-11-2026 14:30", "14:30") == (fields["purchase_date"], fields["purchase_time"])
    assert "purchase_time" == field_for_label("Tijdstip van aankoop")
    assert "requested_solution" == field_for_label("Gewenste oplossing")


SIGNED_MAIL = (
    "Goedendag,\n\nOp 3 november 2026 heb ik een Gazelle gekocht. Na twee weken is er een spaak "
    "gebroken. Ik wil mijn geld terug.\n\nMerk: Gazelle\n\nMet vriendelijke groet,\n\n"
    "Piet Jansen\nDorpsstraat 12a\n1234 AB Ergens\n06-12345678\n"
)


def test_the_problem_excerpt_has_no_greeting_field_lines_or_signature() -> None:
    excerpt = problem_excerpt(SIGNED_MAIL)
    assert excerpt.startswith("Op 3 november 2026 heb ik een Gazelle gekocht.")
    assert not any(word in excerpt for word in ("Goedendag", "Merk:", "groet", "Dorpsstraat"))
    long = "Het is kapot. " + "Dit is een lange zin over wat er mis is. " * 20
    assert len(problem_excerpt(long)) <= 200


def test_the_problem_excerpt_cuts_english_signatures_and_phone_lines() -> None:
    mail = "Hi,\n\nThe bell fell off.\n\nKind regards,\nAnne Smith\nSent from my iPhone"
    assert "The bell fell off." == problem_excerpt(mail)
    assert "Het wiel slingert." == problem_excerpt("Het wiel slingert.\n-- \nJan\n06-1234")


@pytest.mark.parametrize(
    "language,expected",
    [
        (
            "nl",
            [
                ("Naam", "Piet Jansen"),
                ("E-mail", "piet@klant.nl"),
                ("Binnengekomen via", "telefoon"),
                ("Soort klacht", "dienstverlening"),
                ("Gewenste oplossing", "Ik wil mijn geld terug"),
                ("Omschrijving van het probleem", "De bezorger was onbeleefd."),
            ],
        ),
        (
            "en",
            [
                ("Name", "Piet Jansen"),
                ("Email", "piet@klant.nl"),
                ("Received via", "phone"),
                ("Kind of complaint", "service"),
                ("Requested solution", "Ik wil mijn geld terug"),
                ("Description of the problem", "De bezorger was onbeleefd."),
            ],
        ),
    ],
)
def test_registered_rows_are_labelled_in_the_customers_language(
    language: str, expected: list[tuple[str, str]]
) -> None:
    dossier = {
        "customer": {"name": "Piet Jansen", "email": "piet@klant.nl", "phone": "", "address": ""},
        "channel": "phone",
        "complaint_type": "service",
        "fields": {
            "problem": "Hallo,\n\nDe bezorger was onbeleefd.\n\nGroet,\nPiet",
            "requested_solution": "Ik wil mijn geld terug",
        },
    }
    assert expected == registered_rows(dossier, language)


def test_the_owner_corrects_the_kind_and_channel_and_sets_fields() -> None:
    dossier = {"customer": {"name": ""}, "fields": {}, "complaint_type": "product"}
    assert "complaint_type" == set_field(dossier, "Soort klacht", "dienst")
    assert "channel" == set_field(dossier, "Received via", "phone")
    assert "name" == set_field(dossier, "Naam", "Piet")
    assert "requested_solution" == set_field(dossier, "Gewenste oplossing", "geld terug")
    assert ("service", "phone", "Piet", {"requested_solution": "geld terug"}) == (
        dossier["complaint_type"],
        dossier["channel"],
        dossier["customer"]["name"],
        dossier["fields"],
    )
    for label, value in (("Soort klacht", "iets"), ("Kanaal", "x"), ("Ontvangen op", "gisteren")):
        with pytest.raises(ValueError):
            set_field(dossier, label, value)


def test_the_problem_excerpt_ends_at_a_bare_name_signature() -> None:
    mail = "Nobody was there to help me. I took a day off for it.\n\nAnne Smith\n"
    assert "Nobody was there to help me. I took a day off for it." == problem_excerpt(
        mail, name="Anne Smith"
    )
    assert "Het wiel slingert." == problem_excerpt("Het wiel slingert.\nPiet\n", name="Piet Jansen")
    # A name inside a sentence is the customer's words, not a signature.
    assert "Anne Smith booked it." == problem_excerpt("Anne Smith booked it.", name="Anne Smith")
