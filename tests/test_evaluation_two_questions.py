"""Answers to the evaluation's two questions (the handling, and the solution).

Asking about both invites answers that praise one and take back the other ("4, nee", "de
afhandeling was goed, de oplossing niet"). A mark with such a remark is a question for the
owner, never a closed complaint; a mark with praise for both still closes.
"""

from __future__ import annotations

import pytest

from inbox_agent.reading.evaluation import Satisfaction, read_answer

KEPT_OPEN = [
    "4, nee",
    "4, no",
    "4, de reparatie hield niet",
    "4 - de afhandeling was goed, de oplossing niet",
    "5 for the handling, the solution not",
    "Vriendelijk geholpen, 4. Het probleem zelf nog steeds niet.",
    "4, de oplossing werkt niet",
    "4 - vriendelijk geholpen, maar de fiets rammelt nog",
]

CLOSES = [
    "4",
    "Ik mag niet klagen, 4",
    "Kon niet beter: 5",
    "4, de afhandeling prima, de oplossing ook",
    "5 - both the handling and the fix were great",
    "5, nee hoor, alles goed",
    "Beide goed, 5",
]


@pytest.mark.parametrize("text", KEPT_OPEN)
def test_a_mark_with_a_remark_against_it_goes_to_a_person(text: str) -> None:
    answer = read_answer(text)
    assert answer.verdict is not Satisfaction.SATISFIED, answer.reason


@pytest.mark.parametrize("text", CLOSES)
def test_a_mark_with_praise_for_both_still_closes(text: str) -> None:
    assert read_answer(text).verdict is Satisfaction.SATISFIED
