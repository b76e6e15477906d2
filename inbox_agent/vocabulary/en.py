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
