"""Registration read from real-looking complaint mails, Dutch and English: a table, one row a mail.

Each row says what a careful shop assistant would register: product or service (and what the
service complaint is about), the solution the customer asks for (as a solution type, "" when
they ask none), and the purchase date and hour when given.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from inbox_agent.dossier.registration import classify_complaint, extract_fields, missing_fields
from inbox_agent.reading.freetext import solution_kind


@dataclass(frozen=True)
class Case:
    name: str
    subject: str
    body: str
    kind: str  # product | service
    topic: str = ""  # staff | delivery | waiting | communication | service
    solution: str = ""  # the solution type asked for, "" when none
    purchase_date: str = ""
    purchase_time: str = ""


CASES = [
    Case(
        "nl_rude_salesman",
        "Onvriendelijke behandeling",
        "Goedemiddag,\n\nGisteren was ik in uw winkel om een bel te kopen. De verkoper was "
        "ontzettend onvriendelijk en liep gewoon weg toen ik een vraag stelde.\n"
        "Ik verwacht excuses.\n\nMet vriendelijke groet,\nMarleen de Vries",
        "service",
        "staff",
        "goodwill",
    ),
    Case(
        "nl_employee_laughed",
        "Klacht over medewerker",
        "Beste,\n\nUw medewerker aan de kassa heeft mij uitgelachen toen ik vroeg naar de "
        "garantie. Dat vind ik onbeschoft.\n\nGroet,\nHenk",
        "service",
        "staff",
    ),
    Case(
        "en_rude_staff",
        "Rude staff",
        "Hello,\n\nI visited your shop on Saturday and the member of staff at the counter was "
        "really rude to my daughter. I would like an apology.\n\nRegards,\nTom Baker",
        "service",
        "staff",
        "goodwill",
    ),
    Case(
        "en_unfriendly_salesperson",
        "Unfriendly salesperson",
        "Dear shop,\n\nThe salesperson who sold me my e-bike was unfriendly and impatient "
        "and never explained how the battery works.\n\nBest regards,\nSarah",
        "service",
        "staff",
    ),
    Case(
        "nl_parcel_never_arrived",
        "Pakket niet aangekomen",
        "Hallo,\n\nIk heb op 2 november 2026 een fietstas besteld (bestelnummer KT-55120), maar "
        "het pakket is nooit aangekomen. Ik wil mijn geld terug.\n\nGroeten,\nAnouk",
        "service",
        "delivery",
        "refund",
        "2 november 2026",
    ),
    Case(
        "nl_late_delivery",
        "Bezorging te laat",
        "Goedendag,\n\nDe bezorging van mijn nieuwe fiets was beloofd voor vrijdag, maar de "
        "bezorger kwam pas dinsdag. Ik heb er een dag vrij voor genomen.\n"
        "Graag een vergoeding voor de verloren dag.\n\nMvg,\nRuud",
        "service",
        "delivery",
        "compensate",
    ),
    Case(
        "en_late_delivery",
        "Late delivery",
        "Hi,\n\nI ordered a child seat on 12/10/2026 and paid for next-day delivery. The parcel "
        "has still not arrived. Please refund the delivery costs.\n\nThanks,\nJames",
        "service",
        "delivery",
        "refund",
        "12/10/2026",
    ),
    Case(
        "en_package_not_received",
        "Order not received",
        "Hello,\n\nMy package never arrived, the courier says it was delivered but it was not. "
        "I'd like a replacement sent.\n\nKind regards,\nPriya Patel",
        "service",
        "delivery",
        "replace",
    ),
    Case(
        "nl_long_wait_counter",
        "Lang wachten",
        "Beste mensen,\n\nZaterdag heb ik bijna een uur moeten wachten aan de balie, terwijl er "
        "maar één klant voor mij was. De wachttijd is echt te lang.\n\nGroet,\nIneke",
        "service",
        "waiting",
    ),
    Case(
        "en_queue",
        "Waiting time",
        "Hi there,\n\nI was kept waiting for 45 minutes in the queue at your workshop just to "
        "drop off my bike.\n\nCheers,\nOliver",
        "service",
        "waiting",
    ),
    Case(
        "nl_not_called_back",
        "Niet teruggebeld",
        "Hallo,\n\nVorige week is beloofd dat ik teruggebeld zou worden over de offerte. Ik heb "
        "niets meer gehoord en krijg geen antwoord op mijn mails.\n\nVriendelijke groet,\nLisa",
        "service",
        "communication",
    ),
    Case(
        "en_no_answer",
        "No answer to my emails",
        "Dear Sir/Madam,\n\nI have emailed you three times about my warranty question and "
        "received no answer. Nobody called me back either.\n\nYours faithfully,\nMargaret Hill",
        "service",
        "communication",
    ),
    Case(
        "nl_missed_appointment",
        "Afspraak gemist",
        "Goedemorgen,\n\nDe monteur is niet gekomen op de afspraak voor het onderhoud van "
        "mijn fiets.\n\nGroet,\nPeter",
        "service",
        "service",
    ),
    Case(
        "en_service_appointment",
        "Missed service appointment",
        "Hello,\n\nNobody was there for my maintenance appointment on Tuesday. Could you give "
        "me a discount on the next service?\n\nRegards,\nAnne",
        "service",
        "service",
        "compensate",
    ),
    Case(
        "nl_broken_spoke_refund",
        "Spaak gebroken",
        "Goedendag,\n\nOp 3 november 2026 heb ik een Gazelle gekocht voor € 899,00. Na twee weken "
        "is er een spaak gebroken. Ik wil mijn geld terug.\n\nGroet,\nPiet Jansen\n06-12345678",
        "product",
        "",
        "refund",
        "3 november 2026",
    ),
    Case(
        "nl_new_one_please",
        "Slot kapot",
        "Hallo,\n\nHet slot dat ik bij jullie kocht is na een week al kapot, de sleutel draait "
        "niet meer. Graag een nieuwe.\n\nGroetjes,\nSanne",
        "product",
        "",
        "replace",
    ),
    Case(
        "nl_purchase_time",
        "Verkeerde lamp",
        "Beste,\n\nIk heb op 14-11-2026 om 16.45 uur een koplamp gekocht in de winkel. Thuis "
        "bleek hij defect: hij doet het niet. Kunt u hem repareren of vervangen?\n\nMvg,\nKees",
        "product",
        "",
        "repair",
        "14-11-2026",
        "16:45",
    ),
    Case(
        "nl_field_lines",
        "Accu",
        "Hallo,\n\nMijn accu laadt niet meer op, hij is defect.\n\nMerk: Bosch\n"
        "Aankoopdatum: 5-10-2026 11:20\nGewenste oplossing: een nieuwe accu\n\nGroet,\nMo",
        "product",
        "",
        "replace",
        "5-10-2026 11:20",
        "11:20",
    ),
    Case(
        "en_field_lines",
        "Cracked frame",
        "Hello,\n\nThe frame of my bike is cracked near the bottom bracket.\n\nBrand: Trek\n"
        "Purchase date: 2 October 2026\nRequested solution: repair under warranty\n\nThanks,\nAmir",
        "product",
        "",
        "repair",
        "2 October 2026",
    ),
    Case(
        "en_refund",
        "Faulty lights",
        "Hi,\n\nThe lights I bought on 1 November 2026 at 3pm stopped working after two days. "
        "I want my money back.\n\nBest,\nEmma",
        "product",
        "",
        "refund",
        "1 November 2026",
        "15:00",
    ),
    Case(
        "en_replacement",
        "Broken pump",
        "Dear team,\n\nThe pump snapped the first time I used it. I'd like a replacement, "
        "please.\n\nKind regards,\nNoah",
        "product",
        "",
        "replace",
    ),
    Case(
        "en_repair_request",
        "Squeaking brakes",
        "Hello,\n\nMy brakes squeak terribly since I bought the bike. Could you fix them?\n\n"
        "Regards,\nLiam",
        "product",
        "",
        "repair",
    ),
    Case(
        "nl_no_wish",
        "Band lek",
        "Hallo,\n\nMijn band is voor de derde keer lek binnen een maand.\n\nGroet,\nFleur",
        "product",
    ),
    Case(
        "en_no_wish",
        "Rust on chain",
        "Hi,\n\nThe chain is already covered in rust after one month.\n\nThanks,\nGrace",
        "product",
    ),
    Case(
        "nl_history_not_a_wish",
        "Weer kapot",
        "Goedendag,\n\nVorige maand hebben jullie de ketting vervangen, maar hij is nu weer "
        "kapot.\n\nGroet,\nBram",
        "product",
    ),
    Case(
        "nl_no_refund_but_working",
        "Versnelling",
        "Beste,\n\nDe versnelling werkt niet. Ik wil geen geld terug, ik wil dat u hem "
        "repareert.\n\nGroet,\nJoost",
        "product",
        "",
        "repair",
    ),
    Case(
        "nl_compensation",
        "Schade aan auto",
        "Hallo,\n\nBij het ophalen van mijn fiets is mijn autodak beschadigd door uw "
        "fietsendrager. Ik wil graag een schadevergoeding.\n\nMvg,\nErik",
        "product",
        "",
        "compensate",
    ),
    Case(
        "nl_rude_and_broken_staff_wins",
        "Medewerker onbeleefd",
        "Hallo,\n\nToen ik mijn kapotte fiets terugbracht, was de medewerker onbeleefd en "
        "grof tegen mij.\n\nGroet,\nYara",
        "service",
        "staff",
    ),
    Case(
        "en_delivered_damaged_product_wins",
        "Damaged bike",
        "Hello,\n\nThe bike arrived today but the frame is damaged and cracked. I want a "
        "refund.\n\nRegards,\nBen",
        "product",
        "",
        "refund",
    ),
    Case(
        "nl_ordered_with_time",
        "Bestelling",
        "Hallo,\n\nIk heb op 20-11-2026 om 21:15 een helm besteld, maar de levering is al drie "
        "keer uitgesteld en niemand reageert niet op mijn berichten.\n\nGroet,\nDaan",
        "service",
        "delivery",
        "",
        "20-11-2026",
        "21:15",
    ),
    Case(
        "en_bought_price_not_time",
        "Helmet strap",
        "Hi,\n\nI bought a helmet on 3/11/2026 for EUR 49.95 and the strap broke. Please "
        "exchange it.\n\nThanks,\nZoe",
        "product",
        "",
        "replace",
        "3/11/2026",
    ),
    Case(
        "nl_webshop_no_reaction",
        "Geen reactie",
        "Beste,\n\nAl twee weken geen reactie op mijn vraag via het contactformulier. Ook "
        "telefonisch zijn jullie niet bereikbaar.\n\nGroet,\nNadia",
        "service",
        "communication",
    ),
    Case(
        "en_staff_wrong_advice",
        "Poor advice",
        "Hello,\n\nYour employee told me this saddle would fit my bike. It does not, and "
        "the staff member was rude when I came back. I would like my money back.\n\nRegards,\nIan",
        "service",
        "staff",
        "refund",
    ),
    Case(
        "nl_reparatie_wish",
        "Frame gebarsten",
        "Hallo,\n\nHet frame is gebarsten bij de trapas. Ik zou graag zien dat het gerepareerd "
        "wordt onder garantie.\n\nGroet,\nLotte",
        "product",
        "",
        "repair",
    ),
    Case(
        "nl_waiting_for_order",
        "Waar blijft mijn bestelling?",
        "Hallo,\n\nIk wacht al drie weken op mijn bestelling en niemand weet waar hij is.\n\n"
        "Groet,\nWillem",
        "service",
        "waiting",
    ),
    Case(
        "nl_new_appointment_is_no_replacement",
        "Monteur niet gekomen",
        "Beste,\n\nDe monteur kwam vanochtend niet opdagen. Graag hoor ik of ik een nieuwe "
        "afspraak kan maken.\n\nGroet,\nAnna",
        "service",
        "service",
    ),
    Case(
        "nl_workshop_damaged_bike",
        "Schade na onderhoud",
        "Hallo,\n\nNa de onderhoudsbeurt bij jullie werkplaats zit er een kras op mijn frame. "
        "Ik wil graag dat de schade vergoed wordt.\n\nMvg,\nTim",
        "service",
        "service",
        "compensate",
    ),
    Case(
        "en_paid_by_credit_card",
        "Wrong size",
        "Hi,\n\nI bought gloves on 4 November 2026 and paid by credit card. They are torn at the "
        "seam already. I want my money back.\n\nThanks,\nMia",
        "product",
        "",
        "refund",
        "4 November 2026",
    ),
    Case(
        "quoted_lines_ignored",
        "Re: uw bestelling",
        "Ik heb nog steeds niets ontvangen, het pakket is niet aangekomen.\n\n"
        "> Uw fiets is defect en kapot, zegt de monteur\n> Graag een nieuwe\n",
        "service",
        "delivery",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_complaint_mail_is_registered_as_a_shop_assistant_would(case: Case) -> None:
    fields = extract_fields(case.body)
    kind, topic = classify_complaint(fields, f"{case.subject}\n{case.body}")
    found = (
        kind,
        topic,
        solution_kind(fields.get("requested_solution", "")),
        fields.get("purchase_date", ""),
        fields.get("purchase_time", ""),
    )
    expected = (case.kind, case.topic, case.solution, case.purchase_date, case.purchase_time)
    assert expected == found


def test_the_table_is_big_and_covers_both_languages_and_kinds() -> None:
    assert len(CASES) >= 30
    assert {"staff", "delivery", "waiting", "communication", "service"} <= {c.topic for c in CASES}
    assert {"refund", "replace", "repair", "compensate"} <= {c.solution for c in CASES}
    assert any(c.name.startswith("nl_") for c in CASES)
    assert any(c.name.startswith("en_") for c in CASES)


@pytest.mark.parametrize("case", [c for c in CASES if c.kind == "service"], ids=lambda c: c.name)
def test_a_service_complaint_is_never_asked_for_product_data(case: Case) -> None:
    fields = extract_fields(case.body)
    kind, _ = classify_complaint(fields, f"{case.subject}\n{case.body}")
    missing = missing_fields({"email": "k@x.nl"}, fields, kind)
    assert not {"serial_number", "brand", "model", "production_date"} & set(missing)
    assert "service_description" in missing or fields.get("service_description")


def test_the_customers_own_words_are_kept_as_the_requested_solution() -> None:
    fields = extract_fields("Hallo,\n\nDe bel is stuk. Graag een nieuwe bel!\n\nGroet, Jan")
    assert "Graag een nieuwe bel" == fields["requested_solution"]


@pytest.mark.parametrize(
    "phrase,topic",
    [
        ("De medewerker was onvriendelijk.", "staff"),
        ("De verkoper deed erg vervelend.", "staff"),
        ("Your staff were rude.", "staff"),
        ("De bezorging ging mis.", "delivery"),
        ("De levering was te laat.", "delivery"),
        ("Mijn pakket niet aangekomen.", "delivery"),
        ("Late delivery again.", "delivery"),
        ("De wachttijd was een uur.", "waiting"),
        ("Ik moest lang wachten.", "waiting"),
        ("The queue was endless.", "waiting"),
        ("Ik ben niet teruggebeld.", "communication"),
        ("Still no answer to my mail.", "communication"),
    ],
)
def test_the_words_of_each_service_topic(phrase: str, topic: str) -> None:
    assert ("service", topic) == classify_complaint({}, phrase)


@pytest.mark.parametrize(
    "phrase,kind",
    [
        ("Ik wil mijn geld terug.", "refund"),
        ("Graag een nieuwe.", "replace"),
        ("I'd like a refund.", "refund"),
        ("I'd like a replacement.", "replace"),
        ("I'd like a repair.", "repair"),
        ("Gewenste oplossing: reparatie", "repair"),
        ("Requested solution: my money back", "refund"),
    ],
)
def test_the_requested_solutions_named_in_the_brief(phrase: str, kind: str) -> None:
    assert kind == solution_kind(extract_fields(phrase)["requested_solution"])
