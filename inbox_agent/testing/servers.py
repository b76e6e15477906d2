"""Real IMAP (pymap, Dovecot) and SMTP (aiosmtpd) servers on loopback, started in-process.

The SMTP server delivers what it accepts into the IMAP server's mailboxes, so a test (or the
demo) sees mail arrive exactly as a customer's or owner's mail client would. One name for all
of them, so a test imports its servers from one place.
"""

from inbox_agent.testing.dovecot import DovecotServer, dovecot_binary
from inbox_agent.testing.imap import PASSWORD, ImapServer, PymapServer, free_port, wait_listening
from inbox_agent.testing.smtp import (
    DeliveringHandler,
    FaultySmtpServer,
    OAuth2DeliveringHandler,
    Received,
    SmtpServer,
)

__all__ = [
    "PASSWORD",
    "DeliveringHandler",
    "DovecotServer",
    "FaultySmtpServer",
    "ImapServer",
    "OAuth2DeliveringHandler",
    "PymapServer",
    "Received",
    "SmtpServer",
    "dovecot_binary",
    "free_port",
    "wait_listening",
]
