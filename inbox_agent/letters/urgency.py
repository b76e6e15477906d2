"""Which mail to the shop's people goes out when it is made, and which waits for the agenda.

Apart from `owner` so that the due runner can ask without loading the templates: an idle cycle
loads no Jinja.
"""

from __future__ import annotations

from inbox_agent.models import MailKind

# Which mail to the shop's people goes out when it is made (True), and which waits for the
# next working day's agenda (False). The owner reads mail on a phone between customers: a mail
# is worth sending only when a person must act now; everything else is a line in the agenda.
SENT_AT_ONCE: dict[MailKind, bool] = {
    # A new complaint, a customer's mail that needs an answer, an unhappy or unclear
    # evaluation answer: a customer waits for a person, today.
    MailKind.NOTIFICATION: True,
    # The deputy's "nobody took this up" and "a promise stays broken": the deputy can act on it
    # tomorrow morning as well; the deputy's own agenda lists it, with the complaint text.
    MailKind.ESCALATION: False,
    # "A date comes up": the agenda lists the dossier under due today and overdue.
    MailKind.WARNING: False,
    # "The agent gave the customer a new date": done already; the agenda lists the broken promise.
    MailKind.DATE_MOVED: False,
    # "Is the agreement done?": the agenda lists it on its day, with a ready #done reply.
    MailKind.REMINDER: False,
    # The agenda itself and the monthly report.
    MailKind.DIGEST: True,
    # Mail the agent could not process, a customer our letter did not reach, a login that
    # fails: nobody else will notice, and mail may be lost or unanswered until a person acts.
    MailKind.INTERNAL_ERROR: True,
    MailKind.DELIVERY_FAILURE: True,
    MailKind.LOGIN_FAILURE: True,
    # Answers to the owner's own mail (help, command errors): the owner is waiting for them.
    MailKind.COMMAND_HELP: True,
    MailKind.OWNER_HELP: True,
    # An #ask to a colleague: the owner asked for it to be sent.
    MailKind.QUESTION: True,
}


def sent_at_once(kind: MailKind | str) -> bool:
    """Whether mail of this kind goes out when made; customer letters always do."""
    return SENT_AT_ONCE.get(MailKind(kind), True)
