"""German: the words people read for the codes we store, and the frame words around them; data.

One module per language, each with the same names (`tests/test_vocabulary.py` holds them
alike); `inbox_agent.vocabulary.terms` looks the words up.
"""

from __future__ import annotations

from inbox_agent.models import Cause, Channel, MailKind, Resolution, Status

STATUS: dict[str, str] = {
    Status.NEW: "neu",
    Status.ACKNOWLEDGED: "Eingang bestätigt",
    Status.IN_PROGRESS: "in Bearbeitung",
    Status.RESOLVED: "gelöst",
    Status.REJECTED: "abgelehnt",
    Status.EVALUATING: "wartet auf Bewertung",
    Status.CLOSED: "abgeschlossen",
    Status.REOPENED: "wieder eröffnet",
}
# The solution as the register names it.
RESOLUTION: dict[str, str] = {
    Resolution.REPAIR: "Reparatur",
    Resolution.REPLACE: "Ersatz",
    Resolution.ASSIST: "technische Hilfe",
    Resolution.INFORM: "zusätzliche Information",
    Resolution.COMPENSATE: "finanzielle Entschädigung",
    Resolution.GOODWILL: "Kulanz",
    Resolution.REFUND: "Erstattung",
    Resolution.CHANGE: "Änderung an Produkt oder Arbeitsweise",
    Resolution.REJECTED: "abgelehnt",
}
# The solution as a letter to the customer says it ("wir bieten Ihnen ... an").
RESOLUTION_IN_LETTERS: dict[str, str] = {
    Resolution.REPAIR: "eine Reparatur",
    Resolution.REPLACE: "einen Ersatz",
    Resolution.ASSIST: "technische Hilfe",
    Resolution.INFORM: "weitere Erklärungen",
    Resolution.COMPENSATE: "eine finanzielle Entschädigung",
    Resolution.GOODWILL: "eine kleine Aufmerksamkeit als Zeichen unseres guten Willens",
    Resolution.REFUND: "eine Rückerstattung",
    Resolution.CHANGE: "eine Änderung an unserem Produkt oder unserer Arbeitsweise",
}
CAUSE: dict[str, str] = {
    Cause.QUALITY: "Qualitätsproblem",
    Cause.MISUSE: "falsche Benutzung",
    Cause.INFORMATION: "falsche Information beim Verkauf",
    Cause.OTHER: "andere Ursache",
}
CHANNEL: dict[str, str] = {
    Channel.MAIL: "E-Mail",
    Channel.PHONE: "Telefon",
    Channel.COUNTER: "Ladentheke",
    Channel.LETTER: "Brief",
    Channel.WEB_FORM: "Webformular",
    Channel.FORWARDED: "weitergeleitet vom Beschwerdebearbeiter",
}
MAIL_KIND: dict[str, str] = {
    MailKind.COMPLAINT: "Beschwerde",
    MailKind.FOLLOWUP: "weitere Nachricht",
    MailKind.ACKNOWLEDGEMENT: "Eingangsbestätigung",
    MailKind.REOPENING: "Bestätigung der Wiedereröffnung",
    MailKind.NOTIFICATION: "Meldung an den Bearbeiter",
    MailKind.OWNER_REPLY: "Antwort des Bearbeiters",
    MailKind.REPLY: "Antwort an den Kunden",
    MailKind.PROGRESS: "Zwischenbericht",
    MailKind.EVALUATION: "Bewertungsfrage",
    MailKind.EVALUATION_ANSWER: "Antwort auf die Bewertung",
    MailKind.CLOSURE: "Abschlussschreiben",
    MailKind.REJECTION: "Ablehnung",
    MailKind.INTERNAL: "interne Notiz",
    MailKind.QUESTION: "Frage an einen Kollegen",
    MailKind.ESCALATION: "Eskalation",
    MailKind.WARNING: "Warnung",
    MailKind.REMINDER: "Erinnerung",
    MailKind.DISPUTES: "Verweis an die Schlichtungsstelle",
    MailKind.STOP: "Brief, der den Schriftwechsel beendet",
}
COMPLAINT_TYPE: dict[str, str] = {"product": "Produkt", "service": "Dienstleistung"}
TOPIC: dict[str, str] = {
    "staff": "Personal",
    "delivery": "Lieferung",
    "waiting": "Wartezeit",
    "communication": "Kommunikation",
    "service": "Dienstleistung",
}
SIGNAL: dict[str, str] = {"product": "Produkt", "cause": "Ursache"}
DIRECTION: dict[str, str] = {"in": "empfangen", "out": "gesendet"}
EVENT: dict[str, str] = {
    "opened": "eröffnet",
    "status": "Status",
    "forwarded": "weitergeleitet",
    "acknowledgement_withheld": "Eingangsbestätigung nicht gesendet",
    "notification_withheld": "eine von vielen Mails: keine eigene Mail an den Inhaber",
    "cause": "Ursache",
    "deadline": "Antwortdatum",
    "agreement": "Vereinbarung",
    "note": "Notiz",
    "question": "Frage an einen Kollegen",
    "field": "Angabe ergänzt",
    "erased": "gelöscht",
    "escalated": "eskaliert",
    "overdue": "überfällig",
    "delivery_failed": "Mail nicht zugestellt",
    "command_refused": "Befehl abgelehnt",
    "answer": "Antwort",
    "resolution": "Lösung",
    "followup": "weitere Nachricht",
    "language": "Sprache",
}

# What the owner may write for a code: after `#lösen`, `#ursache` and `#neu`.
RESOLUTION_WORDS: dict[str, str] = {
    "reparatur": Resolution.REPAIR,
    "ersatz": Resolution.REPLACE,
    "umtausch": Resolution.REPLACE,
    "hilfe": Resolution.ASSIST,
    "auskunft": Resolution.INFORM,
    "entschädigung": Resolution.COMPENSATE,
    "kulanz": Resolution.GOODWILL,
    "erstattung": Resolution.REFUND,
    "änderung": Resolution.CHANGE,
}
CAUSE_WORDS: dict[str, str] = {
    "qualität": Cause.QUALITY,
    "fehlbedienung": Cause.MISUSE,
    "falschinformation": Cause.INFORMATION,
    "andere": Cause.OTHER,
    "sonstige": Cause.OTHER,
}
CHANNEL_WORDS: dict[str, str] = {
    "telefon": Channel.PHONE,
    "telefonisch": Channel.PHONE,
    "angerufen": Channel.PHONE,
    "laden": Channel.COUNTER,
    "ladentheke": Channel.COUNTER,
    "geschäft": Channel.COUNTER,
    "brief": Channel.LETTER,
    "webformular": Channel.WEB_FORM,
    "kontaktformular": Channel.WEB_FORM,
    "formular": Channel.WEB_FORM,
}
# The channels a `#neu` may name, as its error message lists them.
CHANNEL_CHOICES = "Telefon, Laden, Brief, Webformular oder Mail"

MONTHS = "Januar Februar März April Mai Juni Juli August September Oktober November Dezember"
DAYS = "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag"
# A date in a letter: "vrijdag 11 december 2026", "Freitag, 11. Dezember 2026".
LONG_DATE = "{weekday}, {day}. {month} {year}"
# The subject of a reply to a mail that had none.
NO_SUBJECT = "(kein Betreff)"
# The monthly report's mail: "<shop>: Beschwerdebericht 2026-11".
REPORT_MAIL = "Beschwerdebericht"

# The register's report (text, HTML and JSON labels).
REPORT: dict[str, str] = {
    "title": "Beschwerdeübersicht",
    "start": "Beginn",
    "now": "jetzt",
    "received": "Eingegangene Beschwerden",
    "same_day": "Am selben Tag bestätigt",
    "first_answer": "Mittlere Zeit bis zur ersten Antwort",
    "resolution_time": "Mittlere Zeit bis zur Lösung",
    "kept": "Zusagen rechtzeitig eingehalten",
    "kept_of": "{kept} von {total}",
    "broken_promises": "Nicht eingehaltene Zusagen",
    "promise_line": "{reference}: {what}, zugesagt für {due}",
    "promise_broken_at": "nicht eingehalten (bemerkt am {at})",
    "promise_kept_late": "erst am {at} eingehalten",
    "promise_moved": "verschoben auf {to} durch {by} am {at}",
    "by_agent": "uns, automatisch",
    "by_status": "Status",
    "by_type": "Produkt oder Dienstleistung",
    "by_topic": "Worum es bei Beschwerden über Dienstleistungen geht",
    "by_channel": "Eingegangen über",
    "resolutions": "Lösungen",
    "requested_solutions": "Von Kunden gewünschte Lösungen",
    "causes": "Ursachen",
    "per_month": "Eingegangen pro Monat",
    "satisfaction": "Zufriedenheit",
    "mean_score": "Durchschnittliche Bewertung (1–5 Sterne)",
    "satisfied": "zufrieden",
    "of_answers": "von {n} Antworten",
    "signals": "Wiederkehrende Probleme",
    "signals_intro": "Wiederkehrende Probleme (im Zeitraum)",
    "no_signals": "Nichts kommt oft genug vor, um es zu melden.",
    "complaints": "Beschwerden",
    "hours": "Std.",
    "days": "Tage",
    "day": "Tag",
    "other": "sonstige",
    "made": "Erstellt von inbox-agent am {when}.",
}
# The dossier's printout.
DOSSIER_PAGE: dict[str, str] = {
    "status": "Status",
    "customer": "Kunde",
    "phone_address": "Telefon / Adresse",
    "arrived": "Eingegangen",
    "via": "über",
    "type": "Art der Beschwerde",
    "acknowledged": "Eingang bestätigt",
    "deadline": "Antwort zugesagt bis",
    "cause": "Ursache",
    "resolution": "Lösung",
    "evaluation": "Bewertung",
    "evaluation_sent": "gefragt am",
    "score": "Sterne (1–5)",
    "satisfied": "zufrieden",
    "unhappy": "nicht zufrieden",
    "closed": "Abgeschlossen",
    "registered": "Erfasste Angaben",
    "missing": "Noch fehlend",
    "nothing": "nichts",
    "agreements": "Vereinbarungen",
    "recorded": "festgehalten am {at} von {by}",
    "messages": "Nachrichten",
    "internal": "intern",
    "attachments": "Anhänge",
    "events": "Ereignisse",
    "printed": "Gedruckt von inbox-agent für {shop} am {when}.",
}

# -- Reading what customers write (`reading/` and `dossier/registration.py` use these) --------

# Detector hints: short words nearly every German sentence has, and letters only German writes.
STOP_WORDS = (
    "der die das und ich mein meine meinen meines nicht ist von mit für auf dass wir sie ihr "
    "ihre ihnen habe hat haben aber auch bei bitte nach kein keine noch schon sehr ein eine "
    "einen einem war wurde wird sind zu zum zur den dem des im ist es sich wie was warum "
    "oder wenn weil seit immer mehr mir mich uns hallo guten tag grüße gruß danke freundlichen "
    "geehrte damen herren kaputt fahrrad rad gekauft können möchte"
)
LETTERS = "äöüß"
# The opening of a mail and its sign-off, as regular expressions (lower case, at a line's start).
GREETINGS = (
    r"sehr geehrte[rs]?|liebe[rs]?|hallo|guten (?:tag|morgen|abend)|moin|servus|grüß gott|"
    r"grüezi"
)
CLOSINGS = (
    r"mit freundlichen gr(?:ü|ue|u)(?:ß|ss)en|(?:freundliche|viele|beste|liebe|herzliche|"
    r"schöne) gr(?:ü|ue|u)(?:ß|ss)e|gr(?:ü|ue|u)(?:ß|ss)e\b|gru(?:ß|ss)\b|mfg\b|lg\b|vg\b|"
    r"hochachtungsvoll|vielen dank im voraus|danke im voraus|von meinem \w+ gesendet|"
    r"gesendet von"
)
# The labels a letter prints for the registered fields.
FIELD_LABELS: dict[str, str] = {
    "name": "Name",
    "address": "Anschrift",
    "phone": "Telefon",
    "email": "E-Mail",
    "brand": "Marke",
    "model": "Typ/Modell",
    "serial_number": "Seriennummer",
    "production_date": "Herstellungsdatum",
    "purchase_price": "Kaufpreis",
    "purchase_date": "Kaufdatum",
    "problem": "Beschreibung des Problems",
    "service_description": "Beschreibung der Dienstleistung",
    "service_date": "Datum der Leistung",
    "agreed_date": "Vereinbartes Datum",
    "scope_price": "Umfang und Preis",
    "order_number": "Bestellnummer",
    "purchase_time": "Uhrzeit des Kaufs",
    "requested_solution": "Gewünschte Lösung",
    "contact_date": "Datum Ihres Besuchs oder Anrufs",
    "channel": "Eingegangen über",
    "complaint_type": "Art der Beschwerde",
    "received": "Eingegangen am",
}
# The labels customers write before a field ("Marke: Gazelle"), lower case.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("name", "vollständiger name", "vor- und nachname"),
    "address": ("adresse", "anschrift", "postanschrift", "wohnadresse"),
    "phone": ("telefon", "telefonnummer", "tel", "tel.", "handy", "mobil", "mobilnummer"),
    "brand": ("marke", "hersteller", "fabrikat"),
    "model": ("modell", "typ", "typ/modell", "modellbezeichnung", "modellname"),
    "serial_number": ("seriennummer", "serien-nr.", "seriennr.", "rahmennummer"),
    "production_date": ("herstellungsdatum", "baujahr", "produktionsdatum"),
    "purchase_price": ("kaufpreis", "preis"),
    "purchase_date": ("kaufdatum", "gekauft am", "datum des kaufs"),
    "order_number": (
        "bestellnummer",
        "bestell-nr.",
        "bestellnr.",
        "auftragsnummer",
        "rechnungsnummer",
    ),
    "service_description": ("dienstleistung", "leistung", "beschreibung der dienstleistung"),
    "service_date": ("datum der leistung", "lieferdatum", "leistungsdatum"),
    "agreed_date": ("vereinbartes datum", "vereinbarter termin"),
    "scope_price": ("umfang und preis", "umfang"),
    "purchase_time": ("uhrzeit des kaufs", "kaufzeit", "uhrzeit"),
    "contact_date": (
        "datum des besuchs",
        "besuchsdatum",
        "datum ihres besuchs",
        "datum ihres besuchs oder anrufs",
    ),
    "requested_solution": ("gewünschte lösung", "lösung", "lösungswunsch", "mein wunsch", "wunsch"),
}
# Free text: the words before an order number, the verbs of buying, the words before a price.
# Where a customer writing this language dials a number without a country code.
PHONE_REGIONS: tuple[str, ...] = ("DE", "AT", "CH")

ORDER_WORDS = (
    r"bestellnummer|bestell-?nr\.?|bestellung\s+(?:nr\.?|nummer)|auftragsnummer|"
    r"rechnungsnummer|auftrag\s+nr\.?"
)
PURCHASE_VERBS = r"gekauft|erworben|bestellt|kauf"
PRICE_WORDS = r"gekauft|bezahlt|kostete|gekostet|preis|für"
# Month names and their short forms, as a date in a sentence writes them.
MONTH_FORMS = (
    r"jan(?:uar)?|feb(?:ruar)?|m(?:ä|ae)r(?:z)?|apr(?:il)?|mai|jun[i]?|jul[i]?|"
    r"aug(?:ust)?|sep(?:tember|t)?|okt(?:ober)?|nov(?:ember)?|dez(?:ember)?"
)
# What a customer says to ask for something, and the words of each solution they may ask for.
WISHES = (
    r"ich möchte|möchte ich|ich hätte gern(?:e)?|hätte ich gern(?:e)?|ich wünsche|ich erwarte|"
    r"ich bitte|ich verlange|ich fordere|bitte|können sie|könnten sie|würden sie|ich will"
)
SOLUTION_WORDS: dict[str, str] = {
    "refund": r"geld zurück|(?:rück)?erstatt\w*|zurückzahl\w*|rückzahlung|geld wieder",
    "replace": r"ersatz\w*|umtausch\w*|austausch\w*|(?:um)?tauschen|ein neues\b|einen neuen\b|"
    r"eine neue\b",
    "repair": r"reparier\w*|reparatur\w*|instand setzen|nachbesser\w*",
    "compensate": r"entschädig\w*|preisnachlass|rabatt|gutschein|gutschrift|minderung|"
    r"preisminderung",
    "goodwill": r"entschuldigung|kulanz\w*",
}
NEGATIONS = r"kein|keine|keinen|nicht"
# What a service complaint is about, and the words of a faulty product.
TOPIC_WORDS: dict[str, str] = {
    "staff": r"unfreundlich\w*|unhöflich\w*|frech\w*|arrogant\w*|respektlos\w*|ausgelacht|"
    r"angeschrien|angeschnauzt|verkäufer(?:in)?|mitarbeiter(?:in)?|personal|bedienung|"
    r"stehen lassen|benehmen",
    "delivery": r"liefer\w*|geliefert|zustell\w*|paket\w*|nie angekommen|nicht angekommen|"
    r"nicht erhalten|nichts erhalten|versand\w*|verschickt|kurier|hermes|dpd|spedition",
    "waiting": r"wartezeit|gewartet|warten|warte (?:schon|noch)|warteschlange|schlange",
    "communication": r"zurückgerufen|zurückrufen|rückruf\w*|keine antwort|keine rückmeldung|"
    r"nicht gemeldet|nicht erreichbar|unerreichbar|nichts mehr gehört|nicht reagiert|"
    r"reagiert nicht",
    "service": r"werkstatt|reparatur|inspektion|wartung|termin\w*|monteur|mechaniker|montage|"
    r"vereinbart\w*|dienstleistung",
}
PRODUCT_WORDS = (
    r"kaputt\w*|defekt\w*|gebrochen|abgebrochen|gerissen|beschädigt|funktioniert nicht|"
    r"geht nicht|klemmt|quietscht|knackt|rost\w*|kratzer|undicht|ausgefallen|platt|"
    r"seriennummer|rahmennummer"
)

# Reading an evaluation answer (`reading/evaluation_words.py`): word groups (space-separated),
# phrase groups ("|" between phrases), and the small words that turn or weigh them. School
# grades ("Note 1", "eine glatte Eins", 1 is best) are read in `reading/evaluation_scores.py`.
EVALUATION: dict[str, str] = {
    # Regular expressions: the sign-off that ends an answer, the greeting that opens it.
    "sign_offs": r"mit freundlichen gr(ü|ue|u)(ß|ss)en|(freundliche|viele|beste|liebe|herzliche|"
    r"schöne) gr(ü|ue|u)(ß|ss)e|gr(ü|ue|u)(ß|ss)e\b|gru(ß|ss)\b|mfg\b|lg\b|hochachtungsvoll",
    "greetings": r"sehr geehrte[rs]?|liebe[rs]?|hallo|guten (tag|morgen|abend)|moin|servus",
    "praise": "zufrieden zufriedene zufriedenheit glücklich froh begeistert ausgezeichnet "
    "ausgezeichnete hervorragend hervorragende perfekt perfekte super top prima toll tolle "
    "toller großartig grossartig fantastisch klasse spitze gut gute guter gutes bestens "
    "erstklassig vorbildlich wunderbar empfehlenswert einwandfrei tadellos exzellent genial "
    "sensationell",
    "remark_plus": "schnell schnelle zügig rasch freundlich freundliche hilfsbereit nett höflich "
    "kompetent professionell unkompliziert ordentlich passt",
    "outcome": "gelöst erledigt repariert behoben ersetzt ausgetauscht geholfen funktioniert "
    "läuft fährt geklappt",
    "thanks": "danke dank dankeschön",
    "blame": "unzufrieden unzufriedenheit enttäuscht enttäuschend enttäuschung schlecht "
    "schlechte schlechter schlechten mies miserabel furchtbar schrecklich katastrophal "
    "katastrophe unmöglich inakzeptabel unverschämt unverschämtheit frechheit ärgerlich "
    "verärgert wütend sauer mangelhaft ungenügend unbrauchbar lächerlich peinlich skandalös "
    "unfreundlich inkompetent kaputt defekt quietscht",
    "remark_minus": "langsam lange lang leider schade mühsam umständlich naja",
    "lukewarm": "okay okey",
    "complaint_verb": "beklagen beschweren",
    "phrases_praise": "gut gemacht|alles gut|läuft wieder",
    "phrases_outcome": "wieder in ordnung|funktioniert wieder|geht wieder",
    "phrases_blame": "nie wieder|nie mehr|immer noch nicht|noch immer nicht|immer noch kaputt|"
    "funktioniert nicht|geht nicht|könnte besser|hätte besser|mehr erwartet|alles andere",
    "phrases_remark_minus": "immer noch|noch immer|geht so|keine antwort|keine reaktion|"
    "zu lange|so lange",
    "phrases_firm_plus": "keine beschwerden|keine klagen|nichts auszusetzen",
    "phrases_mild_plus": "kein problem",
    "phrases_weak_minus": "nicht mehr",
    "phrases_thanks": "vielen dank|danke schön|herzlichen dank|besten dank",
    "phrases_nothing": "noch nicht",
    "negators": "nicht kein keine keinen keiner keines nie niemals nichts kaum keineswegs "
    "keinesfalls weder",
    "post_negators": "nicht",
    "intensifiers": "wirklich sehr so ganz total absolut völlig vollkommen voll gar überhaupt "
    "echt besonders extrem zu richtig durchaus rundum ein eine einen",
    "hedges": "einigermaßen ziemlich halbwegs relativ teilweise eher mäßig",
    "far_from": "alles andere als|weit entfernt von",
    "far_words": "keineswegs",
    "mark_fillers": "der die das den dem einmal sogar sicher bestimmt gebe gibt geben gegeben "
    "verdient verdienen ihnen euch sie es dies das ich wir ist war sind wird würde würden "
    "kann könnte können nah nahe volle ganze wert",
    "even": "sogar einmal",
    "nearly": "nah nahe",
    "hypothetical": "wenn falls sofern",
    "perfect_aux": "hätte hätten würde würden wäre wären",
    "perfect_participles": "gegeben bekommen gewesen",
    "corrections": "jetzt inzwischen eigentlich eher mittlerweile",
    "yes": "ja jawohl",
    "no": "nein nö",
    "contrast": "aber jedoch allerdings nur außer trotzdem",
    "boosters": "sehr wirklich echt total",
    "units": "tage tagen tag wochen woche monate monaten monat jahre jahren jahr stunden stunde "
    "minuten mal prozent leute anrufe",
}
NUMBER_WORDS: dict[str, int] = {
    "zwei": 2,
    "drei": 3,
    "fünf": 5,
    "sechs": 6,
    "sieben": 7,
    "neun": 9,
    "zehn": 10,
}
