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
    r"|mensaje original|mail original|ursprüngliche mail|originalnachricht)\s*-{2,}"
    r"\s*($|(from|von|de|van)\s*:)"
    r"|^\s*-{2,}\s*(on|op|am|le)\s.*(wrote|schreef|schrieb|a écrit)\s*:?\s*-{2,}\s*$"
    r"|^\s*(begin forwarded message|begin doorgestuurd bericht|doorgestuurd bericht begint"
    r"|anfang der weitergeleiteten nachricht|début du message réexpédié)\s*:\s*$",
    _I,
)
# A header block pasted above the earlier mail: a From line and another header line soon after.
FROM = re.compile(r"^\s*\*{0,2}(from|van|von|de|da|fra|från)\s*:\*{0,2}\s*\S", _I)
FIELD = re.compile(
    r"^\s*\*{0,2}(sent|date|to|cc|subject|verzonden|verstuurd|datum|aan|onderwerp|gesendet|an"
    r"|betreff|envoyé(?: le)?|date d'envoi|à|a|objet|sujet|enviado|para|asunto)\s*:",
    _I,
)
FRENCH_BLOCK = re.compile(r"^\s*message du\s*:", _I)
# A horizontal rule: cut when a header block, a list footer or a contact block follows it.
RULE = re.compile(r"^\s*(?:[-_=*]\s*){3,}$")
# "On <date>, <name> wrote:" and its Dutch, German and French cousins, possibly wrapped.
ATTRIBUTION = re.compile(
    r"^\s*(?:>\s*)?("
    r"on\s.{3,300}\bwrote\s*:?"
    r"|op\s.{3,300}\s(schreef|geschreven)\b.{0,200}:"
    r"|am\s.{3,300}\sschrieb\b.{0,200}:"
    r"|le\s.{3,300}\sa\s+écrit\s*:"
    r"|am\s.{3,300}\sschrieb\s.{0,200}(@[^\s<>]+\.[a-z]{2,}>?|\d{1,2}:\d{2})"
    r"|le\s.{3,300}(@[^\s<>]+\.[a-z]{2,}>?|\d{1,2}:\d{2}).{0,200}\sa\s+écrit"
    r"|(am|le|on|op)\s[^!?]{0,100}\d{1,2}:\d{2}[^!?]{0,100}\s(schrieb|a\s+écrit|wrote|schreef)"
    r"\s[^!?:<>@]{0,99}[^.!?:\s<>@]"
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
    r"|galaxy|android|iphone|ipad|windows|k-9|fairemail|edison|web\.de|gmx|zoho|blackberry|sparrow"
    r"|courrier)"
)
DEVICE = re.compile(
    r"^\s*("
    rf"{SENT} (from|vanaf|vanuit|von|de|depuis|desde|à partir de) (my|mijn|meinem|meiner|mon|ma|mi)"
    r" [^,;:!?]{1,50}"
    rf"|{SENT}( [^\s,;:!?]+){{1,3}}? {APPS}\b[^,;:!?]{{0,40}}"
    r"|(von|mit) (meinem|meiner) [^,;:!?]{1,50} (gesendet|verschickt)"
    r"|(diese nachricht wurde|this message was|ce message a été|dit bericht is|dit bericht werd)"
    r" [^,;:!?]{0,60}(gesendet|verschickt|sent|envoyé|verzonden|verstuurd)"
    r"|(get|download) outlook for (ios|android)"
    r"|outlook (voor|für) (ios|android) (downloaden|herunterladen)"
    r"|(obtenir|télécharger) outlook pour (ios|android)"
    r")\.?\s*(<[^<>\s]*>|\[[^\]\s]*\]|\(https?://[^()\s]*\))?"
    # The apology some apps add: "Please excuse my brevity.", in the four languages.
    r"(\s*(please excuse my brevity|bitte entschuldigen sie (die|meine) kürze"
    r"|veuillez excuser ma brièveté|excuseer (de|mijn) beknoptheid)\.?)?\s*$",
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
# A rule or a decorative separator line ("~~~~", "=-=-=-", "•••") above a signature block.
DECORATION = re.compile(r"^\s*(?:[-_=*~•·+]\s*){3,}$")
TRAILING_RULE = re.compile(r"^\s*(?:[-_=*]\s*){2,}$")
QUOTED = re.compile(r"^\s*>")
QUOTED_BLANK = re.compile(r"^[\s>]*$")

# Parts of a header line in any language: an address, a time, a date.
EMAIL = re.compile(r"[^\s<>()\[\]:;,\"']+@[^\s<>()\[\]:;,\"']+\.[a-z]{2,}", _I)
TIME = re.compile(r"\b\d{1,2}[:.h]\d{2}\b")
DATE = re.compile(r"\b\d{1,2}[./-]\s?\d{1,2}[./-]\s?\d{2,4}\b|\b(19|20)\d{2}\b")
# A mail gateway's warning above the text: "[EXTERNAL]", "CAUTION: This email originated from
# outside ...", and the German, French and Dutch forms of both.
BANNER = re.compile(
    r"^\s*(\*\*)?(\[\s*(external|extern|externe|ext|externo)\s*\]"
    r"|(caution|warning|achtung|vorsicht|warnung|attention|avertissement|let op|waarschuwing)\s?:"
    r".{0,120}\b(outside|external|extern|externen|außerhalb|extérieur|externe|buiten|externe)\b"
    r"|this (e-?mail|message) (originated|came) from outside)",
    _I,
)
# A contact line of a signature block: a telephone number, a web or mail address, a postcode.
CONTACT = re.compile(
    r"(\+?\d[\d ()./-]{6,}\d|\bwww\.|https?://|@[^\s]+\.[a-z]{2,}|^\s*\d{4,5}\s+\w|\b\d{4}\s?[a-z]{2}\s+\w)",
    _I,
)
# A legal disclaimer under a signature: a paragraph that opens on the mail itself and says it is
# confidential ("Diese E-Mail enthält vertrauliche ...", "Ce message ... sont confidentiels").
DISCLAIMER_START = re.compile(
    r"^\s*(diese (e-?mail|nachricht)|der inhalt dieser|die informationen|ce (message|courriel)"
    r"|cet e-?mail|les informations|this (e-?mail|message)|the (information|content)"
    r"|dit (e-?mail)?bericht|deze e-?mail|de informatie|confidentiality|disclaimer"
    r"|vertraulichkeit|avertissement|confidential)",
    _I,
)
CONFIDENTIAL = re.compile(
    r"vertraulich|confidenti|vertrouwelijk|uitsluitend bestemd|privileged", _I
)
