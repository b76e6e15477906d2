"""Dutch: the words people read for the codes we store, and the frame words around them; data.

One module per language, each with the same names (`tests/test_vocabulary.py` holds them
alike); `inbox_agent.vocabulary.terms` looks the words up. A new language is a module like this
one, listed there, plus a templates folder.
"""

from __future__ import annotations

from inbox_agent.models import Cause, Channel, MailKind, Resolution, Status

STATUS: dict[str, str] = {
    Status.NEW: "nieuw",
    Status.ACKNOWLEDGED: "ontvangst bevestigd",
    Status.IN_PROGRESS: "in behandeling",
    Status.RESOLVED: "opgelost",
    Status.REJECTED: "afgewezen",
    Status.EVALUATING: "wacht op evaluatie",
    Status.CLOSED: "afgesloten",
    Status.REOPENED: "heropend",
}
# The solution as the register names it.
RESOLUTION: dict[str, str] = {
    Resolution.REPAIR: "reparatie",
    Resolution.REPLACE: "vervanging",
    Resolution.ASSIST: "technische hulp",
    Resolution.INFORM: "extra informatie",
    Resolution.COMPENSATE: "financiële vergoeding",
    Resolution.GOODWILL: "tegemoetkoming",
    Resolution.REFUND: "geld terug",
    Resolution.CHANGE: "aanpassing van product of werkwijze",
    Resolution.REJECTED: "afgewezen",
}
# The solution as a letter to the customer says it ("wij bieden u ... aan").
RESOLUTION_IN_LETTERS: dict[str, str] = {
    Resolution.REPAIR: "reparatie",
    Resolution.REPLACE: "vervanging",
    Resolution.ASSIST: "technische hulp",
    Resolution.INFORM: "extra uitleg",
    Resolution.COMPENSATE: "een financiële vergoeding",
    Resolution.GOODWILL: "een attentie als blijk van goede wil",
    Resolution.REFUND: "terugbetaling",
    Resolution.CHANGE: "een aanpassing van ons product of onze werkwijze",
}
CAUSE: dict[str, str] = {
    Cause.QUALITY: "kwaliteitsprobleem",
    Cause.MISUSE: "verkeerd gebruik",
    Cause.INFORMATION: "verkeerde informatie bij verkoop",
    Cause.OTHER: "andere oorzaak",
}
CHANNEL: dict[str, str] = {
    Channel.MAIL: "e-mail",
    Channel.PHONE: "telefoon",
    Channel.COUNTER: "balie",
    Channel.LETTER: "brief",
    Channel.WEB_FORM: "webformulier",
    Channel.FORWARDED: "doorgestuurd door de klachtbehandelaar",
}
MAIL_KIND: dict[str, str] = {
    MailKind.COMPLAINT: "klacht",
    MailKind.FOLLOWUP: "vervolgbericht",
    MailKind.ACKNOWLEDGEMENT: "ontvangstbevestiging",
    MailKind.REOPENING: "bevestiging van heropening",
    MailKind.NOTIFICATION: "melding aan de behandelaar",
    MailKind.OWNER_REPLY: "antwoord van de behandelaar",
    MailKind.REPLY: "antwoord aan de klant",
    MailKind.PROGRESS: "voortgangsbericht",
    MailKind.EVALUATION: "evaluatievraag",
    MailKind.EVALUATION_ANSWER: "antwoord op de evaluatie",
    MailKind.CLOSURE: "afsluitbrief",
    MailKind.REJECTION: "afwijzing",
    MailKind.INTERNAL: "interne notitie",
    MailKind.QUESTION: "vraag aan een collega",
    MailKind.ESCALATION: "escalatie",
    MailKind.WARNING: "waarschuwing",
    MailKind.REMINDER: "herinnering",
    MailKind.DISPUTES: "verwijzing naar de geschillencommissie",
}
COMPLAINT_TYPE: dict[str, str] = {"product": "product", "service": "dienstverlening"}
TOPIC: dict[str, str] = {
    "staff": "personeel",
    "delivery": "bezorging",
    "waiting": "wachttijd",
    "communication": "communicatie",
    "service": "dienst",
}
SIGNAL: dict[str, str] = {"product": "product", "cause": "oorzaak"}
DIRECTION: dict[str, str] = {"in": "binnen", "out": "verstuurd"}
EVENT: dict[str, str] = {
    "opened": "geopend",
    "status": "status",
    "forwarded": "doorgestuurd",
    "acknowledgement_withheld": "ontvangstbevestiging niet verstuurd",
    "cause": "oorzaak",
    "deadline": "antwoorddatum",
    "agreement": "afspraak",
    "note": "notitie",
    "question": "vraag aan collega",
    "field": "gegeven aangevuld",
    "erased": "gewist",
    "escalated": "geëscaleerd",
    "overdue": "over tijd",
    "delivery_failed": "mail niet afgeleverd",
    "command_refused": "opdracht geweigerd",
    "answer": "antwoord",
    "resolution": "oplossing",
    "followup": "vervolgbericht",
}

# What the owner may write for a code: after `#oplossen`, `#oorzaak` and `#nieuw adres`.
RESOLUTION_WORDS: dict[str, str] = {
    "reparatie": Resolution.REPAIR,
    "vervanging": Resolution.REPLACE,
    "hulp": Resolution.ASSIST,
    "informatie": Resolution.INFORM,
    "vergoeding": Resolution.COMPENSATE,
    "attentie": Resolution.GOODWILL,
    "terugbetaling": Resolution.REFUND,
    "wijziging": Resolution.CHANGE,
}
CAUSE_WORDS: dict[str, str] = {
    "kwaliteit": Cause.QUALITY,
    "verkeerd-gebruik": Cause.MISUSE,
    "misbruik": Cause.MISUSE,
    "informatie": Cause.INFORMATION,
    "anders": Cause.OTHER,
    "overig": Cause.OTHER,
}
CHANNEL_WORDS: dict[str, str] = {
    "telefoon": Channel.PHONE,
    "telefonisch": Channel.PHONE,
    "gebeld": Channel.PHONE,
    "balie": Channel.COUNTER,
    "winkel": Channel.COUNTER,
    "brief": Channel.LETTER,
    "post": Channel.LETTER,
    "webformulier": Channel.WEB_FORM,
    "formulier": Channel.WEB_FORM,
    "contactformulier": Channel.WEB_FORM,
}
# The channels a `#nieuw` may name, as its error message lists them.
CHANNEL_CHOICES = "telefoon, balie, brief, webformulier of mail"

MONTHS = "januari februari maart april mei juni juli augustus september oktober november december"
DAYS = "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag"
# The subject of a reply to a mail that had none.
NO_SUBJECT = "(geen onderwerp)"
# The monthly report's mail: "<shop>: klachtenrapport 2026-11".
REPORT_MAIL = "klachtenrapport"

# The register's report (text, HTML and JSON labels).
REPORT: dict[str, str] = {
    "title": "Klachtenoverzicht",
    "start": "begin",
    "now": "nu",
    "received": "Ontvangen klachten",
    "same_day": "Dezelfde dag bevestigd",
    "first_answer": "Mediane tijd tot het eerste antwoord",
    "resolution_time": "Mediane tijd tot de oplossing",
    "kept": "Beloftes op tijd nagekomen",
    "kept_of": "{kept} van {total}",
    "broken_promises": "Niet nagekomen beloftes",
    "promise_line": "{reference}: {what}, beloofd voor {due}",
    "promise_broken_at": "niet nagekomen (gezien op {at})",
    "promise_kept_late": "pas op {at} nagekomen",
    "promise_moved": "verzet naar {to} door {by} op {at}",
    "by_agent": "ons, automatisch",
    "by_status": "Status",
    "by_type": "Product of dienstverlening",
    "by_topic": "Waar klachten over dienstverlening over gaan",
    "by_channel": "Binnengekomen via",
    "resolutions": "Oplossingen",
    "requested_solutions": "Door klanten gevraagde oplossingen",
    "causes": "Oorzaken",
    "per_month": "Ontvangen per maand",
    "satisfaction": "Tevredenheid",
    "mean_score": "gemiddeld cijfer (1–5)",
    "satisfied": "tevreden",
    "of_answers": "van {n} antwoorden",
    "signals": "Terugkerende problemen",
    "signals_intro": "Terugkerende problemen (binnen de periode)",
    "no_signals": "Niets komt vaak genoeg terug om te melden.",
    "complaints": "klachten",
    "hours": "uur",
    "days": "dagen",
    "day": "dag",
    "other": "anders",
    "made": "Gemaakt door inbox-agent op {when}.",
}
# The dossier's printout.
DOSSIER_PAGE: dict[str, str] = {
    "status": "Status",
    "customer": "Klant",
    "phone_address": "Telefoon / adres",
    "arrived": "Ontvangen",
    "via": "via",
    "type": "Soort klacht",
    "acknowledged": "Ontvangst bevestigd",
    "deadline": "Antwoord beloofd uiterlijk",
    "cause": "Oorzaak",
    "resolution": "Oplossing",
    "evaluation": "Evaluatie",
    "evaluation_sent": "gevraagd op",
    "score": "cijfer",
    "satisfied": "tevreden",
    "unhappy": "niet tevreden",
    "closed": "Afgesloten",
    "registered": "Geregistreerde gegevens",
    "missing": "Nog ontbrekend",
    "nothing": "niets",
    "agreements": "Afspraken",
    "recorded": "vastgelegd op {at} door {by}",
    "messages": "Berichten",
    "internal": "intern",
    "attachments": "bijlagen",
    "events": "Gebeurtenissen",
    "printed": "Afgedrukt door inbox-agent voor {shop} op {when}.",
}
