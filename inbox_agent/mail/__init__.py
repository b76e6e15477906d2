"""Mail as bytes and on the wire: parsing (mail-parser), HTML to text, the IMAP adapter
(imapclient), the SMTP adapter and its sending process (aiosmtplib), OAuth2 tokens and logins,
and the secret tokens in our Message-IDs and plus-addresses. Knows nothing of dossiers: one
importer per I/O library lives here.

Imports the core and vocabulary only.
"""
