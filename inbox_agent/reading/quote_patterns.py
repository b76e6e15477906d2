"""The lines mail clients write around a reply, in Dutch, English, German and French; data.

quotes.py decides what to cut; these patterns only recognise lines. Examples of every one are
in the corpus, tests/corpus/owner_replies.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

# Dividers above a pasted (unmarked) copy of the earlier mail, or above a forwarded one.
DIVIDER = re.compile(
    r"^\s*-{2,}\s*(original message|original-nachricht|oorspronkelijk bericht|origineel bericht"
    r"|ursprüngliche nachricht|message d'origine|message original|forwarded message"
    r"|doorgestuurd bericht|doorgestuurde e-mail|weitergeleitete nachricht|message transféré"
    r"|mensaje original)\s*-{2,}\s*$"
    r"|^\s*-{2,}\s*(on|op|am|le)\s.*(wrote|schreef|schrieb|a écrit)\s*:?\s*-{2,}\s*$"
    r"|^\s*(begin forwarded message|begin doorgestuurd bericht|doorgestuurd bericht begint"
    r"|anfang der weitergeleiteten nachricht|début du message réexpédié)\s*:\s*$",
    _I,
)
# A header block pasted above the earlier mail: a From line and another header line soon after.
FROM = re.compile(r"^\s*\*?(from|van|von|de|da|fra|från)\s*:\*?\s*\S", _I)
FIELD = re.compile(
    r"^\s*\*?(sent|date|to|cc|subject|verzonden|verstuurd|datum|aan|onderwerp|gesendet|an"
    r"|betreff|envoyé(?: le)?|date d'envoi|à|a|objet|sujet|enviado|para|asunto)\s*:",
    _I,
)
FRENCH_BLOCK = re.compile(r"^\s*message du\s*:", _I)
# A horizontal rule: cut when a header block or a list footer follows it.
RULE = re.compile(r"^\s*(?:[-_=*]\s*){3,}$")
# "On <date>, <name> wrote:" and its Dutch, German and French cousins, possibly wrapped.
ATTRIBUTION = re.compile(
    r"^\s*(?:>\s*)?("
    r"on\s.{3,300}\bwrote\s*:?"
    r"|op\s.{3,300}\s(schreef|geschreven)\b.{0,200}:"
    r"|am\s.{3,300}\sschrieb\b.{0,200}:"
    r"|le\s.{3,300}\sa\s+écrit\s*:"
    r"|.{3,300}\b(wrote|schreef|schrieb|a\s+écrit)\s*:"
    r"|\S.{0,200}\d.{0,200}[\s<(\[][^\s<>()\[\]]+@[^\s<>()\[\]]+\.[a-z]{2,}[>)\]]?.{0,40}:"
    r")\s*$",
    _I,
)
LOOSE_ATTRIBUTION = re.compile(
    r"^\s*\S.{0,250}(\d{1,2}[:.]\d{2}|@[^\s<>]+\.[a-z]{2,}>?)\S*.{0,120}:\s*$", _I
)
ATTRIBUTION_START = re.compile(r"^\s*(?:>\s*)?(on|op|am|le)\b", _I)
# The standard signature delimiter "-- " (RFC 3676 §4.3); many people type it without the space.
SIGNATURE = re.compile(r"^-- ?$")
# Lines phones and apps append: "Sent from my <device>", or "sent" and an app's name within a
# few words. No commas, so "Sent from my desk, which ..." and "Verzonden met PostNL" stay.
SENT = r"(sent|verstuurd|verzonden|gesendet|envoyé|enviado)"
APPS = (
    r"(outlook|mail|bluemail|typeapp|yahoo|gmail|proton\s?mail|spark|airmail|aol|icloud|samsung"
    r"|galaxy|android|iphone|ipad|windows|k-9|fairemail|edison|web\.de|gmx|zoho|blackberry|sparrow)"
)
DEVICE = re.compile(
    r"^\s*("
    rf"{SENT} (from|vanaf|vanuit|von|de|depuis|desde) (my|mijn|meinem|mon|mi) [^,;:!?]{{1,50}}"
    rf"|{SENT}( [^\s,;:!?]+){{1,3}}? {APPS}\b[^,;:!?]{{0,40}}"
    r"|von meinem [^,;:!?]{1,50} gesendet"
    r"|(get|download) outlook for (ios|android)"
    r"|outlook (voor|für) (ios|android) (downloaden|herunterladen)"
    r"|(obtenir|télécharger) outlook pour (ios|android)"
    r")\.?\s*(<[^<>\s]*>|\[[^\]\s]*\]|\(https?://[^()\s]*\))?\s*$",
    _I,
)
# A link in a device line ("Sent from Mail<https://go.microsoft.com/...> for Windows 10", or
# a Markdown-style [text](address)) is left out before the line is compared.
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)\s]*\)")
LINK = re.compile(r"\s?(<https?://[^<>\s]*>|\(https?://[^()\s]*\))")
# Footers that mailing lists and groups add below the writer's text.
FOOTER = re.compile(
    r"^\s*(you received this message because you are subscribed to"
    r"|je hebt dit bericht ontvangen omdat je (bent )?geabonneerd"
    r"|u ontvangt dit bericht omdat u (bent )?geabonneerd"
    r"|sie erhalten diese nachricht, weil sie"
    r"|sie haben diese nachricht erhalten, weil sie"
    r"|vous recevez ce message(,)? car vous êtes abonné"
    r"|to unsubscribe from this (group|list)"
    r"|\S+ mailing list\s*$)",
    _I,
)
# Our own notification marks the customer's text with these lines; they are not context.
OWN_START = re.compile(r"^\s*>[\s>]*-{3} (bericht|message) -{3}\s*$")
OWN_END = re.compile(r"^\s*>[\s>]*-{3} (einde bericht|end of message) -{3}\s*$")
TRAILING_RULE = re.compile(r"^\s*(?:[-_=*]\s*){2,}$")
QUOTED = re.compile(r"^\s*>")
QUOTED_BLANK = re.compile(r"^[\s>]*$")
