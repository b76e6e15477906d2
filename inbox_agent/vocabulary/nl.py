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
    MailKind.STOP: "brief die de correspondentie beëindigt",
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
    "notification_withheld": "een van een stortvloed: geen eigen melding aan de eigenaar",
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
    "language": "taal",
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
# A date in a letter: "vrijdag 11 december 2026", "Freitag, 11. Dezember 2026".
LONG_DATE = "{weekday} {day} {month} {year}"
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

# -- Reading what customers write (`reading/` and `dossier/registration.py` use these) --------

# Detector hints: short words nearly every Dutch sentence has, and letters only Dutch writes.
STOP_WORDS = (
    "de het een en ik mijn niet is van op met voor dat die wij u uw heb heeft maar ook bij "
    "graag naar geen nog al er te zijn was wordt werd jullie kunt kunnen zou wel dit deze "
    "toch omdat want sinds na hoe wat waarom waar ook gekocht kapot fiets goedendag beste "
    "groet groeten vriendelijke bedankt dank alvast jullie zij hij hem haar nooit steeds"
)
LETTERS = "ĳ"
# The opening of a mail and its sign-off, as regular expressions (lower case, at a line's start).
GREETINGS = (
    r"beste|geachte|hallo|hoi|hey|goedendag|goedemorgen|goedemiddag|goedenavond|dag|"
    r"l\.s\.|lieve"
)
CLOSINGS = (
    r"met vriendelijke groet|vriendelijke groet|hartelijke groet|met groet|"
    r"groet(?:en|jes)?\b|mvg\b|gr\.?$|alvast bedankt|bij voorbaat dank|dank u wel\W*$|"
    r"hoogachtend|verstuurd vanaf|verzonden vanaf"
)
# The labels a letter prints for the registered fields.
FIELD_LABELS: dict[str, str] = {
    "name": "Naam",
    "address": "Adres",
    "phone": "Telefoon",
    "email": "E-mail",
    "brand": "Merk",
    "model": "Type/model",
    "serial_number": "Serienummer",
    "production_date": "Productiedatum",
    "purchase_price": "Aankoopprijs",
    "purchase_date": "Aankoopdatum",
    "problem": "Omschrijving van het probleem",
    "service_description": "Omschrijving van de dienst",
    "service_date": "Datum geleverd",
    "agreed_date": "Afgesproken datum",
    "scope_price": "Omvang en prijs",
    "order_number": "Bestelnummer",
    "purchase_time": "Tijdstip van aankoop",
    "requested_solution": "Gewenste oplossing",
    "contact_date": "Datum van uw bezoek of telefoontje",
    "channel": "Binnengekomen via",
    "complaint_type": "Soort klacht",
    "received": "Ontvangen op",
}
# The labels customers write before a field ("Merk: Gazelle"), lower case.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("naam", "volledige naam"),
    "address": ("adres", "postadres", "woonadres"),
    "phone": ("telefoon", "telefoonnummer", "tel", "mobiel"),
    "brand": ("merk",),
    "model": ("type", "model", "typenummer", "type/model", "modelnummer"),
    "serial_number": ("serienummer", "framenummer"),
    "production_date": ("productiedatum", "bouwjaar"),
    "purchase_price": ("aankoopprijs", "prijs"),
    "purchase_date": ("aankoopdatum", "gekocht op"),
    "order_number": ("bestelnummer", "ordernummer", "bonnummer"),
    "service_description": ("dienst", "omschrijving dienst"),
    "service_date": ("datum geleverd", "leverdatum"),
    "agreed_date": ("afgesproken datum",),
    "scope_price": ("omvang en prijs", "omvang"),
    "purchase_time": ("aankooptijd", "tijdstip aankoop", "tijdstip van aankoop"),
    "contact_date": (
        "datum bezoek",
        "bezoekdatum",
        "datum van uw bezoek",
        "datum van uw bezoek of telefoontje",
    ),
    "requested_solution": ("gewenste oplossing", "oplossing", "mijn wens", "wens"),
}
# Free text: the words before an order number, the verbs of buying, the words before a price.
# Where a customer writing this language dials a number without a country code.
PHONE_REGIONS: tuple[str, ...] = ("NL", "BE")

ORDER_WORDS = r"bestel(?:ling)?nummer|ordernummer|bonnummer|factuurnummer"
PURCHASE_VERBS = r"gekocht|aangeschaft|besteld|afgerekend"
PRICE_WORDS = r"gekocht|betaald|kostte|prijs"
# Month names and their short forms, as a date in a sentence writes them.
MONTH_FORMS = (
    r"jan(?:uari)?|feb(?:ruari)?|m(?:aa)?rt|apr(?:il)?|mei|jun[i]?|jul[i]?|"
    r"aug(?:ustus)?|sep(?:tember|t)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
# What a customer says to ask for something, and the words of each solution they may ask for.
WISHES = (
    r"ik wil|wil ik|willen wij|wij willen|we willen|ik zou graag|zou ik graag|graag|"
    r"ik verwacht|ik vraag|ik eis|verzoek|mijn wens|ik wens|kunt u|kunnen jullie|zou u"
)
SOLUTION_WORDS: dict[str, str] = {
    "refund": r"geld terug|geld retour|terugbetal\w*|terug(?:ge)?stort\w*|retourgeld",
    "replace": r"een nieuwe?\b(?!\s+(?:afspraak|datum|poging))|nieuw exemplaar|omruil\w*|"
    r"ruilen|vervang\w*",
    "repair": r"(?:ge)?repar\w*|(?:laten |weer )maken|gemaakt|herstel\w*",
    "compensate": r"vergoed\w*|schadevergoeding|korting|tegemoetkoming|tegoedbon|waardebon",
    "goodwill": r"excuses|verontschuldiging|gebaar",
}
NEGATIONS = r"geen|niet"
# What a service complaint is about, and the words of a faulty product.
TOPIC_WORDS: dict[str, str] = {
    "staff": r"onvriendelijk\w*|onbeleefd\w*|onbeschoft\w*|brutaal|brutale|grof|arrogant\w*|"
    r"afgesnauwd|uitgelachen|medewerk(?:er|ster)s?|verkop(?:er|ers|ster)|personeel|"
    r"bediening|behandeling aan de balie|houding",
    "delivery": r"bezorg\w*|levering|leverdatum|levertijd|te laat geleverd|niet geleverd|"
    r"pakket\w*|niet aangekomen|nooit aangekomen|nog niet ontvangen|niet ontvangen|"
    r"verzend\w*|verzonden|koerier|postnl|dhl",
    "waiting": r"wachttijd|wachtrij|lang (?:moeten )?wachten|lang gewacht|wachten|gewacht|"
    r"wacht (?:nu )?(?:al|nog)|ik wacht|in de rij|(?:uur|uren|weken) wachten",
    "communication": r"teruggebeld|terugbellen|terug te bellen|niet gebeld|nooit gebeld|"
    r"geen antwoord|geen reactie|niet gereageerd|reageert niet|reageren niet|"
    r"niet bereikbaar|onbereikbaar|niets meer gehoord|niks meer gehoord",
    "service": r"service|servicebeurt|onderhoud\w*|beurt|reparatie|installatie|afspraak|"
    r"monteur|werkplaats",
}
PRODUCT_WORDS = (
    r"kapot\w*|stuk|defect\w*|gebroken|breekt|gebarsten|lekke?|lekt|roest\w*|"
    r"werkt niet|werkt niet meer|doet het niet|beschadigd|krassen|kras|scheur\w*|versleten|"
    r"kraakt|rammelt|piept|losgeraakt|gescheurd|serienummer|framenummer"
)

# Reading an evaluation answer (`reading/evaluation_words.py`): word groups (space-separated),
# phrase groups ("|" between phrases), and the small words that turn or weigh them.
EVALUATION: dict[str, str] = {
    # Regular expressions: the sign-off that ends an answer, the greeting that opens it.
    "sign_offs": r"(met )?(vriendelijke |hartelijke |beste |warme )?groet(en|jes)?\b|mvg\b",
    "greetings": r"beste|hallo|hoi|geachte|goedemorgen|goedemiddag|goedenavond|ha",
    "praise": "tevreden tevredenheid blij content verheugd uitstekend uitstekende perfect "
    "perfecte super top toppie prima geweldig geweldige fantastisch goed goede prachtig "
    "uitmuntend keurig fijn topservice tip-top chapeau klasse aanrader ideaal",
    "remark_plus": "snel snelle vlot vlotte vriendelijk vriendelijke behulpzaam netjes correct "
    "professioneel duidelijk voldoende",
    "outcome": "opgelost gerepareerd gemaakt vervangen geholpen werkt",
    "thanks": "bedankt dank dankjewel dankuwel bedankje merci",
    "blame": "ontevreden teleurgesteld teleurstellend teleurstelling slecht slechte vreselijk "
    "verschrikkelijk belabberd waardeloos rampzalig schandalig belachelijk onvoldoende boos "
    "woedend kwaad onacceptabel triest bedroevend zwak klantonvriendelijk incompetent "
    "onbeschoft kapot stuk defect kraakt lekt rammelt piept beschadigd waardeloze",
    "remark_minus": "traag trage lang lastig moeizaam helaas jammer matig",
    "lukewarm": "ok oke oké",
    "complaint_verb": "klagen",
    "phrases_praise": "goed gedaan|dik in orde|bevalt goed|beviel goed",
    "phrases_outcome": "in orde|werkt weer|doet het weer",
    "phrases_blame": "valt tegen|viel tegen|vielen tegen|tegen gevallen|kon beter|kan beter|"
    "had beter gekund|maar niks|stelde niks voor|nooit meer|meer verwacht|niet zo best|"
    "werkt niet|werkt nog niet|doet het niet|nog steeds niet|nog altijd niet|bevalt niet|"
    "beviel niet",
    "phrases_remark_minus": "nog steeds|geen reactie|zo lang|duurde eeuwen",
    "phrases_firm_plus": "geen klachten",
    "phrases_mild_plus": "geen probleem",
    "phrases_weak_minus": "niet meer",
    "phrases_thanks": "",
    "phrases_nothing": "",
    "negators": "niet geen nooit nauwelijks allesbehalve niets",
    "post_negators": "niet",
    "intensifiers": "echt zo heel erg zeer helemaal totaal absoluut bepaald te nou bijzonder "
    "super een hoor",
    "hedges": "redelijk vrij enigszins matig half deels",
    "far_from": "verre van|bij lange na",
    "far_words": "allesbehalve",
    "mark_fillers": "de eens zelfs zeker geef geeft geven gegeven verdien verdient verdienen "
    "verdiend u jullie je het dit dat ik wij is was zijn wordt worden zou zouden kan kunnen "
    "dichtbij volle volledige hele waard",
    "even": "eens zelfs",
    "nearly": "dichtbij",
    "hypothetical": "als indien mits tenzij",
    "perfect_aux": "zou zouden had hadden",
    "perfect_participles": "hebben gegeven gekregen geweest",
    "corrections": "nu inmiddels intussen eigenlijk eerder",
    "yes": "ja jazeker zeker",
    "no": "nee neen",
    "contrast": "maar echter alleen behalve wel toch",
    "boosters": "super heel zeer erg echt",
    "units": "dag dagen weken week maanden maand jaar jaren uur uren minuten min keer x euro eur "
    "mails? mailtjes e-?mails? telefoontjes werkdagen stuks? procent cm mm km kg mensen "
    "medewerkers",
}
NUMBER_WORDS: dict[str, int] = {
    "één": 1,
    "eén": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
}
