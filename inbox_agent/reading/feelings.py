"""What a customer feels, as their own new words show it: angry, disappointed, in a hurry; pure.

The acknowledgement's first line answers it (SPEC §2 step 3, "be heard"): a customer who
writes "I am really angry about this!" is not thanked for their message as if nothing were
wrong. Only the customer's new words count: quoted history is cut first, and a negated word
("not angry", "geen haast") says the opposite of a feeling. When nothing is clear, nothing is
read: a plain letter is better than a wrong guess at someone's mood.
"""

from __future__ import annotations

import re

from inbox_agent.reading.folding import Folded, lowered
from inbox_agent.reading.quotes import strip_reply

ANGRY = "angry"
DISAPPOINTED = "disappointed"
URGENT = "urgent"
# The order a letter answers them in: anger first, a hurry is added to either.
FEELINGS = (ANGRY, DISAPPOINTED, URGENT)

# Each feeling's words and phrases, Dutch and English, as regular expressions over lower case.
_WORDS = {
    ANGRY: (
        r"boos|boze|kwaad|woedend\w*|razend|pissig|nijdig|laaiend|witheet|geïrriteerd|"
        r"geirriteerd|geërgerd|geergerd|ergerlijk|ergernis|irritant|frustrerend|gefrustreerd|"
        r"schandalig|schande|belachelijk\w*|onacceptabel|onaanvaardbaar|bespottelijk|"
        r"te gek voor woorden|ben (?:het|dit) (?:\w+ )?zat|spuugzat|strontziek|kotsbeu|genoeg van|woest|"
        r"ongelooflijk|ongelofelijk|niet te geloven|des duivels|unbelievable|not amused|"
        r"angry|furious|livid|outraged|outrageous|fuming|pissed off|annoyed|irritated|"
        r"infuriat\w*|frustrat\w*|fed up|sick and tired|sick of|unacceptable|ridiculous|"
        r"disgrace\w*|scandal\w*|appalling|absurd|shameful|how dare|disgusted|disgusting"
    ),
    DISAPPOINTED: (
        r"teleurgesteld\w*|teleurstell\w*|jammer|balen|baal|zonde|spijtig|verdrietig|"
        r"ontevreden|niet (?:blij|tevreden|gelukkig)|valt (?:me|mij|ons) (?:erg |zwaar )?tegen|"
        r"viel (?:me|mij|ons) (?:erg |zwaar )?tegen|had (?:meer|beter) verwacht|"
        r"(?:meer|beter) verwacht|alweer (?:kapot|stuk|defect|mis|niet|hetzelfde)|"
        r"(?:voor )?de (?:tweede|derde|vierde|zoveelste) keer|"
        r"disappoint\w*|let down|letdown|dissatisfied|unhappy|not (?:happy|satisfied|pleased)|"
        r"expected (?:much |far |a lot )?(?:better|more)|a shame|a pity|sad(?:ly)?|"
        r"(?:for )?(?:the )?(?:second|third|fourth|umpteenth) time|once again|yet again"
    ),
    URGENT: (
        r"dringend\w*|spoed\w*|haast|zo snel mogelijk|zo spoedig mogelijk|z\.?s\.?m\.?|"
        r"per direct|vandaag nog|kan niet (?:langer )?wachten|kan niet zonder|"
        r"(?:vandaag|morgen|snel|dringend|direct) (?:weer )?nodig|"
        r"urgent\w*|asap|a\.s\.a\.p\.?|as soon as possible|emergency|hurry|"
        r"can(?:no|')t wait|cannot wait|can(?:no|')t do without|cannot do without|"
        r"(?:need|nodig)\w* (?:it|this|them|him|her|het|hem|haar|deze|die)? ?"
        r"(?:back |terug )?(?:by |before |op )?(?:urgently|quickly|today|tomorrow|vandaag|morgen)|"
        r"(?:please|graag|wil|want|moet|must)\b[^.!?\n]{0,30}\b"
        r"(?:immediately|right away|straight away|at once|onmiddellijk|meteen|direct)"
    ),
}
# Phrases that look like a feeling and are none: "geen haast", "haast onmogelijk" (almost).
_NOT_A_FEELING = Folded(
    r"(?<![\w-])(?:geen haast|haast (?:onmogelijk|niet|nooit|geen|altijd|alles|elke|iedere|"
    r"zeker|net)|no (?:rush|hurry)|not in a hurry|in no hurry)(?![\w-])"
)
_PATTERNS = {
    feeling: Folded(rf"(?<![\w-])(?:{words})(?![\w-])") for feeling, words in _WORDS.items()
}
# A word that turns the feeling after it around ("not angry", "geen haast"), within the clause.
_NEGATORS = frozenset(
    {"not", "no", "never", "don't", "isn't", "wasn't", "aren't", "niet", "geen", "nooit", "nee"}
)
# Words that make a negation stronger instead: "never been so angry", "nog nooit zo boos".
_STRONGER = frozenset({"so", "more", "this", "such", "zo", "zó", "meer", "zulke", "zo'n"})
_NEGATION_REACH = 3
_WORD = re.compile(r"[\w'’-]+|[.!?;:,]")
_CLAUSE_END = frozenset(".!?;:,")
# Only the last few words before a feeling are read: this many characters hold them, mostly.
_REACH_CHARS = 200


def _negated(text: str, start: int) -> bool:
    """Whether a word starting at `start` is turned around by a negator just before it."""
    # The words of a piece before `start` are the text's own, but for the first (it may be cut):
    # with more words than are read, the piece says what the whole text before it would.
    cut = max(0, start - _REACH_CHARS)
    before = _WORD.findall(text[cut:start].lower().replace("’", "'"))
    if cut and len(before) <= _NEGATION_REACH:
        before = _WORD.findall(text[:start].lower().replace("’", "'"))
    window: list[str] = []
    for token in reversed(before):
        if token in _CLAUSE_END or len(window) == _NEGATION_REACH:
            break
        window.append(token)
    for reach, token in enumerate(window):
        if token in _NEGATORS or token.endswith("n't"):
            between = window[:reach]
            return not any(word in _STRONGER for word in between)
    return False


def _own_words(text: str) -> str:
    """The customer's new words: quoted history and '>' lines are someone else's."""
    own = strip_reply(text) or ""
    return "\n".join(line for line in own.splitlines() if not line.lstrip().startswith(">"))


def read_feelings(text: str, subject: str = "") -> tuple[str, ...]:
    """The feelings the customer's own words show, in the order of `FEELINGS`; () for none."""
    own = f"{subject}\n{_own_words(text)}"
    low = lowered(own)
    found = []
    # A negator inside the phrase itself ("niet tevreden") belongs to it, not against it.
    cancelled = [(m.start(), m.end()) for m in _NOT_A_FEELING.finditer(own, low)]
    for feeling in FEELINGS:
        pattern = _PATTERNS[feeling]
        if any(
            not _negated(own, match.start())
            and not any(start <= match.start() < end for start, end in cancelled)
            for match in pattern.finditer(own, low)
        ):
            found.append(feeling)
    return tuple(found)
