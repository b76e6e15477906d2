"""The command table: every owner command, one entry each; adding a command is adding an entry.

An entry holds the command's words in every language, how its argument is read, the statuses
it is allowed in, its effect, and its help. Parsing (parse.py), the permission check and the
carrying out (perform.py), the help mails and the README's table (help.py) all read this
table; none of them names a command. The order here is the order of the help.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from inbox_agent.commands import effects, readers
from inbox_agent.commands.command import (
    LANGUAGES,
    Choice,
    Command,
    CommandError,
    Help,
    OwnerCommand,
)
from inbox_agent.dossier.lifecycle import ALL, ANSWERED, OPEN
from inbox_agent.models import Cause, Resolution, Status
from inbox_agent.vocabulary.terms import LANGUAGES as WORD_LANGUAGES
from inbox_agent.vocabulary.terms import Language, vocabulary

S = Status


def _choice(code: str, **words: tuple[str, ...]) -> Choice:
    """A choice with its words per language: `en=(...)`, `nl=(...)`, `de=(...)`."""
    return Choice(code, words)


def _from_vocabulary(
    codes: Iterable[str], words: Callable[[Language], Mapping[str, str]]
) -> tuple[Choice, ...]:
    """The choices for an argument, each code with the words every language has for it."""
    return tuple(
        Choice(
            code,
            {
                language: tuple(w for w, c in words(vocabulary(language)).items() if c == code)
                for language in WORD_LANGUAGES
            },
        )
        for code in codes
    )


# The solutions of ISO 10002 step 6; `#resolve TYPE`. The words are the vocabulary's.
RESOLUTION_CHOICES = _from_vocabulary(
    [code for code in Resolution if code is not Resolution.REJECTED],
    lambda language: language.RESOLUTION_WORDS,
)
# The causes of ISO 10002 step 5; `#cause CAUSE`.
CAUSE_CHOICES = _from_vocabulary(Cause, lambda language: language.CAUSE_WORDS)
# The customer's language; `#taal de`, `#lang french`: every language we read, by code or name.
# Each language's name, in each language the owner may write commands in.
_LANGUAGE_NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "nl": {
        "en": ("dutch",),
        "nl": ("nederlands",),
        "de": ("niederländisch", "niederlaendisch"),
        "fr": ("néerlandais",),
    },
    "en": {"en": ("english",), "nl": ("engels",), "de": ("englisch",), "fr": ("anglais",)},
    "de": {"en": ("german",), "nl": ("duits",), "de": ("deutsch",), "fr": ("allemand",)},
    "fr": {
        "en": ("french",),
        "nl": ("frans",),
        "de": ("französisch", "franzoesisch"),
        "fr": ("français", "francais"),
    },
}
LANGUAGE_CHOICES = tuple(
    Choice(code, {language: (code, *words) for language, words in names.items()})
    for code, names in _LANGUAGE_NAMES.items()
    if code in WORD_LANGUAGES
)
# The statuses the owner may set by hand; `#status in-progress|closed`.
STATUS_CHOICES = (
    _choice(
        "in_progress",
        en=("in-progress", "in_progress"),
        nl=("in-behandeling", "in_behandeling"),
        de=("in-bearbeitung", "in_bearbeitung"),
        fr=("en-cours", "en_cours"),
    ),
    _choice(
        "closed",
        en=("closed",),
        nl=("afgesloten", "gesloten"),
        de=("abgeschlossen", "geschlossen"),
        fr=("clôturé", "cloture"),
    ),
)


def _reason_given(command: Command, body: str, internal: bool) -> None:
    """The reason is the text after the command or below it; text kept internal is no reason."""
    if not command.text and (not body or internal):
        raise CommandError(
            "#reject needs the reason the customer will read: write it after the command "
            "(#reject The warranty ended in May.) or on the lines below it",
            nl="#afwijzen heeft een reden nodig die de klant te lezen krijgt: schrijf die achter "
            "de opdracht (#afwijzen De garantie liep in mei af.) of op de regels eronder",
            de="#ablehnen braucht einen Grund, den der Kunde zu lesen bekommt: schreiben Sie ihn "
            "hinter den Befehl (#ablehnen Die Garantie ist im Mai abgelaufen.) oder in die Zeilen "
            "darunter",
            fr="#refuser a besoin de la raison que le client lira\u00a0: écrivez-la après la "
            "commande (#refuser La garantie a expiré en mai.) ou sur les lignes en dessous",
        )


def _change_named(command: Command, body: str, internal: bool) -> None:
    """A change says what changes: the customer reads it, and that it applies to others too."""
    if command.arg == Resolution.CHANGE.value and not command.text and (not body or internal):
        raise CommandError(
            "#resolve change needs what will change, as the customer will read it: write it "
            "after the command (#resolve change Every bike gets a test ride before it is handed "
            "over.) or on the lines below it",
            nl="#oplossen wijziging heeft nodig wat er verandert, zoals de klant het leest: "
            "schrijf het achter de opdracht (#oplossen wijziging Elke fiets krijgt een proefrit "
            "voor de overdracht.) of op de regels eronder",
            de="#lösen änderung braucht, was sich ändert, so wie der Kunde es liest: schreiben "
            "Sie es hinter den Befehl (#lösen änderung Jedes Rad bekommt vor der Übergabe eine "
            "Probefahrt.) oder in die Zeilen darunter",
            fr="#résoudre modification a besoin de ce qui change, tel que le client le lira\u00a0: "
            "écrivez-le après la commande (#résoudre modification Chaque vélo fait un essai "
            "avant la remise.) ou sur les lignes en dessous",
        )


COMMANDS: tuple[OwnerCommand, ...] = (
    OwnerCommand(
        name="resolve",
        words={
            "en": ("resolve",),
            "nl": ("oplossen", "opgelost", "oplossing"),
            "de": ("lösen", "loesen", "gelöst", "geloest", "lösung", "loesung"),
            "fr": ("résoudre", "resoudre", "résolu", "solution"),
        },
        read=readers.choice_then_text(
            "{word} needs a type (repair, replace, ...), not {given!r}",
            "{word} heeft een soort oplossing nodig (reparatie, vervanging, ...), niet {given!r}",
            de="{word} braucht eine Art der Lösung (reparatur, ersatz, ...), nicht {given!r}",
            fr="{word} a besoin d'un type de solution (réparation, remplacement, ...), pas de {given!r}",
        ),
        choices=RESOLUTION_CHOICES,
        allowed={"": OPEN},
        moves_to=S.RESOLVED,
        check_reply=_change_named,
        effect=effects.resolve,
        help={
            "en": Help("TYPE [text]", "TYPE: {choices}"),
            "nl": Help("SOORT [tekst]", "SOORT: {choices}"),
            "de": Help("ART [Text]", "ART: {choices}"),
            "fr": Help("TYPE [texte]", "TYPE\u00a0: {choices}"),
        },
        readme="resolved as {choices} ({choices_nl}); the evaluation is scheduled. Without text "
        "the customer gets the standard letter for that type "
        "(`templates/<language>/resolutions/TYPE.txt.j2`); a change needs what changes (after "
        "the command or below it), and the letter says it applies to every customer",
    ),
    OwnerCommand(
        name="reject",
        words={
            "en": ("reject",),
            "nl": ("afwijzen", "afgewezen"),
            "de": ("ablehnen", "abgelehnt"),
            "fr": ("refuser", "refusé", "refus"),
        },
        read=readers.free_text(),
        allowed={"": OPEN},
        moves_to=S.REJECTED,
        takes_body=True,
        check_reply=_reason_given,
        effect=effects.reject,
        help={
            "en": Help(
                "reason",
                "the customer gets a clear, friendly letter with your reason\n"
                "(after the command or below it); no reason, no letter",
            ),
            "nl": Help(
                "reden",
                "de klant krijgt een duidelijke, vriendelijke brief met uw reden\n"
                "(achter de opdracht of eronder); zonder reden geen brief",
            ),
            "de": Help(
                "Grund",
                "der Kunde bekommt ein klares, freundliches Schreiben mit Ihrem Grund\n"
                "(hinter dem Befehl oder darunter); ohne Grund kein Schreiben",
            ),
            "fr": Help(
                "raison",
                "le client reçoit une lettre claire et aimable avec votre raison\n"
                "(après la commande ou en dessous)\u00a0; sans raison, pas de lettre",
            ),
        },
        readme="the customer gets a clear, friendly letter with the reason (after the command "
        "or below it) and the disputes body. Without a reason nothing is sent and the owner "
        "gets a how-to; no evaluation follows unless `timing.evaluate_rejections = true`",
    ),
    OwnerCommand(
        name="cause",
        words={"en": ("cause",), "nl": ("oorzaak",), "de": ("ursache",), "fr": ("cause",)},
        read=readers.choice(
            "{word} needs {choices}, not {given!r}",
            "{word} heeft {choices} nodig, niet {given!r}",
            de="{word} braucht {choices}, nicht {given!r}",
            fr="{word} attend {choices}, pas {given!r}",
        ),
        choices=CAUSE_CHOICES,
        allowed={"": ALL - {S.CLOSED}},
        effect=effects.cause,
        help={
            "en": Help("CAUSE", "{choices}"),
            "nl": Help("OORZAAK", "{choices}"),
            "de": Help("URSACHE", "{choices}"),
            "fr": Help("CAUSE", "{choices}"),
        },
        readme="records the cause for the reports: {choices} ({choices_nl})",
    ),
    OwnerCommand(
        name="lang",
        words={"en": ("lang", "language"), "nl": ("taal",), "de": ("sprache",), "fr": ("langue",)},
        read=readers.choice(
            "{word} needs a language: {choices}, not {given!r}",
            "{word} heeft een taal nodig: {choices}, niet {given!r}",
            de="{word} braucht eine Sprache: {choices}, nicht {given!r}",
            fr="{word} attend une langue\u00a0: {choices}, pas {given!r}",
        ),
        choices=LANGUAGE_CHOICES,
        allowed={"": ALL - {S.CLOSED}},
        effect=effects.language,
        help={
            "en": Help("{choices}", "the customer's language; later letters are in it"),
            "nl": Help("{choices}", "de taal van de klant; volgende brieven zijn in die taal"),
            "de": Help(
                "{choices}", "die Sprache des Kunden; weitere Schreiben sind in dieser Sprache"
            ),
            "fr": Help(
                "{choices}",
                "la langue du client\u00a0; les lettres suivantes sont dans cette langue",
            ),
        },
        readme="sets the customer's language ({choices}), which the agent detected from their "
        "first mail: later letters to the customer are in it once that language has templates, "
        "else in `shop.language`",
    ),
    OwnerCommand(
        name="deadline",
        words={
            "en": ("deadline",),
            "nl": ("termijn", "datum"),
            "de": ("frist", "antwortdatum"),
            "fr": ("échéance", "echeance", "délai", "delai"),
        },
        read=readers.date_then_text(),
        allowed={"": OPEN},
        effect=effects.deadline,
        help={
            "en": Help("YYYY-MM-DD", "the answer date promised to the customer"),
            "nl": Help("JJJJ-MM-DD", "de datum waarop de klant uiterlijk antwoord krijgt"),
            "de": Help("JJJJ-MM-TT", "das Datum, bis zu dem der Kunde spätestens Antwort bekommt"),
            "fr": Help(
                "AAAA-MM-JJ", "la date à laquelle le client reçoit une réponse au plus tard"
            ),
        },
        readme="a new promised answer date; the customer is told (a whole letter when there is "
        "no text); a date that has passed is refused",
    ),
    OwnerCommand(
        name="agree",
        words={
            "en": ("agree",),
            "nl": ("afspraak",),
            "de": ("vereinbarung", "vereinbart"),
            "fr": ("accord", "convenu"),
        },
        read=readers.date_then_text(),
        allowed={"": OPEN | ANSWERED},
        effect=effects.agree,
        help={
            "en": Help(
                "YYYY-MM-DD [text]", "record an agreement; you are reminded before that date"
            ),
            "nl": Help(
                "JJJJ-MM-DD [tekst]",
                "leg een afspraak vast; vóór die datum krijgt u een herinnering",
            ),
            "de": Help(
                "JJJJ-MM-TT [Text]",
                "eine Vereinbarung festhalten; vor diesem Datum bekommen Sie eine Erinnerung",
            ),
            "fr": Help(
                "AAAA-MM-JJ [texte]",
                "noter un engagement\u00a0; vous recevez un rappel avant cette date",
            ),
        },
        readme="an agreement (today or later), a promise of yours: the customer is told (a "
        "whole letter when there is no text); on its day you are asked whether it is done (answer "
        "`#done`, or a plain yes/no); an agreement you were asked about is moved by a new "
        "`#agree DATE`",
    ),
    OwnerCommand(
        name="done",
        words={
            "en": ("done",),
            "nl": ("klaar", "gedaan"),
            "de": ("erledigt",),
            "fr": ("fait", "terminé", "termine"),
        },
        read=readers.free_text(),
        allowed={"": OPEN | ANSWERED},
        effect=effects.done,
        help={
            "en": Help("", "an agreement is kept; the customer is told"),
            "nl": Help("", "een afspraak is nagekomen; de klant krijgt bericht"),
            "de": Help("", "eine Vereinbarung ist eingehalten; der Kunde bekommt Nachricht"),
            "fr": Help("", "un engagement est tenu\u00a0; le client en est informé"),
        },
        readme="the earliest open agreement is kept and the customer is told; after a resolution "
        'the evaluation is counted from then. A plain "yes" ("ja") to the reminder does the same',
    ),
    OwnerCommand(
        name="wait",
        words={
            "en": ("wait",),
            "nl": ("wacht", "wachten"),
            "de": ("warten", "wartet"),
            "fr": ("attente", "attendre"),
        },
        read=readers.text_and_date(),
        allowed={"": OPEN},
        effect=effects.wait,
        help={
            "en": Help(
                "what YYYY-MM-DD",
                "\nwaiting for a supplier, a part or the customer: the customer is told once;\n"
                "no reminders or updates until that date, then the dossier comes back to you",
            ),
            "nl": Help(
                "wat JJJJ-MM-DD",
                "\nwachten op een leverancier, een onderdeel of de klant: de klant hoort het één\n"
                "keer; tot die datum geen herinneringen of berichten, dan komt het dossier terug",
            ),
            "de": Help(
                "was JJJJ-MM-TT",
                "\nwarten auf einen Lieferanten, ein Ersatzteil oder den Kunden: der Kunde\n"
                "erfährt es einmal; bis zu dem Datum keine Erinnerungen oder Nachrichten,\n"
                "dann kommt der Vorgang zu Ihnen zurück",
            ),
            "fr": Help(
                "quoi AAAA-MM-JJ",
                "\nattente d'un fournisseur, d'une pièce ou du client\u00a0: le client est informé\n"
                "une fois\u00a0; ni rappels ni messages jusqu'à cette date, puis le dossier\n"
                "vous revient",
            ),
        },
        readme="pauses the clock while waiting for a supplier, a part or the customer: the "
        "customer is told once what is awaited and until when; no progress mail, renegotiation "
        "or escalation until then; on the day the dossier comes back to you (and in the agenda)",
    ),
    OwnerCommand(
        name="note",
        words={"en": ("note",), "nl": ("notitie",), "de": ("notiz",), "fr": ("note",)},
        read=readers.required_text(
            "{word} needs the text of the note",
            "{word} heeft de tekst van de notitie nodig",
            de="{word} braucht den Text der Notiz",
            fr="{word} a besoin du texte de la note",
        ),
        allowed={"": ALL},
        internal=True,
        effect=effects.note,
        help={
            "en": Help("text", "internal note; nothing reaches the customer"),
            "nl": Help("tekst", "interne notitie; de klant ziet niets"),
            "de": Help("Text", "interne Notiz; der Kunde sieht nichts davon"),
            "fr": Help("texte", "note interne\u00a0; rien ne parvient au client"),
        },
        readme="an internal note: nothing of the reply reaches the customer. A note keeps no "
        "promise: if the answer date comes with only a note, you are asked for a date",
    ),
    OwnerCommand(
        name="internal",
        words={"en": ("internal",), "nl": ("intern",), "de": ("intern",), "fr": ("interne",)},
        read=readers.free_text(),
        allowed={"": ALL},
        internal=True,
        effect=effects.internal,
        help={
            "en": Help("", "the whole reply stays internal"),
            "nl": Help("", "het hele antwoord blijft intern"),
            "de": Help("", "die ganze Antwort bleibt intern"),
            "fr": Help("", "toute la réponse reste interne"),
        },
        readme="the whole reply is kept as an internal note: nothing reaches the customer",
    ),
    OwnerCommand(
        name="progress",
        words={
            "en": ("progress",),
            "nl": ("voortgang",),
            "de": ("zwischenstand", "stand"),
            "fr": ("avancement", "suivi"),
        },
        read=readers.required_text(
            "{word} needs the line the customer will read, e.g. {word} the part is ordered",
            "{word} heeft de regel nodig die de klant te lezen krijgt, bijvoorbeeld "
            "{word} het onderdeel is besteld",
            de="{word} braucht die Zeile, die der Kunde zu lesen bekommt, zum Beispiel "
            "{word} das Ersatzteil ist bestellt",
            fr="{word} a besoin de la ligne que le client lira, par exemple "
            "{word} la pièce est commandée",
        ),
        allowed={"": OPEN},
        effect=effects.progress,
        help={
            "en": Help(
                "text",
                "a line for the customer's next progress update, e.g.\n"
                '"the new part is ordered"; nothing is mailed at once',
            ),
            "nl": Help(
                "tekst",
                "een regel voor de volgende voortgangsmelding aan de klant, bijvoorbeeld\n"
                '"het nieuwe onderdeel is besteld"; er gaat nu niets weg',
            ),
            "de": Help(
                "Text",
                "eine Zeile für den nächsten Zwischenbericht an den Kunden, zum Beispiel\n"
                '"das neue Ersatzteil ist bestellt"; jetzt wird nichts verschickt',
            ),
            "fr": Help(
                "texte",
                "une ligne pour le prochain point d'avancement au client, par exemple\n"
                "«\u00a0la nouvelle pièce est commandée\u00a0»\u00a0; rien n'est envoyé tout de suite",
            ),
        },
        readme="a line for the customer's next progress update (e.g. \"the new part is "
        'ordered"); nothing is mailed at once',
    ),
    OwnerCommand(
        name="ask",
        words={
            "en": ("ask",),
            "nl": ("vraag",),
            "de": ("fragen", "frage"),
            "fr": ("demander", "question"),
        },
        read=readers.address_then_text(
            "{word} needs an address and a question",
            "{word} heeft een adres en een vraag nodig",
            de="{word} braucht eine Adresse und eine Frage",
            fr="{word} a besoin d'une adresse et d'une question",
        ),
        allowed={"": ALL - {S.CLOSED}},
        effect=effects.ask,
        help={
            "en": Help(
                "address question", "ask a colleague; the answer joins the dossier as internal"
            ),
            "nl": Help("adres vraag", "vraag een collega; het antwoord komt intern in het dossier"),
            "de": Help(
                "Adresse Frage", "einen Kollegen fragen; die Antwort kommt intern zum Vorgang"
            ),
            "fr": Help(
                "adresse question",
                "demander à un collègue\u00a0; la réponse rejoint le dossier en interne",
            ),
        },
        readme="an internal question to a colleague; their reply joins the dossier as internal",
    ),
    OwnerCommand(
        name="field",
        words={"en": ("field",), "nl": ("veld",), "de": ("feld", "angabe"), "fr": ("champ",)},
        read=readers.label_and_value(
            "{word} needs 'Name: value'",
            "{word} heeft 'Naam: waarde' nodig",
            de="{word} braucht 'Name: Wert'",
            fr="{word} attend 'Nom\u00a0: valeur'",
        ),
        allowed={"": ALL},
        effect=effects.field,
        help={
            "en": Help("Name: value", "set a registration field"),
            "nl": Help("Naam: waarde", "vul een registratieveld in"),
            "de": Help("Name: Wert", "eine erfasste Angabe setzen"),
            "fr": Help("Nom\u00a0: valeur", "remplir un champ de l'enregistrement"),
        },
        readme="sets a registration field; `#field Soort klacht: dienst` (or `product`) and "
        "`#field Binnengekomen via: telefoon` correct the product/service split and the channel",
    ),
    OwnerCommand(
        name="status",
        words={"en": ("status",), "nl": ("status",), "de": ("status",), "fr": ("statut",)},
        read=readers.choice(
            "{word} takes {choices}, not {given!r}",
            "{word} kan {choices} zijn, niet {given!r}",
            de="{word} kann {choices} sein, nicht {given!r}",
            fr="{word} peut être {choices}, pas {given!r}",
        ),
        choices=STATUS_CHOICES,
        allowed={"in_progress": OPEN, "closed": ALL - {S.CLOSED}},
        moves_to_argument=True,
        effect=effects.status,
        help={
            "en": Help("{choices}"),
            "nl": Help("{choices}"),
            "de": Help("{choices}"),
            "fr": Help("{choices}"),
        },
        readme="sets the status by hand; closing sends the closure letter",
    ),
    OwnerCommand(
        name="reopen",
        words={
            "en": ("reopen",),
            "nl": ("heropen", "heropenen"),
            "de": ("wiedereröffnen", "wiedereroeffnen", "wieder-öffnen", "wieder-oeffnen"),
            "fr": ("rouvrir", "réouvrir", "reouvrir"),
        },
        read=readers.free_text(),
        allowed={"": ANSWERED | {S.CLOSED}},
        moves_to=S.REOPENED,
        effect=effects.reopen,
        help={
            "en": Help("", "open the dossier again"),
            "nl": Help("", "open het dossier opnieuw"),
            "de": Help("", "den Vorgang wieder eröffnen"),
            "fr": Help("", "rouvrir le dossier"),
        },
        readme="opens the dossier again",
    ),
    OwnerCommand(
        name="stop",
        words={
            "en": ("stop",),
            "nl": ("stop", "stoppen"),
            "de": ("beenden", "stopp"),
            "fr": ("stop", "arrêter", "arreter"),
        },
        read=readers.free_text(),
        allowed={"": ALL},
        moves_to=S.CLOSED,
        takes_body=True,
        effect=effects.stop,
        help={
            "en": Help(
                "",
                "\nend the correspondence politely (e.g. with a customer who keeps sending\n"
                "abusive mail): one letter to the customer, the dossier closed; their later\n"
                "mail is filed without a reply and without a mail to you",
            ),
            "nl": Help(
                "",
                "\nbeëindig de correspondentie beleefd (bijvoorbeeld met een klant die steeds\n"
                "grievende mail stuurt): één brief aan de klant, het dossier gesloten; latere\n"
                "mail wordt bewaard zonder antwoord en zonder mail aan u",
            ),
            "de": Help(
                "",
                "\nden Schriftwechsel höflich beenden (etwa mit einem Kunden, der immer\n"
                "wieder beleidigende Mails schickt): ein Schreiben an den Kunden, der\n"
                "Vorgang abgeschlossen; spätere Mails werden ohne Antwort und ohne Mail\n"
                "an Sie abgelegt",
            ),
            "fr": Help(
                "",
                "\nmettre fin poliment à la correspondance (par exemple avec un client qui\n"
                "envoie sans cesse des e-mails injurieux)\u00a0: une lettre au client, le dossier\n"
                "clôturé\u00a0; ses e-mails suivants sont conservés, sans réponse et sans\n"
                "e-mail pour vous",
            ),
        },
        readme="ends the correspondence politely, e.g. with a customer who keeps sending abusive "
        "mail: the customer gets one letter saying so (no blame), the dossier is closed, and "
        "their later mail is filed in it without a reply and without a mail to you (the dossier "
        "counts it); text below the command stays internal. `#reopen` ends the stop",
    ),
    OwnerCommand(
        name="new",
        words={"en": ("new",), "nl": ("nieuw",), "de": ("neu",), "fr": ("nouveau", "nouvelle")},
        read=readers.address_then_channel(),
        # It opens a dossier, so no status limits it: the reply step carries it out, alone.
        allowed={},
        effect=None,
        help={
            "en": Help(
                "customer@address [channel]",
                "\non a forwarded mail: open a dossier for that customer;\n"
                "channel: phone, counter, letter, web form, mail (the default)",
            ),
            "nl": Help(
                "klant@adres [kanaal]",
                "\nbij een doorgestuurde mail: open een dossier voor die klant;\n"
                "kanaal: telefoon, balie, brief, webformulier, mail (standaard)",
            ),
            "de": Help(
                "kunde@adresse [Kanal]",
                "\nbei einer weitergeleiteten Mail: einen Vorgang für diesen Kunden eröffnen;\n"
                "Kanal: telefon, laden, brief, webformular, mail (Standard)",
            ),
            "fr": Help(
                "client@adresse [canal]",
                "\nsur un e-mail transféré\u00a0: ouvrir un dossier pour ce client\u00a0;\n"
                "canal\u00a0: téléphone, comptoir, courrier, formulaire web, e-mail (par défaut)",
            ),
        },
        readme="on a forwarded phone/counter complaint: opens a dossier, the customer is "
        "acknowledged; the channel is `telefoon`, `balie`, `brief`, `webformulier` or `mail` "
        "(phone, counter, letter, web form, email), mail when left out",
    ),
    OwnerCommand(
        name="satisfied",
        words={
            "en": ("satisfied",),
            "nl": ("tevreden",),
            "de": ("zufrieden",),
            "fr": ("satisfait", "satisfaite"),
        },
        read=readers.optional_score(
            "{word} takes a score such as 4, 4/5 or 8/10, not {given!r}",
            "{word} neemt een cijfer zoals 4, 4/5 of 8/10, niet {given!r}",
            de="{word} nimmt eine Zahl wie 4, 4/5 oder 8/10, nicht {given!r}",
            fr="{word} prend une note comme 4, 4/5 ou 8/10, pas {given!r}",
        ),
        allowed={"": ANSWERED},
        moves_to=S.CLOSED,
        effect=effects.satisfied,
        help={
            "en": Help("[score]", "settle an evaluation: closure letter; score 1-5 or 8/10"),
            "nl": Help("[cijfer]", "een evaluatie afhandelen: afsluitbrief; cijfer 1-5 of 8/10"),
            "de": Help(
                "[Zahl]", "eine Bewertung abschließen: Abschlussschreiben; Zahl 1-5 oder 8/10"
            ),
            "fr": Help(
                "[note]", "clore une évaluation\u00a0: lettre de clôture\u00a0; note 1-5 ou 8/10"
            ),
        },
        readme="settles an evaluation answer the agent could not read, exactly as a satisfied "
        "answer does: the closure letter; the score is 1–5 or e.g. `8/10`",
    ),
    OwnerCommand(
        name="unhappy",
        words={
            "en": ("unhappy",),
            "nl": ("ontevreden",),
            "de": ("unzufrieden",),
            "fr": ("insatisfait", "insatisfaite", "mécontent", "mecontent"),
        },
        read=readers.free_text(),
        allowed={"": ANSWERED},
        moves_to=S.REOPENED,
        effect=effects.unhappy,
        help={
            "en": Help("", "settle an evaluation: reopen, disputes body to the customer"),
            "nl": Help("", "een evaluatie afhandelen: heropenen, geschillencommissie aan de klant"),
            "de": Help(
                "", "eine Bewertung abschließen: wieder eröffnen, Schlichtungsstelle an den Kunden"
            ),
            "fr": Help("", "clore une évaluation\u00a0: réouverture, médiateur indiqué au client"),
        },
        readme="settles an evaluation answer the agent could not read, exactly as an unhappy "
        "answer does: reopened, the handler told, the disputes body named to the customer",
    ),
)

# Sending the reply's text to the customer is allowed wherever the dossier is not closed.
RELAY = ALL - {S.CLOSED}
# Words that ask for the list of commands instead of naming one.
HELP_WORDS = ("help", "hulp", "hilfe", "aide", "?")

BY_NAME = {entry.name: entry for entry in COMMANDS}


def _by_word(entries: Iterable[OwnerCommand]) -> dict[str, OwnerCommand]:
    """Every word of every language → its command; a word may name one command only."""
    found: dict[str, OwnerCommand] = {}
    for entry in entries:
        for language in LANGUAGES:
            for word in entry.words.get(language, ()):
                if found.setdefault(word, entry) is not entry:
                    raise ValueError(f"#{word} names both {found[word].name} and {entry.name}")
    return found


BY_WORD = _by_word(COMMANDS)


def codes(choices: tuple[Choice, ...]) -> dict[str, str]:
    """Every word of every language → the code it names ("vervanging" → "replace")."""
    return {w: c.code for c in choices for words in c.words.values() for w in words}


RESOLUTION_TYPES = codes(RESOLUTION_CHOICES)
