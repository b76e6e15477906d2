"""Reading a customer's answer to the evaluation mail as a person would; pure.

The answer is satisfied, unhappy or unclear, with a score on the 1-5 scale when one is given
and the reason. Only a confident reading says satisfied or unhappy: contradictions, a neutral
3 without words and anything not recognised stay unclear, and an unclear answer goes to the
shop's handler, never to a verdict (SPEC §4: the customer is never closed while unhappy).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, replace

from inbox_agent.reading.evaluation_clicks import one_click_links, one_click_score
from inbox_agent.reading.evaluation_marks import sort_marks, tokenize
from inbox_agent.reading.evaluation_scores import Score, find_scores, rounded
from inbox_agent.reading.evaluation_words import (
    ANSWER_NO,
    ANSWER_YES,
    BOOSTERS,
    CLAUSE_END,
    CONTRAST,
    EMOJI,
    FAR_FROM,
    GREETINGS,
    HEDGES,
    INTENSIFIERS,
    NEGATORS,
    NUMBER_WORDS,
    PHRASES,
    POST_NEGATORS,
    SIGN_OFFS,
    SMILEYS,
    Sense,
    lookup,
)
from inbox_agent.reading.quotes import strip_reply

# The one-click helpers live in `evaluation_clicks`; callers keep importing them from here.
__all__ = [
    "Answer",
    "Satisfaction",
    "one_click_links",
    "one_click_score",
    "own_text",
    "read_answer",
]

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
    elliptic: bool = False  # a clause ending in "niet": "de oplossing niet"


# -- words -----------------------------------------------------------------------------------


def _word_signals(text: str) -> list[_Signal]:
    """The verdict words in order, with "niet"/"not" turning what follows around."""
    for smiley, emoji in SMILEYS.items():
        text = text.replace(smiley, f" {emoji} ")
    return _Scan(tokenize(text)).run()


class _Scan:
    """One pass over the words, keeping in mind what a reader keeps in mind.

    That is: a pending "niet"/"not", a hedge ("redelijk"), where the clause began and whether
    this word opens the answer. Each rule looks at the word at `index` and returns the next
    index, or None to let the next rule speak; the order is data.
    """

    def __init__(self, tokens: list[tuple[int, str]]) -> None:
        self.tokens = tokens
        self.signals: list[_Signal] = []
        self.negated_at: int | None = None
        self.negation_length = 1  # "far from" is two words, "bij lange na" three
        self.hedged = False
        self.clause_start = 0
        self.answer_start = True  # the answer's first word, or the first after "Tevreden?"

    def run(self) -> list[_Signal]:
        index = 0
        while index < len(self.tokens):
            rules = (self._far_from, self._clause_end, self._emoji, self._yes_or_no, self._meaning)
            for rule in rules:
                step = rule(index)
                if step is not None:
                    index = step
                    break
        self._close_negation(len(self.tokens))
        return self.signals

    def _word(self, index: int) -> str:
        return self.tokens[index][1].lower()

    def _close_negation(self, end: int) -> None:
        if self.negated_at is not None:
            at, length = self.negated_at, self.negation_length
            self.signals += _bare_negation(self.tokens, at, end, length)
        self.negated_at, self.negation_length = None, 1

    def _far_from(self, index: int) -> int | None:
        """ "Far from satisfied", "verre van tevreden", "anything but": a negation with force."""
        for phrase in FAR_FROM:
            key = tuple(t.lower() for _, t in self.tokens[index : index + len(phrase)])
            if key == phrase:
                self._close_negation(index)
                self.negated_at, self.negation_length = index, len(phrase)
                self.answer_start = False
                return index + len(phrase)
        return None

    def _clause_end(self, index: int) -> int | None:
        token, word = self.tokens[index][1], self._word(index)
        if token not in CLAUSE_END and (
            word not in CONTRAST or _sense_at(self.tokens, index)[1] > 1
        ):
            return None
        self._close_negation(index)
        if token == "?":
            # The customer repeats our question ("Tevreden? Niet echt."): not an answer.
            start = self.tokens[self.clause_start][0]
            self.signals = [s for s in self.signals if s.at < start]
        self.hedged = False
        self.answer_start = token in "?\n" or (self.answer_start and token in ",:!")
        self.clause_start = index + 1
        return index + 1

    def _emoji(self, index: int) -> int | None:
        at, token = self.tokens[index]
        if token not in EMOJI:
            return None
        polarity, strong = EMOJI[token]
        self.signals.append(_Signal(at, polarity, strong, token))
        return index + 1

    def _yes_or_no(self, index: int) -> int | None:
        """A bare "nee" opening the answer is a no; "ja" alone is too little for a yes."""
        at, token = self.tokens[index]
        word, opening = self._word(index), self.answer_start
        self.answer_start = False
        if not opening and word in ANSWER_NO and self._own_clause(index):
            # "4, nee": a no standing alone after a mark takes something back; a person reads it.
            self.signals.append(_Signal(at, -1, False, token))
            return index + 1
        if (
            not opening
            or word not in ANSWER_NO | ANSWER_YES
            or _sense_at(self.tokens, index)[1] > 1
            or self._not_an_answer(index)
        ):
            return None
        yes = word in ANSWER_YES
        self.signals.append(_Signal(at, 1 if yes else -1, not yes, token))
        return index + 1

    def _own_clause(self, index: int) -> bool:
        """The word is a clause of its own: ", nee." or ", no" at the end."""
        after = index + 1 >= len(self.tokens) or self.tokens[index + 1][1] in CLAUSE_END
        return index == self.clause_start and index > 0 and after

    def _not_an_answer(self, index: int) -> bool:
        """ "Definitely not 5 stars": the "yes" word only says how firmly; "no 5 stars from me":
        the "no" negates the mark (see `evaluation_marks`), it does not answer."""
        following = self._word(index + 1) if index + 1 < len(self.tokens) else ""
        if self._word(index) in ANSWER_YES:
            return following in NEGATORS or following.endswith("n't")
        return following.isdigit() or following in NUMBER_WORDS

    def _intensifies(self, index: int) -> bool:
        """ "super tevreden", "niet super blij": here "super" only says how much."""
        following = index + 1 < len(self.tokens) and _sense_at(self.tokens, index + 1)[0]
        return self._word(index) in INTENSIFIERS and bool(following)

    def _meaning(self, index: int) -> int:
        at, word = self.tokens[index][0], self._word(index)
        sense, length = _sense_at(self.tokens, index)
        if word == "tegen" and _falls_short(self.tokens, self.clause_start, index):
            sense = PHRASES[("valt", "tegen")]
        if sense is not None and length == 1 and self._intensifies(index):
            sense = None
        if sense is None:
            if word in NEGATORS or word.endswith("n't"):
                self.negated_at = index
            self.hedged = self.hedged or word in HEDGES
            return index + 1
        first, negated = index, True
        polarity, strong = sense.plain
        if self.negated_at is not None and index - self.negated_at <= _NEGATION_REACH:
            polarity, strong = sense.negated
            first, self.negated_at = self.negated_at, None
        elif _negated_after(self.tokens, index + length):
            # Dutch puts "niet" after the verb: "het beviel niet", "tevreden ben ik niet".
            polarity, strong = sense.negated
            length += 1
        else:
            negated = False
        if self.hedged and polarity > 0:
            strong, self.hedged = False, False
        elif not negated and index > 0 and self._word(index - 1) in BOOSTERS:
            strong = True  # "super behulpzaam", "erg traag": a remark said with force
        words = " ".join(t for _, t in self.tokens[first : index + length])
        self.signals.append(_Signal(at, polarity, strong, words, negated))
        self.hedged = self.hedged or word in HEDGES
        return index + length


def _falls_short(tokens: list[tuple[int, str]], clause_start: int, index: int) -> bool:
    """ "Het viel me eerlijk gezegd tegen": the Dutch verb "tegenvallen" split over a clause."""
    end = index + 1 >= len(tokens) or tokens[index + 1][1] in CLAUSE_END
    verb = {t.lower() for _, t in tokens[clause_start:index]} & {"valt", "viel", "vielen", "vallen"}
    return end and bool(verb)


def _negated_after(tokens: list[tuple[int, str]], index: int) -> bool:
    """ "niet"/"nicht" right after a word, ending its clause: "het werkte niet", "beviel niet echt"."""
    if index >= len(tokens) or tokens[index][1].lower() not in POST_NEGATORS:
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


def _bare_negation(
    tokens: list[tuple[int, str]], at: int, end: int, length: int = 1
) -> list[_Signal]:
    """ "Niet echt", "not really", "helemaal niet", "far from it": a negation with nothing after
    it is a no."""
    after = [t.lower() for _, t in tokens[at + length : end] if length == 1 or t not in _IT]
    before = tokens[at - 1][1].lower() if at > 0 else ""
    first = at == 0 or tokens[at - 1][1] in CLAUSE_END
    if (after and all(w in INTENSIFIERS for w in after)) or (
        not after and (first or before in INTENSIFIERS)
    ):
        words = " ".join(t for _, t in tokens[at - (before in INTENSIFIERS) : end])
        return [_Signal(tokens[at][0], -1, True, words.strip())]
    if not after and length == 1:
        # "de reparatie hield niet", "de afhandeling was goed, de oplossing niet": something
        # did not do what it should. Said after a mark it makes the answer one for a person.
        words = " ".join(t for _, t in tokens[max(at - 2, 0) : end])
        return [_Signal(tokens[at][0], -1, False, words.strip(), elliptic=True)]
    return []


# "Far from it", "verre van dat": the pronoun stands for the question's "satisfied".
_IT = frozenset({"it", "that", "dat", "dit"})


# -- the verdict -----------------------------------------------------------------------------

# Each language's sign-offs and greetings (`vocabulary`, EVALUATION "sign_offs", "greetings").
_CLOSING = re.compile(
    rf"^\s*(?:{'|'.join(f'(?:{t}).*$' for t in SIGN_OFFS)})",
    re.IGNORECASE | re.MULTILINE,
)
_GREETING = re.compile(
    rf"\A\s*(?:{'|'.join(f'(?:{t})' for t in GREETINGS)})\b[^\n]{{0,40}}\n",
    re.IGNORECASE,
)


def own_text(text: str) -> str:
    """Only what the customer wrote now: quoted history, greeting, closing and signature go."""
    own = strip_reply(text)
    # An inline answer keeps the quoted lines it answers, as context: ours, not the customer's.
    own = "\n".join(line for line in own.splitlines() if not line.lstrip().startswith(">"))
    closing = _CLOSING.search(own)
    own = own[: closing.start()] if closing else own
    return _GREETING.sub("", own.strip() + "\n", count=1).strip()


def read_answer(text: str, subject: str = "", code: str | None = None) -> Answer:
    """Read an evaluation answer: the customer's new text, and the subject of a one-click answer
    (which must carry `code` when one is given)."""
    own = own_text(text)
    # Emoji variation selectors and joiners would split "⭐️⭐️⭐️" into single stars.
    lowered = own.lower().replace("\ufe0f", "").replace("\u200d", "")
    signals = _word_signals(lowered)
    # A mark negated, asked back or wished for is not given; what it says is kept as a signal.
    given, withheld = sort_marks(lowered, find_scores(lowered))
    # "5 sterren verdienen jullie niet": that "niet" is the withheld mark's, said once.
    spans = [(w.score.at, w.score.at + len(w.words)) for w in withheld]
    signals = [s for s in signals if not (s.elliptic and any(a <= s.at <= b for a, b in spans))]
    signals += [_Signal(w.score.at + 1, w.polarity, w.strong, w.words, True) for w in withheld]
    scores = [replace(s, at=s.at + 1) for s in given]
    clicked = one_click_score(subject, code)
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
            # "Note 1": 1 of our 5, or a German school grade (1 is best)? Said so to the owner.
            why = "school grade unclear" if grade.school else "scale unclear"
            return None, why, (grade.words, f"{grade.value:g}")
        return None, why, evidence
    wanted = 1 if verdict is Satisfaction.SATISFIED else -1
    value = grade.value if grade.polarity == wanted else grade.out_of_ten
    return rounded(value), why, evidence


def _decide(
    signals: list[_Signal], scores: list[Score]
) -> tuple[Satisfaction, str, tuple[str, ...]]:
    """The verdict from the signals, as a careful reader weighs them.

    Strong signals (verdict words, scores) must agree; an unhappy one outweighs remarks, a
    satisfied one only when no complaint follows it ("duurde lang, maar tevreden" closes,
    "tevreden, alleen jammer dat ..." waits). Remarks alone decide only when two agree.
    """
    strong = [s for s in signals if s.strong and s.polarity]
    weak = [s for s in signals if not s.strong and s.polarity]
    # Two different marks ("4 or 2", "5 for the service, 2 for the product"): a person picks one.
    if len({rounded(s.value) for s in scores}) > 1:
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
