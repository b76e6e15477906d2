"""Embedded loopback mail servers (pymap IMAP, aiosmtpd SMTP, a private Dovecot, an OAuth2
authority) for the test suite and `inbox-agent demo`.

Imports nothing of the agent: the servers are what the agent talks to, never a part of it.
"""
