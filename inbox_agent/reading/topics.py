"""Product or service complaint, and what a service complaint is about; pure.

The split decides which minimum data the customer is asked for (SPEC §2): a complaint about a
rude salesperson, a parcel that never came, a long wait or a call never returned is about the
shop's service, and asking that customer for a serial number reads as not having listened.
"""

from __future__ import annotations

import re

# Each topic's words, Dutch and English; a word counts once however often it is used.
_TOPIC_WORDS = {
    "staff": (
        r"onvriendelijk\w*|onbeleefd\w*|onbeschoft\w*|brutaal|brutale|grof|arrogant\w*|"
        r"afgesnauwd|uitgelachen|medewerk(?:er|ster)s?|verkop(?:er|ers|ster)|personeel|"
        r"bediening|behandeling aan de balie|houding|"
        r"rude\w*|unfriendly|impolite|disrespectful|arrogant|staff|employees?|"
        r"sales(?:man|person|woman|people)|shop assistant|sales assistant|attitude|shouted"
    ),
    "delivery": (
        r"bezorg\w*|levering|leverdatum|levertijd|te laat geleverd|niet geleverd|"
        r"pakket\w*|niet aangekomen|nooit aangekomen|nog niet ontvangen|niet ontvangen|"
        r"verzend\w*|verzonden|koerier|postnl|dhl|"
        r"deliver(?:y|ies)|delivered late|not delivered|never delivered|courier|parcel|"
        r"package|never arrived|not arrived|hasn't arrived|has not arrived|not received|"
        r"shipping|shipment|dispatch\w*"
    ),
    "waiting": (
        r"wachttijd|wachtrij|lang (?:moeten )?wachten|lang gewacht|wachten|gewacht|"
        r"wacht (?:nu )?(?:al|nog)|ik wacht|still waiting|"
        r"in de rij|(?:uur|uren|weken) wachten|"
        r"waiting|waited|wait for|queue\w*|on hold|kept us waiting|kept me waiting"
    ),
    "communication": (
        r"teruggebeld|terugbellen|terug te bellen|niet gebeld|nooit gebeld|"
        r"geen antwoord|geen reactie|niet gereageerd|reageert niet|reageren niet|"
        r"niet bereikbaar|onbereikbaar|niets meer gehoord|niks meer gehoord|"
        r"no answer|no reply|no response|never called back|call(?:ed)? me back|"
        r"didn't (?:reply|respond|answer|call)|did not (?:reply|respond|answer|call)|"
        r"unanswered|never heard back|ignored my|not reachable|unreachable"
    ),
    "service": (
        r"service|servicebeurt|onderhoud\w*|beurt|reparatie|installatie|afspraak|monteur|"
        r"werkplaats|repair job|installation|appointment|mechanic|maintenance|workshop"
    ),
}
_PRODUCT_WORDS = (
    r"kapot\w*|stuk|defect\w*|gebroken|breekt|gebarsten|lekke?|lekt|roest\w*|"
    r"werkt niet|werkt niet meer|doet het niet|beschadigd|krassen|kras|scheur\w*|versleten|"
    r"kraakt|rammelt|piept|losgeraakt|gescheurd|"
    r"broken|broke|faulty|defective|damaged|cracked|torn|ripped|leak\w*|rust\w*|stopped working|"
    r"doesn't work|does not work|not working|squeak\w*|snapped|scratch\w*|worn out|"
    r"serienummer|serial number|framenummer"
)
_TOPICS = {
    topic: re.compile(rf"\b(?:{words})\b", re.IGNORECASE) for topic, words in _TOPIC_WORDS.items()
}
_PRODUCT = re.compile(rf"\b(?:{_PRODUCT_WORDS})\b", re.IGNORECASE)


def _hits(pattern: re.Pattern[str], text: str) -> int:
    return len({match.group(0).lower() for match in pattern.finditer(text)})


def classify(text: str) -> tuple[str, str]:
    """("service", topic) or ("product", "") for a complaint's own words.

    Service words must outnumber product words: "de verkoper was onbeleefd" is about service,
    "de bezorgde fiets is kapot" is about the product. On a tie the product wins, as before.
    """
    own = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(">"))
    counts = {topic: _hits(pattern, own) for topic, pattern in _TOPICS.items()}
    if sum(counts.values()) <= _hits(_PRODUCT, own):
        return "product", ""
    # Dict order breaks ties: staff before delivery before waiting, the generic word last.
    return "service", max(counts, key=lambda topic: counts[topic])
