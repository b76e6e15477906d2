"""Every kind of mail the agent writes, as OutgoingMail with the right recipients and threading.

The letters to the customer are in `customer`, the mail to the shop's people in `owner`, and
what they share (Message-IDs, threads, recipients) in `addressing`.
"""

from __future__ import annotations

from inbox_agent.letters.customer import CustomerLetters
from inbox_agent.letters.owner import OwnerMail


class MailMaker(CustomerLetters, OwnerMail):
    """Makes every mail: `MailMaker(config, composer, key).acknowledgement(dossier, mail)`."""
