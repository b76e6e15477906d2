"""English: the words people read for the codes we store, and the frame words around them; data.

The fallback for a language without a module of its own. Each language module has the same
names (`tests/test_vocabulary.py` holds them alike); `inbox_agent.vocabulary.terms` looks the
words up.
"""

from __future__ import annotations

from inbox_agent.models import Cause, Channel, MailKind, Resolution, Status

STATUS: dict[str, str] = {
    Status.NEW: "new",
    Status.ACKNOWLEDGED: "acknowledged",
    Status.IN_PROGRESS: "in progress",
    Status.RESOLVED: "resolved",
    Status.REJECTED: "rejected",
    Status.EVALUATING: "awaiting evaluation",
    Status.CLOSED: "closed",
    Status.REOPENED: "reopened",
}
# The solution as the register names it.
RESOLUTION: dict[str, str] = {
    Resolution.REPAIR: "repair",
    Resolution.REPLACE: "replacement",
    Resolution.ASSIST: "technical help",
    Resolution.INFORM: "more information",
    Resolution.COMPENSATE: "financial compensation",
    Resolution.GOODWILL: "goodwill gesture",
    Resolution.REFUND: "refund",
    Resolution.CHANGE: "change of product or procedure",
    Resolution.REJECTED: "rejected",
}
# The solution as a letter to the customer says it ("we offer you ...").
RESOLUTION_IN_LETTERS: dict[str, str] = {
    Resolution.REPAIR: "a repair",
    Resolution.REPLACE: "a replacement",
    Resolution.ASSIST: "technical help",
    Resolution.INFORM: "more information",
    Resolution.COMPENSATE: "financial compensation",
    Resolution.GOODWILL: "a gesture of goodwill",
    Resolution.REFUND: "a refund",
    Resolution.CHANGE: "a change to our product or the way we work",
}
CAUSE: dict[str, str] = {
    Cause.QUALITY: "quality problem",
    Cause.MISUSE: "misuse",
    Cause.INFORMATION: "wrong information at sale",
    Cause.OTHER: "other cause",
}
CHANNEL: dict[str, str] = {
    Channel.MAIL: "email",
    Channel.PHONE: "phone",
    Channel.COUNTER: "counter",
    Channel.LETTER: "letter",
    Channel.WEB_FORM: "web form",
    Channel.FORWARDED: "forwarded by the complaint handler",
}
MAIL_KIND: dict[str, str] = {
    MailKind.COMPLAINT: "complaint",
    MailKind.FOLLOWUP: "follow-up",
    MailKind.ACKNOWLEDGEMENT: "acknowledgement",
    MailKind.REOPENING: "acknowledgement of reopening",
    MailKind.NOTIFICATION: "notice to the handler",
    MailKind.OWNER_REPLY: "handler's reply",
    MailKind.REPLY: "reply to the customer",
    MailKind.PROGRESS: "progress update",
    MailKind.EVALUATION: "evaluation question",
    MailKind.EVALUATION_ANSWER: "evaluation answer",
    MailKind.CLOSURE: "closure letter",
    MailKind.REJECTION: "rejection",
    MailKind.INTERNAL: "internal note",
    MailKind.QUESTION: "question to a colleague",
    MailKind.ESCALATION: "escalation",
    MailKind.WARNING: "warning",
    MailKind.REMINDER: "reminder",
    MailKind.DISPUTES: "disputes committee letter",
    MailKind.STOP: "letter ending the correspondence",
}
COMPLAINT_TYPE: dict[str, str] = {"product": "product", "service": "service"}
TOPIC: dict[str, str] = {
    "staff": "staff",
    "delivery": "delivery",
    "waiting": "waiting time",
    "communication": "communication",
    "service": "service",
}
SIGNAL: dict[str, str] = {"product": "product", "cause": "cause"}
DIRECTION: dict[str, str] = {"in": "received", "out": "sent"}
EVENT: dict[str, str] = {
    "opened": "opened",
    "status": "status",
    "forwarded": "forwarded",
    "acknowledgement_withheld": "acknowledgement withheld",
    "notification_withheld": "one of a flood: no mail to the owner of its own",
    "cause": "cause",
    "deadline": "answer date",
    "agreement": "agreement",
    "note": "note",
    "question": "question to a colleague",
    "field": "data added",
    "erased": "erased",
    "escalated": "escalated",
    "overdue": "overdue",
    "delivery_failed": "mail not delivered",
    "command_refused": "command refused",
    "answer": "answer",
    "resolution": "resolution",
    "followup": "follow-up",
    "language": "language",
}

# What the owner may write for a code: after `#resolve`, `#cause` and `#new address`.
RESOLUTION_WORDS: dict[str, str] = {
    "repair": Resolution.REPAIR,
    "replace": Resolution.REPLACE,
    "assist": Resolution.ASSIST,
    "inform": Resolution.INFORM,
    "compensate": Resolution.COMPENSATE,
    "goodwill": Resolution.GOODWILL,
    "refund": Resolution.REFUND,
    "change": Resolution.CHANGE,
}
CAUSE_WORDS: dict[str, str] = {
    "quality": Cause.QUALITY,
    "misuse": Cause.MISUSE,
    "information": Cause.INFORMATION,
    "other": Cause.OTHER,
}
CHANNEL_WORDS: dict[str, str] = {
    "mail": Channel.MAIL,
    "e-mail": Channel.MAIL,
    "email": Channel.MAIL,
    "phone": Channel.PHONE,
    "telephone": Channel.PHONE,
    "tel": Channel.PHONE,
    "call": Channel.PHONE,
    "counter": Channel.COUNTER,
    "shop": Channel.COUNTER,
    "store": Channel.COUNTER,
    "in person": Channel.COUNTER,
    "letter": Channel.LETTER,
    "website": Channel.WEB_FORM,
    "web form": Channel.WEB_FORM,
    "webform": Channel.WEB_FORM,
    "web-form": Channel.WEB_FORM,
    "form": Channel.WEB_FORM,
}
# The channels a `#new` may name, as its error message lists them (with the Dutch words, which
# an English command understands too).
CHANNEL_CHOICES = "telefoon, balie, brief, webformulier or mail (phone, counter, letter, web form)"

MONTHS = "January February March April May June July August September October November December"
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
# A date in a letter: "vrijdag 11 december 2026", "Freitag, 11. Dezember 2026".
LONG_DATE = "{weekday} {day} {month} {year}"
# The subject of a reply to a mail that had none.
NO_SUBJECT = "(no subject)"
# The monthly report's mail: "<shop>: complaints report 2026-11".
REPORT_MAIL = "complaints report"

# The register's report (text, HTML and JSON labels).
REPORT: dict[str, str] = {
    "title": "Complaints report",
    "start": "start",
    "now": "now",
    "received": "Complaints received",
    "same_day": "Acknowledged the same day",
    "first_answer": "Median time to the first answer",
    "resolution_time": "Median time to resolution",
    "kept": "Promises kept by their day",
    "kept_of": "{kept} of {total}",
    "broken_promises": "Promises not kept",
    "promise_line": "{reference}: {what}, promised for {due}",
    "promise_broken_at": "not kept (noticed {at})",
    "promise_kept_late": "kept only on {at}",
    "promise_moved": "moved to {to} by {by} on {at}",
    "by_agent": "us, automatically",
    "by_status": "Status",
    "by_type": "Product or service",
    "by_topic": "What service complaints are about",
    "by_channel": "Received via",
    "resolutions": "Resolutions",
    "requested_solutions": "Solutions customers asked for",
    "causes": "Causes",
    "per_month": "Received per month",
    "satisfaction": "Satisfaction",
    "mean_score": "mean score (1–5)",
    "satisfied": "satisfied",
    "of_answers": "of {n} answers",
    "signals": "Structural signals",
    "signals_intro": "Structural signals (recurring within the window)",
    "no_signals": "Nothing recurs often enough to flag.",
    "complaints": "complaints",
    "hours": "h",
    "days": "days",
    "day": "day",
    "other": "other",
    "made": "Made by inbox-agent on {when}.",
}
# The dossier's printout.
DOSSIER_PAGE: dict[str, str] = {
    "status": "Status",
    "customer": "Customer",
    "phone_address": "Phone / address",
    "arrived": "Received",
    "via": "by",
    "type": "Kind of complaint",
    "acknowledged": "Acknowledged",
    "deadline": "Answer promised by",
    "cause": "Cause",
    "resolution": "Resolution",
    "evaluation": "Evaluation",
    "evaluation_sent": "asked on",
    "score": "score",
    "satisfied": "satisfied",
    "unhappy": "not satisfied",
    "closed": "Closed",
    "registered": "Registered data",
    "missing": "Still missing",
    "nothing": "nothing",
    "agreements": "Agreements",
    "recorded": "recorded {at} by {by}",
    "messages": "Messages",
    "internal": "internal",
    "attachments": "attachments",
    "events": "Events",
    "printed": "Printed by inbox-agent for {shop} on {when}.",
}

# -- Reading what customers write (`reading/` and `dossier/registration.py` use these) --------

# Detector hints: short words nearly every English sentence has, and letters only English writes.
STOP_WORDS = (
    "the a and i my not is of on with for that we you your have has but also at please "
    "hello dear regards to no was it this would could can will be been there they what "
    "which when after again since any still still haven't isn't won't didn't doesn't "
    "thanks thank bought broken our from an are were do does did should"
)
LETTERS = ""
# The opening of a mail and its sign-off, as regular expressions (lower case, at a line's start).
GREETINGS = r"dear|hello|hi|hey|good (?:morning|afternoon|evening)|to whom"
CLOSINGS = (
    r"kind regards|best regards|warm regards|regards\b|best wishes|sincerely|yours\b|"
    r"many thanks\W*$|thanks\W*$|thank you\W*$|cheers\b|sent from"
)
# The labels a letter prints for the registered fields.
FIELD_LABELS: dict[str, str] = {
    "name": "Name",
    "address": "Postal address",
    "phone": "Phone",
    "email": "Email",
    "brand": "Brand",
    "model": "Type/model",
    "serial_number": "Serial number",
    "production_date": "Production date",
    "purchase_price": "Purchase price",
    "purchase_date": "Purchase date",
    "problem": "Description of the problem",
    "service_description": "Description of the service",
    "service_date": "Date delivered",
    "agreed_date": "Date agreed",
    "scope_price": "Scope and price",
    "order_number": "Order number",
    "purchase_time": "Time of purchase",
    "requested_solution": "Requested solution",
    "contact_date": "Date of your visit or call",
    "channel": "Received via",
    "complaint_type": "Kind of complaint",
    "received": "Received on",
}
# The labels customers write before a field ("Brand: Gazelle"), lower case.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name"),
    "address": ("address", "postal address"),
    "phone": ("phone", "phone number", "mobile"),
    "brand": ("brand", "make"),
    "model": ("model", "type"),
    "serial_number": ("serial", "serial number", "serial no"),
    "production_date": ("production date",),
    "purchase_price": ("purchase price", "price"),
    "purchase_date": ("purchase date", "date of purchase", "bought on"),
    "order_number": ("order number", "order"),
    "service_description": ("service", "description of the service"),
    "service_date": ("date delivered", "delivery date"),
    "agreed_date": ("date agreed", "agreed date"),
    "scope_price": ("scope and price", "scope"),
    "purchase_time": ("purchase time", "time of purchase"),
    "contact_date": (
        "date of visit",
        "visit date",
        "date of your visit",
        "date of your visit or call",
    ),
    "requested_solution": (
        "requested solution",
        "desired solution",
        "preferred solution",
        "solution",
    ),
}
# Free text: the words before an order number, the verbs of buying, the words before a price.
# Where a customer writing this language dials a number without a country code.
PHONE_REGIONS: tuple[str, ...] = ("GB", "IE")

ORDER_WORDS = r"order(?:\s?number|\s?nr\.?|\s?no\.?)?|invoice(?:\s?number)?"
PURCHASE_VERBS = r"bought|purchased|ordered"
PRICE_WORDS = r"paid|bought|cost|price"
# Month names and their short forms, as a date in a sentence writes them.
MONTH_FORMS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:tember|t)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
# What a customer says to ask for something, and the words of each solution they may ask for.
WISHES = (
    r"i want|i'd like|i would like|we would like|please|i expect|i ask|i request|i'm asking|"
    r"i am asking|can you|could you|would you|i demand|i insist"
)
SOLUTION_WORDS: dict[str, str] = {
    "refund": r"refund\w*|money back|reimburs\w*",
    "replace": r"a new\b(?!\s+(?:appointment|date|try))|replacement|replace\w*|(?:a )?new one|"
    r"exchange\w*|swap\w*",
    "repair": r"repair\w*|fix\w*",
    "compensate": r"compensat\w*|discount|partial refund|store credit|voucher",
    "goodwill": r"apolog\w*|gesture",
}
NEGATIONS = r"no|not|don't|do not"
# What a service complaint is about, and the words of a faulty product.
TOPIC_WORDS: dict[str, str] = {
    "staff": r"rude\w*|unfriendly|impolite|disrespectful|arrogant|staff|employees?|"
    r"sales(?:man|person|woman|people)|shop assistant|sales assistant|attitude|shouted",
    "delivery": r"deliver(?:y|ies)|delivered late|not delivered|never delivered|courier|parcel|"
    r"package|never arrived|not arrived|hasn't arrived|has not arrived|not received|"
    r"shipping|shipment|dispatch\w*",
    "waiting": r"still waiting|waiting|waited|wait for|queue\w*|on hold|kept us waiting|"
    r"kept me waiting",
    "communication": r"no answer|no reply|no response|never called back|call(?:ed)? me back|"
    r"didn't (?:reply|respond|answer|call)|did not (?:reply|respond|answer|call)|"
    r"unanswered|never heard back|ignored my|not reachable|unreachable",
    "service": r"service|repair job|installation|appointment|mechanic|maintenance|workshop",
}
PRODUCT_WORDS = (
    r"broken|broke|faulty|defective|damaged|cracked|torn|ripped|leak\w*|rust\w*|"
    r"stopped working|doesn't work|does not work|not working|squeak\w*|snapped|scratch\w*|"
    r"worn out|serial number"
)

# Reading an evaluation answer (`reading/evaluation_words.py`): word groups (space-separated),
# phrase groups ("|" between phrases), and the small words that turn or weigh them.
EVALUATION: dict[str, str] = {
    # Regular expressions: the sign-off that ends an answer, the greeting that opens it.
    "sign_offs": r"(kind|best|warm|many thanks and)? ?regards\b|best wishes|yours sincerely|sincerely|cheers",
    "greetings": r"hi|hey|hello|dear|good morning|good afternoon",
    "praise": "satisfied satisfactory happy excellent perfect perfectly super great good "
    "fantastic outstanding wonderful brilliant amazing awesome lovely pleased glad delighted "
    "superb impressed recommend ideal",
    "remark_plus": "quick quickly fast swift friendly helpful nice correct professional clear "
    "alright",
    "outcome": "resolved solved sorted fixed replaced repaired helped works working work worked",
    "thanks": "thanks thank thx cheers",
    "blame": "dissatisfied unsatisfied unhappy disappointed disappointing bad poor terrible "
    "awful horrible useless ridiculous angry furious unacceptable pathetic incompetent rude "
    "broken broke breaks faulty defective damaged",
    "remark_minus": "slow slowly long unfortunately pity shame still",
    "lukewarm": "ok okay fine",
    "complaint_verb": "complain",
    "phrases_praise": "all good|good job|great job|well done",
    "phrases_outcome": "all sorted|works again",
    "phrases_blame": "still broken|could be better|never again|let down|more expected|not the best",
    "phrases_remark_minus": "could have been|no answer|no response|took ages|so long",
    "phrases_firm_plus": "no complaints",
    "phrases_mild_plus": "no problem",
    "phrases_weak_minus": "",
    "phrases_thanks": "",
    "phrases_nothing": "",
    "negators": "not no never hardly barely nowhere nothing cannot cant dont didnt doesnt "
    "isnt wasnt wont",
    "post_negators": "",
    "intensifiers": "really so very completely entirely totally quite at all exactly much too "
    "particularly super extremely a",
    "hedges": "fairly reasonably somewhat partly",
    "far_from": "far from|anything but|nowhere near|not even close",
    "far_words": "nowhere",
    "mark_fillers": "an the even definitely certainly surely give gives given deserve deserves "
    "deserved you it them this that i we is was be are will would can could close near to "
    "full whole worth",
    "even": "even",
    "nearly": "close near",
    "hypothetical": "if unless would've could've wouldve",
    "perfect_aux": "would could i'd had",
    "perfect_participles": "have given been",
    "corrections": "now actually rather",
    "yes": "yes yep yeah absolutely definitely",
    "no": "no nope nah",
    "contrast": "but however though although only except",
    "boosters": "very really extremely",
    "units": "days? weeks? months? years? hours? minutes? times? calls? workdays? working "
    "business pieces? items? percent people",
}
NUMBER_WORDS: dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
