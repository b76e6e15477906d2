"""Held-out evaluation answers of the kinds in `test_evaluation_marks`: negated marks, two marks,
far-from phrases. Written before the reader was changed for issue 20 and not run while it was
tuned; only the finished reader was scored on them: 17 of 20 read right, none of the unhappy or
unclear ones read as satisfied (the reader before the change: 7 of 20, 10 wrongly closed). The
three misses: "No way I'm giving 5 stars" keeps the score 5 (unclear, but "no way I'm giving" is
not seen as a negation), "Not 5/5. The delivery was late ..." is unclear rather than unhappy, and
"geen 5 geven, wel een 4" is unclear ("een 4" may be a school grade).
"""

from __future__ import annotations

from inbox_agent.reading.evaluation import Satisfaction

OK = Satisfaction.SATISFIED
NO = Satisfaction.UNHAPPY
UNCLEAR = Satisfaction.UNCLEAR

# (answer as written, expected verdict, expected score on 1-5)
HOLDOUT: list[tuple[str, Satisfaction, int | None]] = [
    ("No way I'm giving 5 stars", UNCLEAR, None),
    ("Not 5/5. The delivery was late and nobody called.", NO, None),
    ("Geen vijf sterren dit keer", UNCLEAR, None),
    ("Een 4? Nee, eerder een 2.", NO, 2),
    ("Far from great, to be honest", NO, None),
    ("Verre van goed geregeld", NO, None),
    ("Nowhere near as good as promised", NO, None),
    ("2 of 3 sterren", UNCLEAR, None),
    ("Between 3 and 4 out of 5", UNCLEAR, None),
    ("Service 5/5, product 1/5", UNCLEAR, None),
    ("De reparatie een 9, de communicatie een 5", UNCLEAR, None),
    ("I would never give this 5 stars", UNCLEAR, None),
    ("Dit verdient geen 4", UNCLEAR, None),
    ("Not even a 2 from me", NO, None),
    ("Allesbehalve een goede service", NO, None),
    ("5 stars for the staff, 1 for the bike itself", UNCLEAR, None),
    ("A 4... or maybe a 3", UNCLEAR, None),
    ("Zeker geen 10 van de 10", UNCLEAR, None),
    ("Ik zou jullie geen 5 geven, wel een 4", OK, 4),
    ("Helemaal geen 5 sterren waard", UNCLEAR, None),
]
