"""Registration data from what customers write; pure."""

from __future__ import annotations

import pytest

from inbox_agent.registration import (
    complaint_type,
    detect_language,
    extract_fields,
    field_for_label,
    missing_fields,
)


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
