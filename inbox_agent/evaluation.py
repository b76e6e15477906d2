"""Reading a customer's answer to the evaluation mail as a person would; pure.

The answer is satisfied, unhappy or unclear, with a score on the 1-5 scale when one is given
and the reason. Only a confident reading says satisfied or unhappy: contradictions, a neutral
3 without words and anything not recognised stay unclear, and an unclear answer goes to the
shop's handler, never to a verdict (SPEC §4: the customer is never closed while unhappy).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from urllib.parse import quote

from inbox_agent.evaluation_scores import Score, find_scores, rounded
from inbox_agent.evaluation_words import (
    ANSWER_NO,
    ANSWER_YES,
    CLAUSE_END,
    CONTRAST,
    EMOJI,
    HEDGES,
    INTENSIFIERS,
    NEGATORS,
    PHRASES,
    SMILEYS,
    Sense,
    lookup,
)
from inbox_agent.quotes import strip_reply

# How far (in words) a "niet"/"not" reaches forward: "niet zo heel erg tevreden".
_NEGATION_REACH = 4
_COMMENT_CHARS = 2000


class Satisfaction(enum.StrEnum):
    SATISFIED = "satisfied"
    UNHAPPY = "unhappy"
    UNCLEAR = "unclear"


@dataclass(frozen=True)
class Answer:
    """What the customer said: a verdict, a 1-5 score when one was given, and why."""

    verdict: Satisfaction
    score: int | None
    why: str  # a code the owner's mail explains in the shop's language
    evidence: tuple[str, ...]  # the customer's own words the verdict rests on
    comment: str

    @property
    def satisfied(self) -> bool | None:
        """The SPEC's `evaluation.satisfied`: None while a person still has to read it."""
        return {Satisfaction.SATISFIED: True, Satisfaction.UNHAPPY: False}.get(self.verdict)

    @property
    def reason(self) -> str:
        words = ", ".join(repr(w) for w in self.evidence)
        return f"{self.why}: {words}" if words else self.why


@dataclass(frozen=True)
class _Signal:
    at: int  # character position in the text, to know what came after what
    polarity: int  # +1 satisfied, -1 unhappy, 0 neither (a neutral score)
    strong: bool
    words: str
    negated: bool = False  # "niet goed", "not bad"


# -- words -----------------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+|[.!?;:,\n]|[^\w\s]", re.UNICODE)


def _words(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0).replace("’", "'")) for m in _TOKEN.finditer(text)]


def _word_signals(text: str) -> list[_Signal]:
    """The verdict words in order, with "niet"/"not" turning what follows around."""
    for smiley, emoji in SMILEYS.items():
        text = text.replace(smiley, f" {emoji} ")
    tokens = _words(text)
    signals: list[_Signal] = []
    negated_at: int | None = None  # index of a pending "niet"/"not"
    hedged = False  # "redelijk tevreden": praise, but lukewarm
    clause_start = 0
    answer_start = True  # the answer's first word, or the first after "Tevreden?"
    index = 0
    while index < len(tokens):
        at, token = tokens[index]
        word = token.lower()
        sense, length = _sense_at(tokens, index)
        if token in CLAUSE_END or (word in CONTRAST and length == 1):
            if negated_at is not None:
                signals += _bare_negation(tokens, negated_at, index)
            if token == "?":
                # The customer repeats our question ("Tevreden? Niet echt."): not an answer.
                signals = [s for s in signals if s.at < tokens[clause_start][0]]
            negated_at, hedged = None, False
            answer_start = token in "?\n" or (answer_start and token in ",:!")
            clause_start = index + 1
            index += 1
            continue
        if token in EMOJI:
            polarity, strong = EMOJI[token]
            signals.append(_Signal(at, polarity, strong, token))
            index += 1
            continue
        if word == "tegen" and _falls_short(tokens, clause_start, index):
            sense = PHRASES[("valt", "tegen")]
        if answer_start and (word in ANSWER_NO or word in ANSWER_YES) and length == 1:
            yes = word in ANSWER_YES
            signals.append(_Signal(at, 1 if yes else -1, not yes, token))
            answer_start = False
            index += 1
            continue
        answer_start = False
        if sense is not None and length == 1 and word in INTENSIFIERS:
            # "super tevreden", "niet super blij": here "super" only says how much.
            following, _ = _sense_at(tokens, index + 1) if index + 1 < len(tokens) else (None, 0)
            if following is not None:
                sense = None
        if sense is None:
            if word in NEGATORS or word.endswith("n't"):
                negated_at = index
            hedged = hedged or word in HEDGES
            index += 1
            continue
        first, negated = index, True
        polarity, strong = sense.plain
        if negated_at is not None and index - negated_at <= _NEGATION_REACH:
            polarity, strong = sense.negated
            first, negated_at = negated_at, None
        elif _negated_after(tokens, index + length):
            # Dutch puts "niet" after the verb: "het beviel niet", "tevreden ben ik niet".
            polarity, strong = sense.negated
            length += 1
        else:
            negated = False
        if hedged and polarity > 0:
            strong, hedged = False, False
        words = " ".join(t for _, t in tokens[first : index + length])
        signals.append(_Signal(at, polarity, strong, words, negated))
        hedged = hedged or word in HEDGES
        index += length
    if negated_at is not None:
        signals += _bare_negation(tokens, negated_at, len(tokens))
    return signals


def _falls_short(tokens: list[tuple[int, str]], clause_start: int, index: int) -> bool:
    """ "Het viel me eerlijk gezegd tegen": the Dutch verb "tegenvallen" split over a clause."""
    end = index + 1 >= len(tokens) or tokens[index + 1][1] in CLAUSE_END
    verb = {t.lower() for _, t in tokens[clause_start:index]} & {"valt", "viel", "vielen", "vallen"}
    return end and bool(verb)


def _negated_after(tokens: list[tuple[int, str]], index: int) -> bool:
    """ "niet" right after a word, ending its clause: "het werkte niet", "beviel niet echt"."""
    if index >= len(tokens) or tokens[index][1].lower() != "niet":
        return False
    rest = tokens[index + 1 :]
    return not rest or rest[0][1] in CLAUSE_END or rest[0][1].lower() in INTENSIFIERS


def _sense_at(tokens: list[tuple[int, str]], index: int) -> tuple[Sense | None, int]:
    """The meaning of the words starting at `index`: phrases of three or two words first."""
    for length in (3, 2):
        key = tuple(t.lower() for _, t in tokens[index : index + length])
        if len(key) == length and key in PHRASES:
            return PHRASES[key], length
    sense = lookup(tokens[index][1].lower())
    return sense, 1


def _bare_negation(tokens: list[tuple[int, str]], at: int, end: int) -> list[_Signal]:
    """ "Niet echt", "not really", "helemaal niet": a negation with nothing after it is a no."""
    after = [t.lower() for _, t in tokens[at + 1 : end]]
    before = tokens[at - 1][1].lower() if at > 0 else ""
    first = at == 0 or tokens[at - 1][1] in CLAUSE_END
    if (after and all(w in INTENSIFIERS for w in after)) or (
        not after and (first or before in INTENSIFIERS)
    ):
        words = " ".join(t for _, t in tokens[at - (before in INTENSIFIERS) : end])
        return [_Signal(tokens[at][0], -1, True, words.strip())]
    return []


# -- the verdict -----------------------------------------------------------------------------

_ONE_CLICK = re.compile(r"\[?[A-Za-z]{1,10}-\d{4}-\d{4,}\]?\s+(?:score|cijfer)\s*:?\s*(\d)\s*$")
_CLOSING = re.compile(
    r"^\s*(met )?(vriendelijke |hartelijke |beste |warme )?groet(en|jes)?\b.*$|^\s*mvg\b.*$|"
    r"^\s*(kind|best|warm|many thanks and)? ?regards\b.*$|^\s*(best wishes|yours sincerely|"
    r"sincerely|cheers)\b.*$",
    re.IGNORECASE | re.MULTILINE,
)


_GREETING = re.compile(
    r"\A\s*(beste|hallo|hoi|hi|hey|hello|dear|geachte|goedemorgen|goedemiddag|goedenavond|"
    r"good morning|good afternoon|ha)\b[^\n]{0,40}\n",
    re.IGNORECASE,
)


def own_text(text: str) -> str:
    """Only what the customer wrote now: quoted history, greeting, closing and signature go."""
    own = strip_reply(text)
    closing = _CLOSING.search(own)
    own = own[: closing.start()] if closing else own
    return _GREETING.sub("", own.strip() + "\n", count=1).strip()


def one_click_score(subject: str) -> int | None:
    """The score in a one-click answer's subject ("[K-2026-0001] score 4"), else None."""
    match = _ONE_CLICK.search(subject.strip())
    if match and 1 <= int(match.group(1)) <= 5:
        return int(match.group(1))
    return None


def read_answer(text: str, subject: str = "") -> Answer:
    """Read an evaluation answer: the customer's new text, and the subject of a one-click answer."""
    own = own_text(text)
    # Emoji variation selectors and joiners would split "⭐️⭐️⭐️" into single stars.
    lowered = own.lower().replace("\ufe0f", "").replace("\u200d", "")
    signals = _word_signals(lowered)
    scores = [Score(s.at + 1, s.value, s.words, s.out_of_ten) for s in find_scores(lowered)]
    clicked = one_click_score(subject)
    if clicked is not None:
        scores.insert(0, Score(0, float(clicked), subject.strip()))
    clear = [s for s in scores if not s.ambiguous]
    signals += [_Signal(s.at, s.polarity, True, s.words) for s in clear]
    signals.sort(key=lambda s: s.at)
    verdict, why, evidence = _decide(signals, clear)
    score = rounded(clear[-1].value) if clear and why != "scores disagree" else None
    unsure = [s for s in scores if s.ambiguous]
    if unsure and not clear:
        score, why, evidence = _pick(unsure[-1], verdict, why, evidence)
    return Answer(verdict, score, why, evidence, own[:_COMMENT_CHARS])


def _pick(
    grade: Score, verdict: Satisfaction, why: str, evidence: tuple[str, ...]
) -> tuple[int | None, str, tuple[str, ...]]:
    """ "Een 4": 4 of the 5 we asked for, or a poor school grade? The customer's words decide."""
    assert grade.out_of_ten is not None
    if verdict is Satisfaction.UNCLEAR:
        if why == "nothing recognised":
            return None, "scale unclear", (grade.words,)
        return None, why, evidence
    wanted = 1 if verdict is Satisfaction.SATISFIED else -1
    value = grade.value if grade.polarity == wanted else grade.out_of_ten
    return rounded(value), why, evidence


def _decide(
    signals: list[_Signal], scores: list[Score]
) -> tuple[Satisfaction, str, tuple[str, ...]]:
    strong = [s for s in signals if s.strong and s.polarity]
    weak = [s for s in signals if not s.strong and s.polarity]
    if len({s.polarity for s in scores}) > 1:
        return Satisfaction.UNCLEAR, "scores disagree", tuple(s.words for s in scores)
    if strong:
        polarities = {s.polarity for s in strong}
        if len(polarities) > 1:
            plus = next(s.words for s in strong if s.polarity > 0)
            minus = next(s.words for s in strong if s.polarity < 0)
            return Satisfaction.UNCLEAR, "contradiction", (plus, minus)
        if polarities == {-1}:
            neither = [s.words for s in weak if s.polarity > 0 and s.negated]
            if neither and all(s.negated for s in strong):  # "niet goed, niet slecht"
                return Satisfaction.UNCLEAR, "contradiction", (neither[0], strong[0].words)
            return Satisfaction.UNHAPPY, "unhappy", tuple(s.words for s in strong)
        last = max(s.at for s in strong)
        later = [s.words for s in weak if s.polarity < 0 and s.at > last]
        if later:
            return Satisfaction.UNCLEAR, "satisfied, then a complaint", (strong[-1].words, *later)
        return Satisfaction.SATISFIED, "satisfied", tuple(s.words for s in strong)
    neutral = [s.words for s in signals if s.strong and not s.polarity]
    good = [s.words for s in weak if s.polarity > 0]
    bad = [s.words for s in weak if s.polarity < 0]
    if good and bad:
        return Satisfaction.UNCLEAR, "contradiction", (good[0], bad[0])
    if neutral:
        return Satisfaction.UNCLEAR, "neutral score", (*neutral, *good, *bad)
    # Remarks alone decide only when there are two and they agree: "bedankt" is not a verdict.
    if len(good) >= 2:
        return Satisfaction.SATISFIED, "satisfied", tuple(good)
    if len(bad) >= 2:
        return Satisfaction.UNHAPPY, "unhappy", tuple(bad)
    if good or bad:
        return Satisfaction.UNCLEAR, "too little to go on", (*good, *bad)
    return Satisfaction.UNCLEAR, "nothing recognised", ()


# -- one-click answers -----------------------------------------------------------------------


def one_click_links(shop_email: str, reference: str) -> dict[int, str]:
    """`mailto:` links for the scores 1-5; every mail client opens a ready answer, no web server.

    The subject carries the reference (so the answer finds its dossier, from the customer's own
    address only, like any reply) and the score (so the body may stay empty); RFC 6068 encoding.
    """
    address = quote(shop_email, safe="@")
    return {
        score: f"mailto:{address}?subject={quote(f'[{reference}] score {score}', safe='')}"
        for score in range(5, 0, -1)
    }
