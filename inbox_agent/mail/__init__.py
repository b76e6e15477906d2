"""Mail as bytes and on the wire: parsing, MIME, the IMAP and SMTP adapters, OAuth2, Message-ID tokens."""
