"""French: the words people read for the codes we store, and the frame words around them; data.

One module per language, each with the same names (`tests/test_vocabulary.py` holds them
alike); `inbox_agent.vocabulary.terms` looks the words up.
"""

from __future__ import annotations

from inbox_agent.models import Cause, Channel, MailKind, Resolution, Status

STATUS: dict[str, str] = {
    Status.NEW: "nouveau",
    Status.ACKNOWLEDGED: "réception confirmée",
    Status.IN_PROGRESS: "en cours de traitement",
    Status.RESOLVED: "résolu",
    Status.REJECTED: "refusé",
    Status.EVALUATING: "en attente d'évaluation",
    Status.CLOSED: "clôturé",
    Status.REOPENED: "rouvert",
}
# The solution as the register names it.
RESOLUTION: dict[str, str] = {
    Resolution.REPAIR: "réparation",
    Resolution.REPLACE: "remplacement",
    Resolution.ASSIST: "aide technique",
    Resolution.INFORM: "informations complémentaires",
    Resolution.COMPENSATE: "dédommagement financier",
    Resolution.GOODWILL: "geste commercial",
    Resolution.REFUND: "remboursement",
    Resolution.CHANGE: "modification du produit ou de nos méthodes",
    Resolution.REJECTED: "refusé",
}
# The solution as a letter to the customer says it ("nous vous proposons ...").
RESOLUTION_IN_LETTERS: dict[str, str] = {
    Resolution.REPAIR: "une réparation",
    Resolution.REPLACE: "un remplacement",
    Resolution.ASSIST: "une aide technique",
    Resolution.INFORM: "des explications complémentaires",
    Resolution.COMPENSATE: "un dédommagement financier",
    Resolution.GOODWILL: "un geste commercial",
    Resolution.REFUND: "un remboursement",
    Resolution.CHANGE: "une modification de notre produit ou de notre façon de travailler",
}
CAUSE: dict[str, str] = {
    Cause.QUALITY: "problème de qualité",
    Cause.MISUSE: "mauvaise utilisation",
    Cause.INFORMATION: "information erronée à la vente",
    Cause.OTHER: "autre cause",
}
CHANNEL: dict[str, str] = {
    Channel.MAIL: "e-mail",
    Channel.PHONE: "téléphone",
    Channel.COUNTER: "comptoir",
    Channel.LETTER: "courrier",
    Channel.WEB_FORM: "formulaire web",
    Channel.FORWARDED: "transmis par le responsable des réclamations",
}
MAIL_KIND: dict[str, str] = {
    MailKind.COMPLAINT: "réclamation",
    MailKind.FOLLOWUP: "message de suivi",
    MailKind.ACKNOWLEDGEMENT: "accusé de réception",
    MailKind.REOPENING: "confirmation de réouverture",
    MailKind.NOTIFICATION: "avis au responsable",
    MailKind.OWNER_REPLY: "réponse du responsable",
    MailKind.REPLY: "réponse au client",
    MailKind.PROGRESS: "point d'avancement",
    MailKind.EVALUATION: "question d'évaluation",
    MailKind.EVALUATION_ANSWER: "réponse à l'évaluation",
    MailKind.CLOSURE: "lettre de clôture",
    MailKind.REJECTION: "refus",
    MailKind.INTERNAL: "note interne",
    MailKind.QUESTION: "question à un collègue",
    MailKind.ESCALATION: "escalade",
    MailKind.WARNING: "avertissement",
    MailKind.REMINDER: "rappel",
    MailKind.DISPUTES: "renvoi vers le médiateur",
    MailKind.STOP: "lettre mettant fin à la correspondance",
}
COMPLAINT_TYPE: dict[str, str] = {"product": "produit", "service": "service"}
TOPIC: dict[str, str] = {
    "staff": "personnel",
    "delivery": "livraison",
    "waiting": "temps d'attente",
    "communication": "communication",
    "service": "prestation",
}
SIGNAL: dict[str, str] = {"product": "produit", "cause": "cause"}
DIRECTION: dict[str, str] = {"in": "reçu", "out": "envoyé"}
EVENT: dict[str, str] = {
    "opened": "ouvert",
    "status": "statut",
    "forwarded": "transmis",
    "acknowledgement_withheld": "accusé de réception non envoyé",
    "notification_withheld": "une parmi un flot de mails : pas de mail au gérant pour elle seule",
    "cause": "cause",
    "deadline": "date de réponse",
    "agreement": "engagement",
    "note": "note",
    "question": "question à un collègue",
    "field": "donnée complétée",
    "erased": "effacé",
    "escalated": "escaladé",
    "overdue": "en retard",
    "delivery_failed": "e-mail non distribué",
    "command_refused": "commande refusée",
    "answer": "réponse",
    "resolution": "solution",
    "followup": "message de suivi",
    "language": "langue",
}

# What the owner may write for a code: after `#résoudre`, `#cause` and `#nouveau`.
RESOLUTION_WORDS: dict[str, str] = {
    "réparation": Resolution.REPAIR,
    "remplacement": Resolution.REPLACE,
    "échange": Resolution.REPLACE,
    "aide": Resolution.ASSIST,
    "explication": Resolution.INFORM,
    "dédommagement": Resolution.COMPENSATE,
    "geste": Resolution.GOODWILL,
    "remboursement": Resolution.REFUND,
    "modification": Resolution.CHANGE,
}
CAUSE_WORDS: dict[str, str] = {
    "qualité": Cause.QUALITY,
    "mauvais-usage": Cause.MISUSE,
    "mauvaise-information": Cause.INFORMATION,
    "autre": Cause.OTHER,
}
CHANNEL_WORDS: dict[str, str] = {
    "téléphone": Channel.PHONE,
    "appel": Channel.PHONE,
    "comptoir": Channel.COUNTER,
    "magasin": Channel.COUNTER,
    "boutique": Channel.COUNTER,
    "courrier": Channel.LETTER,
    "lettre": Channel.LETTER,
    "formulaire web": Channel.WEB_FORM,
    "formulaire": Channel.WEB_FORM,
    "site web": Channel.WEB_FORM,
}
# The channels a `#nouveau` may name, as its error message lists them.
CHANNEL_CHOICES = "téléphone, comptoir, courrier, formulaire web ou e-mail"

MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
DAYS = "lundi mardi mercredi jeudi vendredi samedi dimanche"
# A date in a letter: "vrijdag 11 december 2026", "Freitag, 11. Dezember 2026".
LONG_DATE = "{weekday} {day} {month} {year}"
# The subject of a reply to a mail that had none.
NO_SUBJECT = "(sans objet)"
# The monthly report's mail: "<shop>: rapport des réclamations 2026-11".
REPORT_MAIL = "rapport des réclamations"

# The register's report (text, HTML and JSON labels).
REPORT: dict[str, str] = {
    "title": "Rapport des réclamations",
    "start": "début",
    "now": "maintenant",
    "received": "Réclamations reçues",
    "same_day": "Confirmées le jour même",
    "first_answer": "Délai médian jusqu'à la première réponse",
    "resolution_time": "Délai médian jusqu'à la solution",
    "kept": "Promesses tenues à la date prévue",
    "kept_of": "{kept} sur {total}",
    "broken_promises": "Promesses non tenues",
    "promise_line": "{reference}\u00a0: {what}, pour le {due}",
    "promise_broken_at": "non tenue (constaté le {at})",
    "promise_kept_late": "tenue seulement le {at}",
    "promise_moved": "reportée au {to} par {by} le {at}",
    "by_agent": "nous, automatiquement",
    "by_status": "Statut",
    "by_type": "Produit ou service",
    "by_topic": "Sur quoi portent les réclamations de service",
    "by_channel": "Reçues par",
    "resolutions": "Solutions",
    "requested_solutions": "Solutions demandées par les clients",
    "causes": "Causes",
    "per_month": "Reçues par mois",
    "satisfaction": "Satisfaction",
    "mean_score": "note moyenne (1–5)",
    "satisfied": "satisfaits",
    "of_answers": "sur {n} réponses",
    "signals": "Problèmes récurrents",
    "signals_intro": "Problèmes récurrents (sur la période)",
    "no_signals": "Rien ne revient assez souvent pour être signalé.",
    "complaints": "réclamations",
    "hours": "h",
    "days": "jours",
    "day": "jour",
    "other": "autre",
    "made": "Établi par inbox-agent le {when}.",
}
# The dossier's printout.
DOSSIER_PAGE: dict[str, str] = {
    "status": "Statut",
    "customer": "Client",
    "phone_address": "Téléphone / adresse",
    "arrived": "Reçue le",
    "via": "par",
    "type": "Type de réclamation",
    "acknowledged": "Réception confirmée",
    "deadline": "Réponse promise au plus tard le",
    "cause": "Cause",
    "resolution": "Solution",
    "evaluation": "Évaluation",
    "evaluation_sent": "demandée le",
    "score": "note",
    "satisfied": "satisfait",
    "unhappy": "pas satisfait",
    "closed": "Clôturé",
    "registered": "Données enregistrées",
    "missing": "Encore manquant",
    "nothing": "rien",
    "agreements": "Engagements",
    "recorded": "noté le {at} par {by}",
    "messages": "Messages",
    "internal": "interne",
    "attachments": "pièces jointes",
    "events": "Événements",
    "printed": "Imprimé par inbox-agent pour {shop} le {when}.",
}

# -- Reading what customers write (`reading/` and `dossier/registration.py` use these) --------

# Detector hints: short words nearly every French sentence has, and letters only French writes.
STOP_WORDS = (
    "le la les un une des et je mon ma mes ne pas est de du que qui nous vous votre vos avec "
    "pour sur dans ce cette ces il elle ai avez a été mais aussi chez merci bonjour "
    "cordialement plus toujours jamais depuis après encore au aux très bien car si où quand "
    "madame monsieur acheté cassé vélo souhaite pouvez ça c'est j'ai n'est s'est d'un d'une"
)
LETTERS = "éèêàçœùâîô"
# The opening of a mail and its sign-off, as regular expressions (lower case, at a line's start).
GREETINGS = r"bonjour|bonsoir|salut|madame|monsieur|mesdames|messieurs|cher|chère|chers"
CLOSINGS = (
    r"(?:bien )?cordialement|salutations|sinc(?:è|e)res salutations|bien (?:à|a) vous|"
    r"bonne (?:journée|soirée)|merci d'avance|merci par avance|veuillez agréer|"
    r"je vous prie d'agréer|amicalement|envoyé de mon|envoyé depuis"
)
# The labels a letter prints for the registered fields.
FIELD_LABELS: dict[str, str] = {
    "name": "Nom",
    "address": "Adresse",
    "phone": "Téléphone",
    "email": "E-mail",
    "brand": "Marque",
    "model": "Type/modèle",
    "serial_number": "Numéro de série",
    "production_date": "Date de fabrication",
    "purchase_price": "Prix d'achat",
    "purchase_date": "Date d'achat",
    "problem": "Description du problème",
    "service_description": "Description de la prestation",
    "service_date": "Date de la prestation",
    "agreed_date": "Date convenue",
    "scope_price": "Étendue et prix",
    "order_number": "Numéro de commande",
    "purchase_time": "Heure de l'achat",
    "requested_solution": "Solution souhaitée",
    "contact_date": "Date de votre visite ou de votre appel",
    "channel": "Reçue par",
    "complaint_type": "Type de réclamation",
    "received": "Reçue le",
}
# The labels customers write before a field ("Marque : Gazelle"), lower case.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("nom", "nom complet", "nom et prénom"),
    "address": ("adresse", "adresse postale"),
    "phone": ("téléphone", "telephone", "tél", "tél.", "tel.", "portable", "numéro de téléphone"),
    "brand": ("marque", "fabricant"),
    "model": ("modèle", "modele", "référence", "type/modèle"),
    "serial_number": (
        "numéro de série",
        "numero de serie",
        "n° de série",
        "no de série",
        "n° série",
    ),
    "production_date": ("date de fabrication", "année de fabrication"),
    "purchase_price": ("prix d'achat", "prix", "montant"),
    "purchase_date": ("date d'achat", "acheté le", "date de l'achat"),
    "order_number": ("numéro de commande", "n° de commande", "no de commande", "commande n°"),
    "service_description": ("prestation", "description de la prestation"),
    "service_date": ("date de la prestation", "date de livraison"),
    "agreed_date": ("date convenue", "rendez-vous"),
    "scope_price": ("étendue et prix",),
    "purchase_time": ("heure de l'achat", "heure d'achat", "heure"),
    "contact_date": (
        "date de visite",
        "date de la visite",
        "date de votre visite",
        "date de votre visite ou de votre appel",
    ),
    "requested_solution": ("solution souhaitée", "solution demandée", "solution", "souhait"),
}
# Free text: the words before an order number, the verbs of buying, the words before a price.
# Where a customer writing this language dials a number without a country code.
PHONE_REGIONS: tuple[str, ...] = ("FR", "BE", "LU", "CH")

ORDER_WORDS = (
    r"num(?:é|e)ro de commande|commande\s+(?:n°|nº|no\.?|numéro|#)|n°\s+de\s+commande|"
    r"facture\s+n°"
)
PURCHASE_VERBS = r"acheté|achetée|commandé|commandée|achat"
PRICE_WORDS = r"acheté|achetée|payé|payée|coûté|prix|pour"
# Month names and their short forms, as a date in a sentence writes them.
MONTH_FORMS = (
    r"janv(?:ier)?|f(?:é|e)v(?:r(?:ier)?)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|"
    r"ao(?:û|u)t|sept(?:embre)?|oct(?:obre)?|nov(?:embre)?|d(?:é|e)c(?:embre)?"
)
# What a customer says to ask for something, and the words of each solution they may ask for.
WISHES = (
    r"je souhaite|je souhaiterais|je voudrais|j'aimerais|je demande|j'exige|j'attends|"
    r"je veux|merci de|pourriez-vous|pouvez-vous|veuillez|je vous prie de"
)
SOLUTION_WORDS: dict[str, str] = {
    "refund": r"rembours\w*|mon argent",
    "replace": r"remplac\w*|(?:é|e)chang\w*|un (?:\w+ )?neuf\b|une (?:\w+ )?neuve\b|"
    r"un nouveau\b|une nouvelle\b",
    "repair": r"r(?:é|e)par\w*",
    "compensate": r"d(?:é|e)dommag\w*|indemnis\w*|remise|réduction|avoir|bon d'achat",
    "goodwill": r"excuses|geste commercial",
}
NEGATIONS = r"pas|ne|aucun|aucune|sans"
# What a service complaint is about, and the words of a faulty product.
TOPIC_WORDS: dict[str, str] = {
    "staff": r"impoli\w*|désagréable\w*|grossi(?:er|ère)\w*|irrespectueu\w*|arrogant\w*|"
    r"méprisant\w*|vendeu(?:r|se|rs|ses)|employée?s?|personnel|tourné le dos|moqué\w*|"
    r"crié|attitude",
    "delivery": r"livraisons?|livrée?s?|livreur|colis|jamais arrivée?|jamais reçue?|pas reçue?|"
    r"pas arrivée?|expédi\w*|transporteur|colissimo|chronopost",
    "waiting": r"attente|attendu|attendre|patienté|file d'attente",
    "communication": r"rappel\w*|pas de réponse|sans réponse|aucune réponse|injoignable|"
    r"pas répondu|jamais répondu|aucune nouvelle|pas de nouvelles",
    "service": r"atelier|réparation|révision|entretien|rendez-vous|mécanicien|technicien|"
    r"montage|convenu|prestation",
}
PRODUCT_WORDS = (
    r"cassée?s?|défectueu\w*|en panne|fissurée?s?|déchirée?s?|abîmée?s?|endommagée?s?|"
    r"rayures?|rouill\w*|grince|craque|fuit|crevée?s?|percée?s?|bloquée?s?|"
    r"ne fonctionne plus|ne marche plus|numéro de série"
)

# Reading an evaluation answer (`reading/evaluation_words.py`): word groups (space-separated),
# phrase groups ("|" between phrases), and the small words that turn or weigh them.
EVALUATION: dict[str, str] = {
    # Regular expressions: the sign-off that ends an answer, the greeting that opens it.
    "sign_offs": r"(bien )?cordialement|(sincères |meilleures )?salutations|bien à vous|"
    r"bonne (journée|soirée)|amicalement|veuillez agréer",
    "greetings": r"bonjour|bonsoir|salut|madame|monsieur|cher|chère",
    "praise": "satisfait satisfaite satisfaits satisfaites satisfaction contente contents ravi "
    "ravie enchanté enchantée heureux heureuse excellent excellente parfait parfaite "
    "parfaitement génial géniale formidable impeccable nickel bravo merveilleux superbe "
    "remarquable irréprochable recommande exceptionnel",
    "remark_plus": "rapide rapidement efficace efficacement aimable sympa sympathique gentil "
    "gentille agréable professionnel professionnelle clair bien bon bonne réactif réactive "
    "serviable",
    "outcome": "résolu résolue réglé réglée réparé réparée remplacé remplacée fonctionne marche "
    "roule aidé",
    "thanks": "remercie remerciements",
    "blame": "insatisfait insatisfaite mécontent mécontente déçu déçue décu décue decu deçu "
    "décevant décevante déception mauvais mauvaise nul nulle lamentable horrible catastrophique "
    "scandaleux scandaleuse inacceptable inadmissible honteux honteuse médiocre désastreux pire "
    "furieux furieuse énervé énervée fâché fâchée incompétent impoli cassé cassée défectueux "
    "panne grince mal",
    "remark_minus": "lent lente lentement longue dommage malheureusement toujours compliqué "
    "encore bof moyen",
    "lukewarm": "",
    "complaint_verb": "plaindre",
    "phrases_praise": "au top|très bien|tout va bien",
    "phrases_outcome": "à nouveau|de nouveau",
    "phrases_blame": "plus jamais|toujours pas|toujours en panne|pas terrible|laisse à désirer|"
    "pourrait mieux faire",
    "phrases_remark_minus": "sans réponse|pas de réponse|trop long|trop longtemps",
    "phrases_firm_plus": "rien à redire|aucune plainte|rien à dire",
    "phrases_mild_plus": "aucun problème|pas de problème",
    "phrases_weak_minus": "",
    "phrases_thanks": "merci beaucoup|merci bien|mille mercis|encore merci",
    "phrases_nothing": "pas encore",
    "negators": "pas ne jamais rien aucun aucune guère nullement ni",
    "post_negators": "",
    "intensifiers": "vraiment très si tellement trop tout du absolument complètement totalement "
    "entièrement vraiment franchement particulièrement un une",
    "hedges": "plutôt assez moyennement relativement partiellement",
    "far_from": "loin de|loin d'être|tout sauf",
    "far_words": "nullement",
    "mark_fillers": "le la les l'une même meme certainement sûrement donne donner donné mérite "
    "méritez mériter vous il elle ce ça je nous est était serait sera suis peux pourrait près "
    "proche à pleine vaut",
    "even": "même meme",
    "nearly": "près proche",
    "hypothetical": "si sauf",
    "perfect_aux": "aurais aurait aurions serait",
    "perfect_participles": "donné mis été",
    "corrections": "maintenant finalement plutôt",
    "yes": "oui ouais absolument",
    "no": "non",
    "contrast": "mais cependant toutefois pourtant seulement sauf sinon",
    "boosters": "très vraiment super",
    "units": "jours? semaines? mois ans années? heures? minutes? fois euros? pourcent "
    "personnes appels",
}
NUMBER_WORDS: dict[str, int] = {
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
}
