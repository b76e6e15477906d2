"""Held-out German and French evaluation answers: written after the reader learnt German and
French, run once on it and not tuned on: 24 of 24 read as labelled, none of the unhappy or
unclear ones read as satisfied. From now on `test_evaluation_de_fr.py` holds only the rule
that matters most on them: no unhappy or unclear answer is read as satisfied.
"""

from __future__ import annotations

from inbox_agent.reading.evaluation import Satisfaction

HAPPY = Satisfaction.SATISFIED
UNHAPPY = Satisfaction.UNHAPPY
UNCLEAR = Satisfaction.UNCLEAR

HOLDOUT: list[tuple[str, Satisfaction]] = [
    ("Danke, alles wunderbar gelöst!", HAPPY),
    ("Ich bin total zufrieden, gerne wieder.", HAPPY),
    ("Schulnote 2, der Service war gut.", HAPPY),
    ("Echt klasse, danke schön!", HAPPY),
    ("Zufrieden, das Rad läuft wieder.", HAPPY),
    ("Leider überhaupt nicht gut gelaufen.", UNHAPPY),
    ("Die Bremse ist schon wieder kaputt. Sehr ärgerlich.", UNHAPPY),
    ("Zwei von fünf Sternen.", UNHAPPY),
    ("Nicht wirklich zufrieden.", UNHAPPY),
    ("Mittelmäßig.", UNCLEAR),
    ("Schnell erledigt, aber das Geräusch ist immer noch da.", UNCLEAR),
    ("Eine 3 würde ich sagen.", UNCLEAR),
    ("Merci, tout est parfait maintenant !", HAPPY),
    ("Très content du service, je reviendrai.", HAPPY),
    ("Satisfait, le vélo fonctionne de nouveau.", HAPPY),
    ("Super, merci pour votre réactivité.", HAPPY),
    ("9/10, très bon service.", HAPPY),
    ("Pas satisfait du tout, le problème est revenu.", UNHAPPY),
    ("Vraiment déçu par votre service après-vente.", UNHAPPY),
    ("Deux étoiles sur cinq.", UNHAPPY),
    ("Je ne suis pas vraiment satisfait.", UNHAPPY),
    ("Correct, sans plus.", UNCLEAR),
    ("Rapide, mais le bruit est toujours là.", UNCLEAR),
    ("Je dirais 3 sur 5.", UNCLEAR),
]
