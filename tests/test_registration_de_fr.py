"""Registration read from German and French complaint mails: a table, one row a mail.

Each row says what a careful shop assistant would register from the mail: the labelled or
free-text fields exactly as the customer wrote them, product or service (and the service
topic), and the solution type asked for. Every field of `CHECKED` counts, also the ones a mail
does not give (nothing may be read where nothing is). Written before the reader knew German or
French; the score is printed by
`.venv/bin/pytest tests/test_registration_de_fr.py -q -s -k score`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from inbox_agent.dossier.registration import (
    classify_complaint,
    extract_fields,
    missing_fields,
    problem_excerpt,
)
from inbox_agent.reading.freetext import solution_kind
from inbox_agent.reading.language import detect_language

# What the table checks of each mail: these fields, and kind, topic and solution.
FIELDS = (
    "brand",
    "model",
    "serial_number",
    "purchase_date",
    "purchase_price",
    "order_number",
    "address",
    "phone",
)
CHECKED = (*FIELDS, "kind", "topic", "solution")


@dataclass(frozen=True)
class Case:
    name: str
    subject: str
    body: str
    kind: str  # product | service
    topic: str = ""
    solution: str = ""
    fields: dict[str, str] = field(default_factory=dict)


CASES = [
    # -- German ---------------------------------------------------------------------------
    Case(
        "de_labelled_ebike",
        "Reklamation E-Bike",
        "Sehr geehrte Damen und Herren,\n\nder Motor meines E-Bikes ist nach drei Wochen "
        "ausgefallen, das Display bleibt schwarz.\n\nMarke: Gazelle\nModell: Ultimate C380\n"
        "Seriennummer: GZ-88213\nKaufdatum: 3. März 2026\nPreis: 2.499,00 €\n\n"
        "Ich bitte um eine Reparatur.\n\nMit freundlichen Grüßen\nKlaus Becker",
        "product",
        "",
        "repair",
        {
            "brand": "Gazelle",
            "model": "Ultimate C380",
            "serial_number": "GZ-88213",
            "purchase_date": "3. März 2026",
            "purchase_price": "2.499,00 €",
        },
    ),
    Case(
        "de_labelled_numeric_date",
        "Defekter Akku",
        "Hallo,\n\nder Akku lädt nicht mehr.\n\nMarke: Bosch\nModell: PowerPack 500\n"
        "Seriennummer: 4411-XK\nKaufdatum: 03.03.2026\nKaufpreis: 649,00 €\n"
        "Bestellnummer: 100234\n\nViele Grüße\nAnna Schulz",
        "product",
        fields={
            "brand": "Bosch",
            "model": "PowerPack 500",
            "serial_number": "4411-XK",
            "purchase_date": "03.03.2026",
            "purchase_price": "649,00 €",
            "order_number": "100234",
        },
    ),
    Case(
        "de_free_text_bought",
        "Rahmen gebrochen",
        "Guten Tag,\n\nich habe am 12. Februar 2026 bei Ihnen ein Trekkingrad für 1.299,00 € "
        "gekauft. Jetzt ist der Rahmen am Sattelrohr gebrochen. Ich möchte ein neues Rad.\n\n"
        "Mit freundlichen Grüßen\nJürgen Wolf\nHauptstraße 5\n10115 Berlin\n0171 2345678",
        "product",
        "",
        "replace",
        {
            "purchase_date": "12. Februar 2026",
            "purchase_price": "1.299,00 €",
            "address": "Hauptstraße 5, 10115 Berlin",
            "phone": "0171 2345678",
        },
    ),
    Case(
        "de_order_number_free",
        "Bestellung 55812",
        "Hallo zusammen,\n\ndie Klingel aus meiner Bestellung (Bestellnummer DE-55812) ist "
        "beim ersten Gebrauch abgebrochen. Bitte schicken Sie mir Ersatz.\n\nGruß\nTim",
        "product",
        "",
        "replace",
        {"order_number": "DE-55812"},
    ),
    Case(
        "de_refund_price_eur",
        "Schloss klemmt",
        "Guten Tag,\n\ndas Faltschloss, das ich am 03.02.2026 gekauft habe, klemmt und lässt "
        "sich nicht mehr öffnen. Bezahlt habe ich EUR 49,95. Ich möchte mein Geld zurück.\n\n"
        "Beste Grüße\nSabine Roth",
        "product",
        "",
        "refund",
        {"purchase_date": "03.02.2026", "purchase_price": "EUR 49,95"},
    ),
    Case(
        "de_rude_salesman",
        "Unfreundlicher Verkäufer",
        "Guten Tag,\n\nich war am Samstag in Ihrem Geschäft. Der Verkäufer war sehr unfreundlich "
        "und hat mich einfach stehen lassen, als ich eine Frage hatte. Ich erwarte eine "
        "Entschuldigung.\n\nMit freundlichen Grüßen\nMonika Braun",
        "service",
        "staff",
        "goodwill",
    ),
    Case(
        "de_late_delivery",
        "Lieferung viel zu spät",
        "Hallo,\n\ndie Lieferung meines Fahrrads war für Freitag zugesagt, gekommen ist es erst "
        "zwei Wochen später. Ich habe mir dafür extra einen Tag frei genommen.\n\n"
        "Viele Grüße\nStefan Krüger",
        "service",
        "delivery",
    ),
    Case(
        "de_parcel_never_arrived",
        "Paket nicht angekommen",
        "Sehr geehrte Damen und Herren,\n\nich habe am 2. November 2026 eine Fahrradtasche "
        "bestellt (Bestellnummer 77120), aber das Paket ist nie angekommen. Ich möchte mein "
        "Geld zurück.\n\nMit freundlichen Grüßen\nLena Fischer",
        "service",
        "delivery",
        "refund",
        {"purchase_date": "2. November 2026", "order_number": "77120"},
    ),
    Case(
        "de_repair_not_on_agreed_day",
        "Reparatur nicht erledigt",
        "Guten Tag,\n\nwir hatten vereinbart, dass mein Rad am Dienstag repariert wird. Als ich "
        "es abholen wollte, hatte die Werkstatt noch gar nicht angefangen. Der Termin wurde "
        "einfach nicht eingehalten.\n\nMfG\nPeter Hoffmann",
        "service",
        "service",
    ),
    Case(
        "de_waited_long",
        "Wartezeit im Laden",
        "Hallo,\n\nich habe heute fast eine Stunde im Laden gewartet, bevor mich jemand bedient "
        "hat. Das ist nicht akzeptabel.\n\nGrüße\nMaria Weber",
        "service",
        "waiting",
    ),
    Case(
        "de_no_call_back",
        "Kein Rückruf",
        "Guten Tag,\n\nmir wurde dreimal ein Rückruf versprochen, aber niemand hat mich "
        "zurückgerufen. Auf meine E-Mails bekomme ich keine Antwort.\n\n"
        "Freundliche Grüße\nThomas Meyer\n+49 30 1234567",
        "service",
        "communication",
        fields={"phone": "+49 30 1234567"},
    ),
    Case(
        "de_labelled_with_solution",
        "Reklamation Kindersitz",
        "Guten Tag,\n\nder Gurt des Kindersitzes ist gerissen.\n\nMarke: Thule\n"
        "Modell: Yepp Maxi\nKaufdatum: 14.01.2026\nPreis: 119,95 €\n"
        "Gewünschte Lösung: Umtausch gegen einen neuen Sitz\n\nMit freundlichen Grüßen\n"
        "Julia Neumann",
        "product",
        "",
        "replace",
        {
            "brand": "Thule",
            "model": "Yepp Maxi",
            "purchase_date": "14.01.2026",
            "purchase_price": "119,95 €",
        },
    ),
    Case(
        "de_address_label",
        "Pedal abgebrochen",
        "Hallo,\n\ndas linke Pedal ist abgebrochen.\n\nMarke: Shimano\nModell: PD-M520\n"
        "Adresse: Lindenweg 12, 50667 Köln\nTelefon: 0221 987654\n\nGruß\nFrank Schmitz",
        "product",
        fields={
            "brand": "Shimano",
            "model": "PD-M520",
            "address": "Lindenweg 12, 50667 Köln",
            "phone": "0221 987654",
        },
    ),
    Case(
        "de_quoted_english_disclaimer",
        "Bremse quietscht",
        "Guten Tag,\n\ndie Bremse quietscht seit dem Kauf am 5. Januar 2026 und bremst schlecht. "
        "Bitte reparieren Sie die Bremse.\n\nMit freundlichen Grüßen\nHelga Schröder\n\n"
        "> This e-mail and any attachments are confidential. If you are not the intended "
        "recipient, please delete it.\n",
        "product",
        "",
        "repair",
        {"purchase_date": "5. Januar 2026"},
    ),
    Case(
        "de_price_after_amount",
        "Licht kaputt",
        "Hallo,\n\ndas Rücklicht, das ich für 24,90 Euro gekauft habe, ist nach zwei Tagen "
        "kaputt gegangen.\n\nLG\nMax",
        "product",
        fields={"purchase_price": "24,90 Euro"},
    ),
    Case(
        "de_bestell_nr",
        "Falscher Artikel und kaputt",
        "Guten Tag,\n\nin meiner Bestellung Nr. 40031 war der Schlauch bereits beschädigt. "
        "Ich bitte um Ersatz.\n\nMit freundlichen Grüßen\nKarin Hahn",
        "product",
        "",
        "replace",
        {"order_number": "40031"},
    ),
    Case(
        "de_service_workshop_appointment",
        "Inspektion",
        "Sehr geehrter Herr Jansen,\n\nbei der Inspektion am 20.10.2026 wurde die Schaltung "
        "falsch eingestellt und der Monteur hat den vereinbarten Termin zur Nachbesserung "
        "abgesagt.\n\nMit freundlichen Grüßen\nUwe Koch",
        "service",
        "service",
    ),
    Case(
        "de_model_typ_label",
        "Rahmenbruch",
        "Hallo,\n\nder Rahmen ist gerissen.\n\nHersteller: Cube\nTyp: Kathmandu Hybrid\n"
        "Rahmennummer: WCU12345\nKaufdatum: 1. April 2026\n\nGruß\nOliver",
        "product",
        fields={
            "brand": "Cube",
            "model": "Kathmandu Hybrid",
            "serial_number": "WCU12345",
            "purchase_date": "1. April 2026",
        },
    ),
    Case(
        "de_discount_wish",
        "Kratzer im Lack",
        "Guten Tag,\n\nmein neues Rad hatte bei der Abholung schon mehrere Kratzer im Lack. "
        "Ich hätte gerne einen Preisnachlass.\n\nViele Grüße\nSandra Lange",
        "product",
        "",
        "compensate",
    ),
    Case(
        "de_price_thousand_no_decimals",
        "Motor defekt",
        "Guten Tag,\n\nich habe das E-Bike am 10.05.2026 für 3.199 € gekauft. Der Motor ist "
        "defekt.\n\nMit freundlichen Grüßen\nRalf Vogel",
        "product",
        fields={"purchase_date": "10.05.2026", "purchase_price": "3.199 €"},
    ),
    # -- French ---------------------------------------------------------------------------
    Case(
        "fr_labelled_ebike",
        "Réclamation vélo électrique",
        "Madame, Monsieur,\n\nLe moteur de mon vélo électrique s'est arrêté au bout de trois "
        "semaines.\n\nMarque : Gazelle\nModèle : Ultimate C380\nNuméro de série : GZ-88213\n"
        "Date d'achat : 3 mars 2026\nPrix : 2 499,00 €\n\nJe souhaite une réparation.\n\n"
        "Cordialement,\nJean Dupont",
        "product",
        "",
        "repair",
        {
            "brand": "Gazelle",
            "model": "Ultimate C380",
            "serial_number": "GZ-88213",
            "purchase_date": "3 mars 2026",
            "purchase_price": "2 499,00 €",
        },
    ),
    Case(
        "fr_labelled_numeric_date",
        "Batterie défectueuse",
        "Bonjour,\n\nLa batterie ne se recharge plus.\n\nMarque : Bosch\nModèle : PowerPack 500\n"
        "Numéro de série : 4411-XK\nDate d'achat : 03/03/2026\nPrix d'achat : 649,00 €\n"
        "Numéro de commande : 100234\n\nBien cordialement,\nMarie Martin",
        "product",
        fields={
            "brand": "Bosch",
            "model": "PowerPack 500",
            "serial_number": "4411-XK",
            "purchase_date": "03/03/2026",
            "purchase_price": "649,00 €",
            "order_number": "100234",
        },
    ),
    Case(
        "fr_free_text_bought",
        "Cadre cassé",
        "Bonjour,\n\nJ'ai acheté chez vous un vélo de randonnée le 12 février 2026 pour "
        "1 299,00 €. Le cadre s'est fissuré au niveau du tube de selle. Je voudrais un vélo "
        "neuf en remplacement.\n\nCordialement,\nPierre Lefèvre\n12 rue de la Paix\n"
        "75002 Paris\n06 12 34 56 78",
        "product",
        "",
        "replace",
        {
            "purchase_date": "12 février 2026",
            "purchase_price": "1 299,00 €",
            "address": "12 rue de la Paix, 75002 Paris",
            "phone": "06 12 34 56 78",
        },
    ),
    Case(
        "fr_order_number_free",
        "Commande FR-2211",
        "Bonjour,\n\nLa sonnette de ma commande n° FR-2211 s'est cassée dès la première "
        "utilisation. Merci de m'envoyer un remplacement.\n\nBonne journée,\nLucas",
        "product",
        "",
        "replace",
        {"order_number": "FR-2211"},
    ),
    Case(
        "fr_refund_price_eur",
        "Antivol bloqué",
        "Bonjour,\n\nL'antivol pliant acheté le 03/02/2026 est bloqué et ne s'ouvre plus. Je "
        "l'ai payé EUR 49,95. Je demande le remboursement.\n\nCordialement,\nSophie Bernard",
        "product",
        "",
        "refund",
        {"purchase_date": "03/02/2026", "purchase_price": "EUR 49,95"},
    ),
    Case(
        "fr_rude_salesman",
        "Vendeur impoli",
        "Bonjour,\n\nJe suis passée samedi dans votre magasin. Le vendeur a été très impoli et "
        "m'a tourné le dos quand je lui ai posé une question. J'attends des excuses.\n\n"
        "Cordialement,\nIsabelle Moreau",
        "service",
        "staff",
        "goodwill",
    ),
    Case(
        "fr_late_delivery",
        "Livraison en retard",
        "Bonjour,\n\nLa livraison de mon vélo était prévue vendredi, elle est arrivée avec dix "
        "jours de retard. J'avais pris un jour de congé pour rien.\n\nCordialement,\n"
        "Nicolas Petit",
        "service",
        "delivery",
    ),
    Case(
        "fr_parcel_never_arrived",
        "Colis jamais reçu",
        "Madame, Monsieur,\n\nJ'ai commandé une sacoche le 2 novembre 2026 (numéro de commande "
        "77120), mais le colis n'est jamais arrivé. Je souhaite être remboursé.\n\n"
        "Salutations distinguées,\nÉmilie Durand",
        "service",
        "delivery",
        "refund",
        {"purchase_date": "2 novembre 2026", "order_number": "77120"},
    ),
    Case(
        "fr_repair_not_on_agreed_day",
        "Réparation non faite",
        "Bonjour,\n\nNous avions convenu que mon vélo serait réparé mardi. Quand je suis venu le "
        "chercher, l'atelier n'avait même pas commencé. Le rendez-vous n'a pas été respecté.\n\n"
        "Cordialement,\nPhilippe Roux",
        "service",
        "service",
    ),
    Case(
        "fr_waited_long",
        "Attente au magasin",
        "Bonjour,\n\nJ'ai attendu près d'une heure au magasin avant que quelqu'un s'occupe de "
        "moi. Ce n'est pas acceptable.\n\nBien à vous,\nCamille Fournier",
        "service",
        "waiting",
    ),
    Case(
        "fr_no_call_back",
        "Aucun rappel",
        "Bonjour,\n\nOn m'a promis trois fois de me rappeler, mais personne ne m'a rappelé. Mes "
        "e-mails restent sans réponse.\n\nCordialement,\nThomas Girard\n+33 6 12 34 56 78",
        "service",
        "communication",
        fields={"phone": "+33 6 12 34 56 78"},
    ),
    Case(
        "fr_labelled_with_solution",
        "Siège enfant",
        "Bonjour,\n\nLa sangle du siège enfant s'est déchirée.\n\nMarque : Thule\n"
        "Modèle : Yepp Maxi\nDate d'achat : 14/01/2026\nPrix : 119,95 €\n"
        "Solution souhaitée : échange contre un siège neuf\n\nCordialement,\nJulie Mercier",
        "product",
        "",
        "replace",
        {
            "brand": "Thule",
            "model": "Yepp Maxi",
            "purchase_date": "14/01/2026",
            "purchase_price": "119,95 €",
        },
    ),
    Case(
        "fr_address_label",
        "Pédale cassée",
        "Bonjour,\n\nLa pédale gauche est cassée.\n\nMarque : Shimano\nModèle : PD-M520\n"
        "Adresse : 8 avenue Louise, 1050 Bruxelles\nTéléphone : 02 123 45 67\n\n"
        "Cordialement,\nMarc Lambert",
        "product",
        fields={
            "brand": "Shimano",
            "model": "PD-M520",
            "address": "8 avenue Louise, 1050 Bruxelles",
            "phone": "02 123 45 67",
        },
    ),
    Case(
        "fr_quoted_english_disclaimer",
        "Frein qui grince",
        "Bonjour,\n\nLe frein grince depuis l'achat le 5 janvier 2026 et freine mal. Pourriez-"
        "vous réparer le frein ?\n\nCordialement,\nHélène Blanc\n\n"
        "> This e-mail and any attachments are confidential. If you are not the intended "
        "recipient, please delete it.\n",
        "product",
        "",
        "repair",
        {"purchase_date": "5 janvier 2026"},
    ),
    Case(
        "fr_price_euros_word",
        "Lumière en panne",
        "Bonjour,\n\nLe feu arrière que j'ai acheté pour 24,90 euros est tombé en panne au bout "
        "de deux jours.\n\nBonne journée,\nLéa",
        "product",
        fields={"purchase_price": "24,90 euros"},
    ),
    Case(
        "fr_first_of_month",
        "Chambre à air",
        "Bonjour,\n\nJ'ai acheté une chambre à air le 1er avril 2026, elle était déjà percée. "
        "Je souhaite un échange.\n\nMerci d'avance,\nAntoine Gauthier",
        "product",
        "",
        "replace",
        {"purchase_date": "1er avril 2026"},
    ),
    Case(
        "fr_service_workshop",
        "Révision ratée",
        "Bonjour Monsieur Jansen,\n\nLors de la révision du 20/10/2026, le dérailleur a été mal "
        "réglé et le mécanicien a annulé le rendez-vous prévu pour corriger le problème.\n\n"
        "Cordialement,\nYves Chevalier",
        "service",
        "service",
    ),
    Case(
        "fr_reference_label",
        "Cadre fissuré",
        "Bonjour,\n\nLe cadre est fissuré.\n\nFabricant : Cube\nRéférence : Kathmandu Hybrid\n"
        "N° de série : WCU12345\nDate d'achat : 1er avril 2026\n\nCordialement,\nOlivier",
        "product",
        fields={
            "brand": "Cube",
            "model": "Kathmandu Hybrid",
            "serial_number": "WCU12345",
            "purchase_date": "1er avril 2026",
        },
    ),
    Case(
        "fr_discount_wish",
        "Rayures sur la peinture",
        "Bonjour,\n\nMon vélo neuf avait déjà plusieurs rayures sur la peinture à la livraison. "
        "Je souhaiterais une remise.\n\nCordialement,\nSandrine Faure",
        "product",
        "",
        "compensate",
    ),
    Case(
        "fr_price_no_decimals",
        "Moteur en panne",
        "Bonjour,\n\nJ'ai acheté le vélo électrique le 10 mai 2026 pour 3 199 €. Le moteur est "
        "en panne.\n\nCordialement,\nRené Garnier",
        "product",
        fields={"purchase_date": "10 mai 2026", "purchase_price": "3 199 €"},
    ),
]


def _read(case: Case) -> dict[str, str]:
    # As `dossier.record.open_dossier` reads it: a Dutch shop, the customer's own language.
    fields = extract_fields(case.body, "NL", detect_language(case.body, "nl"))
    kind, topic = classify_complaint(fields, f"{case.subject}\n{case.body}")
    found = {name: fields.get(name, "") for name in FIELDS}
    found |= {
        "kind": kind,
        "topic": topic,
        "solution": solution_kind(fields.get("requested_solution", "")),
    }
    return found


def _expected(case: Case) -> dict[str, str]:
    expected = {name: case.fields.get(name, "") for name in FIELDS}
    return expected | {"kind": case.kind, "topic": case.topic, "solution": case.solution}


def _wrong(case: Case) -> list[str]:
    found, expected = _read(case), _expected(case)
    return [
        f"{name}: {found[name]!r} != {expected[name]!r}"
        for name in CHECKED
        if found[name] != expected[name]
    ]


def test_the_table_has_twenty_mails_per_language() -> None:
    assert sum(c.name.startswith("de_") for c in CASES) >= 20
    assert sum(c.name.startswith("fr_") for c in CASES) >= 20


@pytest.mark.parametrize("language", ["de", "fr"])
def test_the_score_at_least_95_percent_of_the_fields_read_exactly(language: str) -> None:
    cases = [c for c in CASES if c.name.startswith(f"{language}_")]
    wrong = {c.name: _wrong(c) for c in cases}
    errors = sum(len(w) for w in wrong.values())
    total = len(cases) * len(CHECKED)
    score = 1 - errors / total
    print(f"\n{language}: {total - errors}/{total} fields read exactly ({score:.1%})")
    for name, problems in wrong.items():
        for problem in problems:
            print(f"  {name}: {problem}")
    assert score >= 0.95


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_nothing_the_customer_gave_is_asked_for_again(case: Case) -> None:
    # As `dossier.record.open_dossier` reads it: a Dutch shop, the customer's own language.
    fields = extract_fields(case.body, "NL", detect_language(case.body, "nl"))
    kind, _ = classify_complaint(fields, f"{case.subject}\n{case.body}")
    # As `dossier.record.open_dossier` does: the phone and the address belong to the customer.
    customer = {
        "email": "k@example.org",
        "phone": fields.pop("phone", ""),
        "address": fields.pop("address", ""),
    }
    missing = missing_fields(customer, fields, kind)
    assert [] == [name for name in case.fields if name in missing]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_problem_excerpt_has_no_greeting_and_no_sign_off(case: Case) -> None:
    excerpt = problem_excerpt(case.body)
    first_line = case.body.splitlines()[0]
    sign_off = [line for line in case.body.splitlines() if line.strip()][-2:]
    assert first_line not in excerpt
    assert not any(line in excerpt for line in sign_off if not line.startswith(">"))


def test_the_held_out_mails_are_read_as_well() -> None:
    from registration_holdout_de_fr import HOLDOUT

    errors = sum(len(_wrong(case)) for case in HOLDOUT)
    assert errors <= 0.05 * len(HOLDOUT) * len(CHECKED)
