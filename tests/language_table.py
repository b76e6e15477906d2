"""Short first mails as customers write them, with the language a shop assistant would answer in.

Fifteen or more per language: a greeting and a signature in another language now and then, a
quoted mail or a confidentiality footer in English under a Dutch, German or French complaint,
a name and an address that are no language at all. Used by `tests/test_language.py` and by
`bench/language_detectors.py`, which scores the detectors that were considered.
"""

from __future__ import annotations

FOOTER_EN = (
    "\n\nThis e-mail and any attachments may be confidential. If you are not the intended "
    "recipient, please notify the sender and delete it."
)
QUOTE_NL = (
    "\n\nOp 2 dec. 2026 om 14:10 schreef Fietsenwinkel De Ketting <info@ketting.nl>:\n"
    "> Bedankt voor uw bestelling. Uw pakket wordt morgen bezorgd.\n"
    "> Met vriendelijke groet, Fietsenwinkel De Ketting\n"
)
QUOTE_EN = (
    "\n\nOn 2 Dec 2026, at 14:10, Bike Shop <info@ketting.nl> wrote:\n"
    "> Thank you for your order. Your parcel will be delivered tomorrow.\n"
    "> Kind regards, the shop team\n"
)

# (first mail: subject and body, the language to answer in)
MAILS: list[tuple[str, str]] = [
    # Dutch.
    (
        "Fiets kapot\nHallo, mijn fiets is na twee weken al kapot. Graag een reactie.\nGroet, Piet",
        "nl",
    ),
    ("Klacht\nGoedendag,\n\nDe bel is eraf gevallen. Kunt u een nieuwe sturen?\n\nMvg Anouk", "nl"),
    ("Re: uw bestelling\nIk heb nog steeds niets ontvangen." + QUOTE_NL, "nl"),
    (
        "Levering\nDe bezorger was erg onbeleefd tegen mijn moeder.\n\nKind regards,\nJan de Vries",
        "nl",
    ),
    ("Band lek\nHi,\n\nde band is weer lek, voor de derde keer deze maand.\n\nPiet", "nl"),
    ("Slot\nHet slot klemt en gaat niet meer open. Ik wil mijn geld terug.", "nl"),
    (
        (
            "Reparatie\nBeste meneer,\n\nDe reparatie is niet op de afgesproken dag gedaan.\n"
            "\nGroeten,\nEls"
        ),
        "nl",
    ),
    ("Verlichting\nMijn achterlicht werkt niet meer sinds gisteren." + FOOTER_EN, "nl"),
    ("Klacht over medewerker\nUw medewerker heeft mij uitgelachen aan de kassa.", "nl"),
    ("Remmen\nGoedemiddag, de remmen piepen vreselijk na de beurt van vorige week.", "nl"),
    ("Pakket\nMijn pakket is nooit aangekomen, wat nu?" + QUOTE_EN, "nl"),
    (
        (
            "Zadel\nHallo,\nhet zadel is gescheurd na een maand. Dat hoort toch niet?\nM. "
            "Jansen\nDorpsstraat 4\n1234 AB Ergens"
        ),
        "nl",
    ),
    (
        (
            "Trapas\nDe trapas kraakt bij elke trap. Kunnen jullie ernaar kijken?\n\n"
            "Verstuurd vanaf mijn iPhone"
        ),
        "nl",
    ),
    ("Te laat\nDe fiets zou vrijdag klaar zijn maar is er nog steeds niet.", "nl"),
    (
        (
            "Garantie\nGeachte heer/mevrouw,\n\nIk wil graag aanspraak maken op de garantie "
            "van mijn e-bike.\n\nHoogachtend,\nK. Bakker"
        ),
        "nl",
    ),
    # English.
    (
        "Broken bike\nHello, my bike broke after two weeks. Please get back to me.\nRegards, Tom",
        "en",
    ),
    ("Complaint\nHi there,\n\nThe bell fell off. Could you send a new one?\n\nThanks, Anne", "en"),
    ("Re: your order\nI still haven't received anything." + QUOTE_NL, "en"),
    (
        (
            "Delivery\nThe delivery driver was very rude to my mother.\n\nMet vriendelijke "
            "groet,\nJohn Smith"
        ),
        "en",
    ),
    ("Flat tyre\nThe tyre is flat again, for the third time this month.\n\nSarah", "en"),
    ("Lock\nThe lock is stuck and won't open any more. I want my money back.", "en"),
    (
        "Repair\nDear Sir,\n\nThe repair was not done on the day we agreed.\n\nBest wishes,\nEmma",
        "en",
    ),
    ("Lights\nMy rear light stopped working yesterday." + FOOTER_EN, "en"),
    ("Staff\nYour employee laughed at me at the till. That is not acceptable.", "en"),
    ("Brakes\nGood afternoon, the brakes squeal terribly since last week's service.", "en"),
    ("Parcel\nMy parcel never arrived, what now?", "en"),
    (
        (
            "Saddle\nHello,\nthe saddle tore after a month. That shouldn't happen, should "
            "it?\nM. Jones\n12 High Street\nLondon"
        ),
        "en",
    ),
    (
        (
            "Bottom bracket\nThe bottom bracket creaks with every pedal stroke. Can you have "
            "a look?\n\nSent from my iPhone"
        ),
        "en",
    ),
    ("Late\nThe bike was supposed to be ready on Friday but it still isn't.", "en"),
    (
        (
            "Warranty\nDear Sir or Madam,\n\nI would like to make a claim under the warranty "
            "of my e-bike.\n\nYours faithfully,\nK. Baker"
        ),
        "en",
    ),
    # German.
    (
        (
            "Fahrrad kaputt\nHallo, mein Fahrrad ist nach zwei Wochen schon kaputt. Bitte "
            "melden Sie sich.\nGruß, Peter"
        ),
        "de",
    ),
    (
        (
            "Reklamation\nGuten Tag,\n\ndie Klingel ist abgefallen. Können Sie mir eine neue "
            "schicken?\n\nMfG Anna"
        ),
        "de",
    ),
    ("AW: Ihre Bestellung\nIch habe immer noch nichts erhalten." + QUOTE_NL, "de"),
    (
        "Lieferung\nDer Fahrer war sehr unhöflich zu meiner Mutter.\n\nKind regards,\nJan Müller",
        "de",
    ),
    (
        (
            "Platten\nHi,\n\nder Reifen ist schon wieder platt, zum dritten Mal in diesem "
            "Monat.\n\nSabine"
        ),
        "de",
    ),
    ("Schloss\nDas Schloss klemmt und geht nicht mehr auf. Ich möchte mein Geld zurück.", "de"),
    (
        (
            "Reparatur\nSehr geehrte Damen und Herren,\n\ndie Reparatur wurde nicht am "
            "vereinbarten Tag gemacht.\n\nMit freundlichen Grüßen\nUwe Koch"
        ),
        "de",
    ),
    ("Licht\nMein Rücklicht funktioniert seit gestern nicht mehr." + FOOTER_EN, "de"),
    ("Beschwerde über Mitarbeiter\nIhr Mitarbeiter hat mich an der Kasse ausgelacht.", "de"),
    (
        "Bremsen\nGuten Tag, die Bremsen quietschen furchtbar seit der Inspektion letzte Woche.",
        "de",
    ),
    ("Paket\nMein Paket ist nie angekommen, was nun?" + QUOTE_EN, "de"),
    (
        (
            "Sattel\nHallo,\nder Sattel ist nach einem Monat gerissen. Das darf doch nicht "
            "sein?\nM. Schmidt\nLindenweg 4\n50667 Köln"
        ),
        "de",
    ),
    (
        (
            "Tretlager\nDas Tretlager knackt bei jedem Tritt. Können Sie sich das ansehen?\n"
            "\nVon meinem iPhone gesendet"
        ),
        "de",
    ),
    ("Zu spät\nDas Rad sollte am Freitag fertig sein, ist es aber immer noch nicht.", "de"),
    (
        (
            "Garantie\nSehr geehrte Damen und Herren,\n\nich möchte die Garantie für mein "
            "E-Bike in Anspruch nehmen.\n\nHochachtungsvoll\nK. Becker"
        ),
        "de",
    ),
    # French.
    (
        (
            "Vélo cassé\nBonjour, mon vélo est déjà cassé au bout de deux semaines. Merci de "
            "me recontacter.\nCordialement, Pierre"
        ),
        "fr",
    ),
    (
        (
            "Réclamation\nBonjour,\n\nla sonnette est tombée. Pouvez-vous m'en envoyer une "
            "nouvelle ?\n\nBonne journée, Marie"
        ),
        "fr",
    ),
    ("RE: votre commande\nJe n'ai toujours rien reçu." + QUOTE_NL, "fr"),
    ("Livraison\nLe livreur a été très impoli avec ma mère.\n\nKind regards,\nJean Dupont", "fr"),
    (
        "Crevaison\nHi,\n\nle pneu est encore crevé, pour la troisième fois ce mois-ci.\n\nSophie",
        "fr",
    ),
    ("Antivol\nL'antivol est bloqué et ne s'ouvre plus. Je veux être remboursé.", "fr"),
    (
        (
            "Réparation\nMadame, Monsieur,\n\nla réparation n'a pas été faite le jour "
            "convenu.\n\nCordialement,\nYves Roux"
        ),
        "fr",
    ),
    ("Éclairage\nMon feu arrière ne fonctionne plus depuis hier." + FOOTER_EN, "fr"),
    ("Plainte contre un employé\nVotre employé s'est moqué de moi à la caisse.", "fr"),
    (
        (
            "Freins\nBonjour, les freins grincent terriblement depuis la révision de la "
            "semaine dernière."
        ),
        "fr",
    ),
    ("Colis\nMon colis n'est jamais arrivé, que faire ?" + QUOTE_EN, "fr"),
    (
        (
            "Selle\nBonjour,\nla selle s'est déchirée après un mois. Ce n'est pas normal, "
            "non ?\nM. Martin\n12 rue de la Paix\n75002 Paris"
        ),
        "fr",
    ),
    (
        (
            "Pédalier\nLe pédalier craque à chaque coup de pédale. Pouvez-vous regarder ?\n\n"
            "Envoyé de mon iPhone"
        ),
        "fr",
    ),
    ("En retard\nLe vélo devait être prêt vendredi mais il ne l'est toujours pas.", "fr"),
    (
        (
            "Garantie\nMadame, Monsieur,\n\nje souhaite faire jouer la garantie de mon vélo "
            "électrique.\n\nVeuillez agréer mes salutations distinguées,\nK. Lambert"
        ),
        "fr",
    ),
    # Nothing to go on: the shop's language.
    ("Gazelle X1\nGazelle X1", ""),
    ("Re: K-2026-0012\n👍", ""),
    ("Foto\n[image: IMG_2041.jpg]", ""),
]
