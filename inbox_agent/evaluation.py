"""Reading a customer's answer to the evaluation mail: a 1-5 score and whether they are satisfied."""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD_SCORES = {
    "one": 1,
    "twee": 2,
    "two": 2,
    "drie": 3,
    "three": 3,
    "vier": 4,
    "four": 4,
    "vijf": 5,
    "five": 5,
}
# Checked in order: the negative phrases contain the positive words.
_UNHAPPY = re.compile(
    r"\b(niet|totaal niet|helemaal niet|absoluut niet)\s+(erg\s+|zo\s+|echt\s+)?tevreden\b|"
    r"\bontevreden\b|\bnot\s+(very\s+|at\s+all\s+|really\s+)?(satisfied|happy)\b|\bunsatisfied\b|"
    r"\bdissatisfied\b|\bunhappy\b|\bslecht\b|\bteleurgesteld\b|\bdisappointed\b|\bpoor\b",
    re.IGNORECASE,
)
_HAPPY = re.compile(
    r"\b(tevreden|satisfied|happy|prima|goed|uitstekend|excellent|great|"
    r"good|perfect|top)\b",
    re.IGNORECASE,
)
# A lone digit 1-5, maybe "out of 5"; not part of a number, a price or a date ("4,5", "14").
_SCORE = re.compile(
    r"(?<!\d)(?<!\d[.,/-])([1-5])(?:\s*(?:/|van de|out of|uit)\s*5)?(?!\d|[.,/-]\d)"
)


@dataclass(frozen=True)
class Answer:
    score: int | None
    satisfied: bool | None  # None: the text does not say
    comment: str


def read_answer(text: str) -> Answer:
    """Understand "4", "4/5", "vier", "tevreden", "niet tevreden", "very satisfied"; quotes ignored."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith(">")]
    own = "\n".join(lines).strip()
    score = None
    match = _SCORE.search(own)
    if match:
        score = int(match.group(1))
    else:
        for word in re.findall(r"\w+", own.lower()):
            if word in _WORD_SCORES:
                score = _WORD_SCORES[word]
                break
    if _UNHAPPY.search(own):
        satisfied: bool | None = False
    elif score is not None:
        satisfied = score >= 3
    elif _HAPPY.search(own):
        satisfied = True
    else:
        satisfied = None
    if score is not None and score <= 2:
        satisfied = False
    return Answer(score, satisfied, own[:2000])
