"""Eight weeks of a Dutch shop's complaints, through the real CLI and real servers (issue 20).

`story.py` plays the story once per IMAP server (pymap, and Dovecot where installed); every
test here reads what the people ended up with: their mailboxes over IMAP, and the dossiers as
`show --json` gives them. Each test states one rule of the complaint process (SPEC §2 step 3
and step 7, SPEC §4) and names the customer and the letter that breaks it.

Set INBOX_AGENT_STORY_DUMP=DIR to also write every mailbox as text into DIR (see
`story_mailboxes.py`).
"""

from __future__ import annotations

import os
import re
import shutil
from datetime import date, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
from story import SHOP_ZONE, WEEKS, Sent, Story, date_of, play, text_of
from story_mailboxes import write_mailboxes

from inbox_agent.testing.servers import ImapServer, SmtpServer

pytestmark = pytest.mark.slow

# A person's mail is relayed by the cycle two minutes later: a letter within this long after a
# person's act about its customer was caused by that person.
CAUSED_WITHIN = timedelta(minutes=5)


@pytest.fixture(scope="module")
def story(imap_server: ImapServer, tmp_path_factory: pytest.TempPathFactory) -> Story:
    """The story played once per IMAP server (conftest's `imap_server`: pymap, Dovecot)."""
    if shutil.which("faketime") is None:
        if os.environ.get("INBOX_AGENT_REQUIRE_FAKETIME") == "1":
            pytest.fail("INBOX_AGENT_REQUIRE_FAKETIME=1 but faketime is not installed")
        pytest.skip("faketime is not installed (Debian package faketime; CI installs it)")
    smtp = SmtpServer(imap_server)
    try:
        played = play(imap_server, smtp.port, tmp_path_factory.mktemp("story"), WEEKS)
    finally:
        smtp.stop()
    if folder := os.environ.get("INBOX_AGENT_STORY_DUMP"):
        write_mailboxes(played, Path(folder) / imap_server.name)
    return played


# --- Reading letters ---------------------------------------------------------------------

MONTHS = {
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "en": "January February March April May June July August September October November December",
}
DAY_WORDS = {
    "nl": "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag",
    "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
}


def _date_pattern(language: str) -> re.Pattern[str]:
    days = "|".join(DAY_WORDS[language].split())
    months = "|".join(MONTHS[language].split())
    return re.compile(rf"(?:(?:{days}) )?(\d{{1,2}}) ({months})(?: (\d{{4}}))?")


def dates_in(text: str, language: str, year: int = 2027) -> list[date]:
    """Every date written out in `text` ("maandag 18 januari 2027", "19 januari")."""
    months = MONTHS[language].split()
    found = []
    for match in _date_pattern(language).finditer(text):
        day, month, in_year = match.groups()
        found.append(date(int(in_year or year), months.index(month) + 1, int(day)))
    return found


def own_text(letter: EmailMessage) -> str:
    """The letter without any quoted history."""
    return "\n".join(line for line in text_of(letter).splitlines() if not line.startswith(">"))


def first_lines(letter: EmailMessage, count: int = 8) -> str:
    lines = [line for line in own_text(letter).splitlines() if line.strip()]
    head = "\n    ".join(lines[:count])
    return f"{date_of(letter):%a %d %b %H:%M} {letter['Subject']}\n    {head}"


def kinds(story: Story, key: str) -> dict[str, str]:
    """Message-ID → the dossier's `kind` for every message of this customer's dossiers."""
    found = {}
    for dossier in story.dossiers[key]:
        for message in dossier.get("messages", []):
            found[message["message_id"].strip("<>")] = message["kind"]
    return found


def kind_of(story: Story, key: str, letter: EmailMessage) -> str:
    return kinds(story, key).get(str(letter["Message-ID"]).strip("<>"), "?")


def caused_by_a_person(story: Story, key: str, letter: EmailMessage) -> bool:
    sent = date_of(letter)
    return any(timedelta(0) <= sent - act.date <= CAUSED_WITHIN for act in story.acts_about(key))


def acts_between(story: Story, key: str, start: datetime, end: datetime) -> list[Sent]:
    return [act for act in story.acts_about(key) if start < act.date < end]


# The letters that acknowledge a customer's mail on its day and may state a date nobody named
# before: the first acknowledgement, and the ones a dossier gets when the customer's later mail
# or unhappy evaluation reopens it (each states the reopened dossier's fresh answer date).
ACKNOWLEDGING = {"acknowledgement", "reopening", "disputes"}

DATE_COMMANDS = re.compile(r"^#(afspraak|agree|termijn|datum|deadline)\b", re.M)


def promise_moments(story: Story, key: str) -> list[datetime]:
    """When the customer was promised a date by someone allowed to: the acknowledgement, or a
    person's `#afspraak`/`#termijn`."""
    acknowledged = [
        date_of(letter)
        for letter in story.letters_to(key)
        if kind_of(story, key, letter) in ACKNOWLEDGING
    ]
    by_people = [act.date for act in story.acts_about(key) if DATE_COMMANDS.search(act.text)]
    return sorted(acknowledged + by_people)


APOLOGY = re.compile(
    r"niet gelukt|niet is gelukt|spijt ons|did not work out|not managed|have not managed"
    r"|we are sorry",
    re.I,
)


def is_missed_date_apology(letter: EmailMessage) -> bool:
    text = " ".join(own_text(letter).split())
    return bool(APOLOGY.search(text)) and bool(re.search(r"beloofd|promised", text, re.I))


def forward_dates(letter: EmailMessage, language: str) -> set[date]:
    """The dates a letter states that are today or later: what it holds out to the customer."""
    today = date_of(letter).date()
    return {day for day in dates_in(own_text(letter), language) if day >= today}


def new_date_line(letter: EmailMessage, language: str) -> str:
    """The letter's date and the sentence holding the latest date it states."""
    sentences = re.split(r"(?<=[.!?])\s+", " ".join(own_text(letter).split()))
    dated = [s for s in sentences if forward_dates_in(s, letter, language)]
    return f"{date_of(letter):%a %d %b %H:%M}: {dated[-1] if dated else '?'!r}"


def forward_dates_in(text: str, letter: EmailMessage, language: str) -> list[date]:
    return [day for day in dates_in(text, language) if day >= date_of(letter).date()]


def letters_report(letters: list[EmailMessage]) -> str:
    return "\n  ".join(first_lines(letter) for letter in letters)


CUSTOMERS = ["anna", "bram", "cor", "daan", "eva", "frank", "greet", "helen", "ilse", "karin"]


# --- The run itself ----------------------------------------------------------------------


def test_every_cycle_of_the_eight_weeks_exits_cleanly(story: Story) -> None:
    failed = [c for c in story.cycles if c.returncode != 0]
    report = "\n".join(
        f"{c.at:%a %d %b %H:%M} exit {c.returncode}: {c.output[-600:]}" for c in failed
    )
    assert [] == failed, f"{len(failed)} of {len(story.cycles)} cycles failed:\n{report}"


def test_the_story_lasts_seven_weeks_or_more_with_several_cycles_a_day(story: Story) -> None:
    first, last = story.cycles[0].at, story.cycles[-1].at
    assert (last - first).days >= 49
    assert len(story.cycles) >= 3 * 35


def test_every_person_in_the_story_had_a_mail_to_answer_when_they_acted(story: Story) -> None:
    """The handler and the deputy answer the agent's own mail about a dossier, as they would in
    their mail program; the deputy only has such mail when the agent told them."""
    assert [] == story.problems


# --- SPEC §2 step 3: renegotiate a promise once, then a person must act -------------------


@pytest.mark.parametrize("key", CUSTOMERS)
def test_the_agent_renegotiates_a_date_at_most_once_without_a_person_acting(
    story: Story, key: str
) -> None:
    """A letter about a new date that no person asked for — not the acknowledgement, not a
    person's relayed words — may go to a customer once; then a person must act before another."""
    language = story.cast.customers[key].language
    told: set[date] = set()
    unasked: list[EmailMessage] = []
    offences: list[list[EmailMessage]] = []
    previous = story.cycles[0].at - timedelta(days=1)
    for letter in story.letters_to(key):
        sent = date_of(letter)
        if acts_between(story, key, previous, sent):
            unasked = []
        previous = sent
        new_dates = forward_dates(letter, language) - told
        told |= forward_dates(letter, language)
        if kind_of(story, key, letter) in ACKNOWLEDGING or caused_by_a_person(story, key, letter):
            continue
        if new_dates:
            unasked.append(letter)
            if len(unasked) == 2:
                offences.append(unasked)
    assert [] == offences, (
        f"{key}: the agent wrote about a new date again without a person acting in between "
        f"(rule: at most one automatic renegotiation); each run of such letters:\n  "
        + "\n  ".join(
            "\n  ".join(new_date_line(letter, language) for letter in group) + "\n"
            for group in offences
        )
    )


@pytest.mark.parametrize("key", CUSTOMERS)
def test_no_letter_apologises_for_a_missed_date_after_a_person_acted_before_it(
    story: Story, key: str
) -> None:
    """ "We promised ...; that did not work out" is untrue when, after the last real promise (the
    acknowledgement or a person's date), a person answered, agreed or noted something."""
    untrue = []
    for letter in story.letters_to(key):
        if not is_missed_date_apology(letter):
            continue
        sent = date_of(letter)
        promised = [moment for moment in promise_moments(story, key) if moment < sent]
        since = promised[-1] if promised else story.cycles[0].at
        acted = [
            act
            for act in acts_between(story, key, since, sent)
            if not DATE_COMMANDS.search(act.text)
        ]
        if acted:
            untrue.append((letter, since, acted[-1]))
    assert [] == untrue, (
        f"{key}: a letter says a promise was missed although a person acted after the last real "
        f"promise (rule: no untrue apology):\n  "
        + "\n  ".join(
            f"{first_lines(letter, 4)}\n    (the last promise by the acknowledgement or a person: "
            f"{since:%a %d %b %H:%M}; since then {act.person.key} wrote on "
            f"{act.date:%a %d %b %H:%M}: {act.text.strip().splitlines()[0][:60]!r})"
            for letter, since, act in untrue
        )
    )


# --- SPEC §2 step 7: listen before evaluating; after closure ------------------------------


@pytest.mark.parametrize("key", CUSTOMERS)
def test_no_evaluation_is_asked_while_a_later_customer_mail_is_unanswered(
    story: Story, key: str
) -> None:
    offending = []
    for letter in story.letters_to(key):
        if kind_of(story, key, letter) != "evaluation":
            continue
        asked = date_of(letter)
        for mail in story.written_by(key):
            if mail.date < asked and not acts_between(story, key, mail.date, asked):
                offending.append((letter, mail))
    assert [] == offending, (
        f"{key}: an evaluation request went out while the customer's mail waited for an answer "
        f"(rule: no evaluation over an unanswered follow-up):\n  "
        + "\n  ".join(
            f"{first_lines(letter, 3)}\n    (unanswered since {mail.date:%a %d %b %H:%M}: "
            f"{mail.text.strip().splitlines()[0][:80]!r})"
            for letter, mail in offending
        )
    )


def _acknowledged_same_day(story: Story, key: str, mail: Sent) -> list[EmailMessage]:
    return [
        letter
        for letter in story.letters_to(key)
        if mail.date <= date_of(letter)
        and date_of(letter).date() == mail.date.date()
        and kind_of(story, key, letter) in ACKNOWLEDGING
    ]


@pytest.mark.parametrize("key", CUSTOMERS)
def test_every_new_complaint_is_acknowledged_the_same_day(story: Story, key: str) -> None:
    [complaint] = [mail for mail in story.written_by(key) if "In-Reply-To" not in mail.message]
    assert _acknowledged_same_day(story, key, complaint), (
        f"{key}: no acknowledgement on the day of the complaint "
        f"({complaint.date:%a %d %b %H:%M}); letters: \n  {letters_report(story.letters_to(key))}"
    )


def test_a_complaint_after_closure_is_acknowledged_the_same_day(story: Story) -> None:
    """Ilse's dossier was closed satisfied; then the new bag tears too and she writes again."""
    ilse = story.written_by("ilse")[-1]
    assert "scheurt" in ilse.text
    after = [letter for letter in story.letters_to("ilse") if date_of(letter) >= ilse.date]
    assert _acknowledged_same_day(story, "ilse", ilse), (
        "ilse: a complaint after closure got no same-day acknowledgement (rule: a complaint "
        "after closure is acknowledged the same day); what she got instead:\n  "
        + "\n  ".join(f"[{kind_of(story, 'ilse', m)}] {first_lines(m, 6)}" for m in after[:2])
    )


def test_a_customer_who_writes_after_the_resolution_is_acknowledged_the_same_day(
    story: Story,
) -> None:
    """Daan's derailleur was repaired (resolved); a week later it skips again."""
    mail = story.written_by("daan")[1]
    assert "weer mis" in mail.text
    after = [m for m in story.letters_to("daan") if date_of(m) > mail.date]
    assert _acknowledged_same_day(story, "daan", mail), (
        f"daan: 'weer mis'... ({mail.date:%a %d %b %H:%M}) after the resolution got no same-day "
        f"acknowledgement (rule: a follow-up saying the solution failed, or asking a question, "
        f"reopens the dossier and is acknowledged); the next letter:\n  "
        + (f"[{kind_of(story, 'daan', after[0])}] {first_lines(after[0], 4)}" if after else "none")
    )


def test_a_question_in_a_reopened_dossier_reaches_the_handler_the_same_day(story: Story) -> None:
    """Weeks after the reopening, with the agent's one new date broken, Daan asks when he will
    hear: the agent may not write him about dates again on its own, so a person must hear of
    it that day, with his words."""
    mail = story.written_by("daan")[2]
    assert "Wanneer hoor ik" in mail.text
    handler = story.mailboxes[story.cast.handler.address]
    told = [
        m
        for m in handler
        if mail.date <= date_of(m)
        and date_of(m).date() == mail.date.date()
        and "Wanneer hoor ik" in text_of(m)
    ]
    assert told, f"daan: the handler did not hear of 'Wanneer hoor ik' on {mail.date:%a %d %b}"


def test_an_internal_note_sends_the_customer_nothing(story: Story) -> None:
    [note] = [act for act in story.acts_about("frank") if "#notitie" in act.text]
    letters = story.letters_to("frank")
    sent = [m for m in letters if note.date <= date_of(m) <= note.date + CAUSED_WITHIN]
    assert [] == sent, f"frank: the handler's #notitie reached him:\n  {letters_report(sent)}"


def test_a_thank_you_after_closure_reopens_nothing_and_opens_no_dossier(story: Story) -> None:
    """Eva was helped, said so with a 5, got the closure letter; then she says thank you."""
    thanks = story.written_by("eva")[-1]
    assert "Dank u wel" in thanks.text
    dossiers = story.dossiers["eva"]
    assert 1 == len(dossiers), f"eva: the thank-you opened another dossier: {len(dossiers)}"
    [dossier] = dossiers
    reopened = [
        event
        for event in dossier["events"]
        if event.get("to") == "reopened" and datetime.fromisoformat(event["at"]) > thanks.date
    ]
    later = [letter for letter in story.letters_to("eva") if date_of(letter) > thanks.date]
    assert ("closed", [], []) == (dossier["status"], reopened, later), (
        f"eva: the thank-you after closure must be filed and nothing more, but the dossier is "
        f"{dossier['status']!r}, {len(reopened)} reopening event(s), and she got "
        f"{len(later)} letter(s) after it:\n  {letters_report(later[:2])}"
    )


# --- SPEC §4 and the whole letter ---------------------------------------------------------

PROMISE_WORDS = re.compile(
    r"\buiterlijk\b|\bkrijgt u\b|\bu krijgt\b|\bhoort u\b|\bat the latest\b|\byou will\b|"
    r"\bby (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.I,
)
PAST_WORDS = re.compile(r"\bbeloofd\b|\bzou krijgen\b|\bpromised\b|\bhad\b|\bwas\b", re.I)


@pytest.mark.parametrize("key", CUSTOMERS)
def test_no_letter_states_a_past_date_as_a_promise(story: Story, key: str) -> None:
    language = story.cast.customers[key].language
    stale = []
    for letter in story.letters_to(key):
        today = date_of(letter).date()
        for sentence in re.split(r"(?<=[.!?])\s+", " ".join(own_text(letter).split())):
            if not PROMISE_WORDS.search(sentence) or PAST_WORDS.search(sentence):
                continue
            if any(day < today for day in dates_in(sentence, language)):
                stale.append(f"{first_lines(letter, 1)}\n    {sentence!r}")
    assert [] == stale, f"{key}: a letter promises a date already past:\n  " + "\n  ".join(stale)


GREETING = {"nl": re.compile(r"^(Beste|Geachte|Dag|Hallo)\b"), "en": re.compile(r"^(Dear|Hello)\b")}
SIGN_OFF = {
    "nl": re.compile(r"^(Met vriendelijke groet|Vriendelijke groet|Hartelijke groet|Groet)", re.M),
    "en": re.compile(r"^(Kind regards|Best regards|Regards|Yours sincerely)", re.M),
}
REFERENCE_LINE = {"nl": "Dossiernummer: ", "en": "Reference: "}
# Words only the other language uses, each common enough to show up in any letter.
OTHER_LANGUAGE = {
    "en": {"uw", "wij", "het", "een", "niet", "klacht", "antwoord", "bericht", "graag", "dank"},
    "nl": {"the", "your", "we", "complaint", "you", "thank", "please", "regards", "our"},
}
INTERNAL_LABELS = [
    (re.compile(r"\b[a-z]+_[a-z_]+\b"), "a code with an underscore"),
    (re.compile(r"(?:^|\s)#[a-z]{3,}\b", re.M), "an owner command"),
    (re.compile(r"\{\{|\}\}|\{%|%\}"), "template syntax"),
    (re.compile(r"\b(None|True|False|Undefined|nan)\b"), "a programming value"),
]
# The stored codes (statuses, solutions, causes) are English words: in a Dutch letter they are
# labels that escaped translation.
CODES_IN_DUTCH = re.compile(
    r"\b(acknowledged|in progress|resolved|rejected|evaluating|reopened|repair|replace|assist|"
    r"inform|compensate|goodwill|refund|quality|misuse|information|other)\b",
    re.I,
)


def _body(letter: EmailMessage) -> str:
    """The letter without the shop's signature block and reference (always Dutch)."""
    text = own_text(letter)
    for marker in (
        "\nFietsenwinkel De Ketting\nKettingstraat",
        "\nDossiernummer: ",
        "\nReference: ",
    ):
        text = text.split(marker, 1)[0]
    return text


@pytest.mark.parametrize("key", CUSTOMERS)
def test_every_letter_is_a_whole_letter_in_the_customers_language(story: Story, key: str) -> None:
    language = story.cast.customers[key].language
    wrong = []
    for letter in story.letters_to(key):
        text = own_text(letter)
        first = next((line for line in text.splitlines() if line.strip()), "")
        words = set(re.findall(r"[a-zà-ÿ]+", _body(letter).lower()))
        foreign = sorted(words & OTHER_LANGUAGE[language])
        problems = [
            "no greeting" * (not GREETING[language].search(first)),
            "no sign-off" * (not SIGN_OFF[language].search(text)),
            "no shop signature" * ("Fietsenwinkel De Ketting\nKettingstraat 1" not in text),
            "no reference line" * (REFERENCE_LINE[language] not in text),
            f"other-language words {foreign}" * (len(foreign) >= 2),
        ]
        if problems := [p for p in problems if p]:
            wrong.append(f"{first_lines(letter, 4)}\n    → {', '.join(problems)}")
    assert [] == wrong, (
        f"{key}: letters that are not a whole letter in {language} (rule: greeting, signature, "
        f"the customer's language):\n  " + "\n  ".join(wrong)
    )


@pytest.mark.parametrize("key", CUSTOMERS)
def test_no_letter_shows_an_internal_label(story: Story, key: str) -> None:
    language = story.cast.customers[key].language
    leaks = []
    for letter in story.letters_to(key):
        body = "\n".join(line for line in _body(letter).splitlines() if "mailto:" not in line)
        for pattern, what in INTERNAL_LABELS:
            if found := pattern.search(body):
                leaks.append(f"{first_lines(letter, 1)}\n    {what}: {found.group(0)!r}")
        if language == "nl" and (found := CODES_IN_DUTCH.search(body)):
            leaks.append(f"{first_lines(letter, 1)}\n    an English code: {found.group(0)!r}")
    assert [] == leaks, f"{key}: internal labels in a customer letter:\n  " + "\n  ".join(leaks)


def test_internal_notes_and_a_colleagues_answer_never_reach_the_customer(story: Story) -> None:
    secrets = {
        "frank": ["erg boos", "bel hem vanmiddag"],
        "greet": ["Kees", "iets anders lachte", "Wie stond er"],
    }
    leaked = [
        f"{key}: {secret!r} in {first_lines(letter, 1)}"
        for key, words in secrets.items()
        for letter in story.letters_to(key)
        for secret in words
        if secret in _body(letter)
    ]
    assert [] == leaked


def test_the_english_customer_hears_only_english(story: Story) -> None:
    letters = story.letters_to("helen")
    assert len(letters) >= 3
    dutch = [
        first_lines(letter, 3)
        for letter in letters
        if set(re.findall(r"[a-z]+", _body(letter).lower())) & OTHER_LANGUAGE["en"]
    ]
    assert [] == dutch, "helen: Dutch words in a letter to an English customer:\n  " + "\n  ".join(
        dutch
    )


# --- SPEC §3: the promise records ---------------------------------------------------------

PROMISE_KEYS = {"by", "what", "due", "outcome", "renegotiated_to", "renegotiated_by"}


def promises_of(story: Story, key: str) -> list[dict]:
    return [promise for dossier in story.dossiers[key] for promise in dossier.get("promises", [])]


@pytest.mark.parametrize("key", CUSTOMERS)
def test_every_dossier_records_its_promises(story: Story, key: str) -> None:
    for dossier in story.dossiers[key]:
        assert "promises" in dossier, (
            f"{key}: show --json of {dossier['reference']} has no promises"
        )
        for promise in dossier["promises"]:
            assert PROMISE_KEYS <= set(promise), (
                f"{key}: {promise} lacks {PROMISE_KEYS - set(promise)}"
            )
            assert promise["outcome"] in {"open", "kept", "renegotiated", "broken"}, (
                f"{key}: {promise}"
            )


def test_the_ignored_complaint_is_renegotiated_once_by_the_agent_then_broken(story: Story) -> None:
    promises = promises_of(story, "anna")
    assert promises, "anna: no promises recorded"
    by_agent = [p for p in promises if p.get("renegotiated_by") == "agent"]
    assert "agent" == promises[0]["by"], f"anna: {promises}"
    assert 1 == len(by_agent), f"anna: the agent renegotiated {len(by_agent)} times: {promises}"
    assert "broken" == promises[-1]["outcome"], f"anna: {promises}"


def test_a_promise_answered_at_once_is_kept(story: Story) -> None:
    promises = promises_of(story, "bram")
    assert promises, "bram: no promises recorded"
    assert ("agent", "kept") == (promises[0]["by"], promises[0]["outcome"]), f"bram: {promises}"
    assert all(p["outcome"] == "kept" for p in promises), f"bram: {promises}"


def test_an_agreement_marked_done_is_kept_and_the_customer_is_told(story: Story) -> None:
    handler = story.cast.handler.address
    agreed = [p for p in promises_of(story, "cor") if p.get("by") == handler]
    assert [("2027-01-19", "kept")] == [(p["due"][:10], p["outcome"]) for p in agreed], (
        f"cor: the agreement of 19 January, marked #klaar that day: {promises_of(story, 'cor')}"
    )
    done = story.acts_about("cor")[-1].date
    told = [m for m in story.letters_to("cor") if done <= date_of(m) <= done + CAUSED_WITHIN]
    assert told, "cor: no letter tells him the agreement was kept"


def test_a_date_set_by_the_deputy_is_recorded_as_theirs(story: Story) -> None:
    deputy = story.cast.deputy.address
    dated = [p for p in promises_of(story, "karin") if p.get("by") == deputy]
    assert ["2027-02-05"] == [p["due"][:10] for p in dated], f"karin: {promises_of(story, 'karin')}"


# --- The owner's side: one agenda a day, few mails, the customer's words (issue 21) -------

STAFF = ("handler", "deputy")
# Our answers to the owner's own mail (help, command errors): not counted in the budget.
OWN_MAIL_ANSWERS = re.compile(r"[.<](command_help|owner_help)\.")
OPEN = {"new", "acknowledged", "in_progress", "reopened"}
REFERENCE = re.compile(r"\bK-\d{4}-\d{4}\b")


def staff_mail(story: Story, who: str) -> list[EmailMessage]:
    address = getattr(story.cast, who).address
    return [m for m in story.mailboxes[address] if _sender(m) == story.cast.shop.address]


def _sender(message: EmailMessage) -> str:
    return str(message["From"]).rsplit("<", 1)[-1].strip(">").strip().lower()


def agendas(story: Story, who: str = "handler") -> list[EmailMessage]:
    return [m for m in staff_mail(story, who) if str(m["Subject"]).startswith("Agenda")]


def flat(text: str) -> str:
    """Text as words only: quote marks and line breaks (a phone-wide wrap) left out."""
    return " ".join(text.replace(">", " ").split())


def all_dossiers(story: Story) -> list[dict]:
    return [d for key in CUSTOMERS for d in story.dossiers[key]]


def open_dossier_weeks(story: Story) -> float:
    """The weeks each dossier spent open (new, acknowledged, in progress or reopened), summed."""
    end = story.cycles[-1].at
    weeks = 0.0
    for dossier in all_dossiers(story):
        status, since = "new", datetime.fromisoformat(dossier["received_at"])
        for event in dossier["events"]:
            if "to" in event:
                moment = datetime.fromisoformat(event["at"])
                weeks += (moment - since).total_seconds() / 604800 if status in OPEN else 0
                status, since = event["to"], moment
        weeks += (end - since).total_seconds() / 604800 if status in OPEN else 0
    return weeks


def test_the_agenda_goes_out_on_working_days_only(story: Story) -> None:
    from inbox_agent.durations import is_workday

    first, last = story.cycles[0].at.date(), story.cycles[-1].at.date()
    workdays = {
        first + timedelta(days=n)
        for n in range((last - first).days + 1)
        if is_workday(first + timedelta(days=n), "NL")
    }
    sent = [date_of(m).date() for who in STAFF for m in agendas(story, who)]
    off = sorted({day for day in sent if day not in workdays})
    handler_days = {date_of(m).date() for m in agendas(story)}
    assert ([], True) == (off, len(handler_days) >= len(workdays) - 1), (
        f"agendas on days off: {off}; the handler's agendas on {len(handler_days)} of "
        f"{len(workdays)} working days"
    )


def test_the_agenda_lists_every_broken_promise(story: Story) -> None:
    """Every promise that came due unkept (broken, or moved by the agent on its day) is in the
    handler's next agenda, with its reference and its date."""
    from inbox_agent.dossier.schedule import missed
    from inbox_agent.vocabulary.wording import long_date

    handler_agendas = agendas(story)
    unlisted = []
    for dossier in all_dossiers(story):
        for promise in dossier["promises"]:
            if not missed(promise):
                continue
            moved = [
                q["made_at"]
                for q in dossier["promises"]
                if q["id"] > promise["id"] and q["due"] == promise["renegotiated_to"]
            ]
            moment = datetime.fromisoformat(promise.get("broken_at") or moved[0])
            following = [m for m in handler_agendas if date_of(m) > moment]
            if not following:
                continue  # it broke after the last agenda of the story
            text = flat(text_of(following[0]))
            if dossier["reference"] not in text or long_date(promise["due"], "nl") not in text:
                unlisted.append(
                    f"{dossier['reference']} promised for {promise['due']}, missed "
                    f"{moment:%a %d %b %H:%M}; next agenda {following[0]['Subject']}"
                )
    assert [] == unlisted, "broken promises the agenda did not list:\n  " + "\n  ".join(unlisted)


def test_the_handler_and_deputy_get_at_most_two_mails_per_open_dossier_week(story: Story) -> None:
    counted = [
        m
        for who in STAFF
        for m in staff_mail(story, who)
        if not OWN_MAIL_ANSWERS.search(str(m["Message-ID"]))
    ]
    weeks = open_dossier_weeks(story)
    per_week = len(counted) / weeks
    print(f"budget: {len(counted)} mails / {weeks:.1f} open dossier-weeks = {per_week:.2f}")
    assert per_week <= 2.0, (
        f"{len(counted)} mails to the handler and deputy over {weeks:.1f} open dossier-weeks: "
        f"{per_week:.2f} a week; subjects:\n  " + "\n  ".join(str(m["Subject"]) for m in counted)
    )


def test_every_deputy_mail_carries_the_complaint_text(story: Story) -> None:
    complaints = {
        d["reference"]: next(m["text"] for m in d["messages"] if m["direction"] == "in")
        for d in all_dossiers(story)
    }
    blind = []
    for mail in staff_mail(story, "deputy"):
        text = flat(text_of(mail))
        for reference in set(REFERENCE.findall(text_of(mail) + str(mail["Subject"]))):
            longest = max(complaints[reference].splitlines(), key=len)
            if flat(longest) not in text:
                blind.append(f"{mail['Subject']}: no {longest[:60]!r}")
    assert [] == blind, "deputy mail without the complaint text:\n  " + "\n  ".join(blind)


def test_no_owner_mail_quotes_more_than_three_lines_of_our_own_letters(story: Story) -> None:
    ours = {
        flat(line)
        for key in CUSTOMERS
        for letter in story.letters_to(key)
        for line in own_text(letter).splitlines()
        if len(line.strip()) >= 25
    }
    quoting = []
    for who in STAFF:
        for mail in staff_mail(story, who):
            lines = [flat(line) for line in text_of(mail).splitlines()]
            echoed = [line for line in lines if line in ours]
            if len(echoed) > 3:
                quoting.append(f"{mail['Subject']}: {len(echoed)} lines, e.g. {echoed[0]!r}")
    assert [] == quoting, "owner mail quoting our own letters:\n  " + "\n  ".join(quoting)


def test_the_registers_kept_share_is_what_the_story_shows(story: Story) -> None:
    """The register counts the promises of open dossiers too, and a promise is kept only when
    kept by its day: the share equals the promise records' count, and every missed-date letter
    a customer got is one of the register's promises not kept (moved by us)."""
    from inbox_agent.dossier.schedule import missed

    kept = missed_count = 0
    for dossier in all_dossiers(story):
        for promise in dossier["promises"]:
            kept_at = promise.get("kept_at") or promise["made_at"]
            kept_day = datetime.fromisoformat(kept_at).astimezone(SHOP_ZONE).date().isoformat()
            late = promise["outcome"] == "kept" and kept_day > promise["due"]
            if promise["outcome"] == "kept" and not late and not promise.get("broken_at"):
                kept += 1
            elif missed(promise) or late:
                missed_count += 1
    apologies = sum(
        1
        for key in CUSTOMERS
        for m in story.letters_to(key)
        if kind_of(story, key, m) == "missed_date"
    )
    moved_by_us = [p for p in story.report["broken_promises"] if p["renegotiated_by"] == "agent"]
    assert (round(kept / (kept + missed_count), 3), apologies) == (
        story.report["promised_date_kept_rate"],
        len(moved_by_us),
    ), f"register: {story.report['promises_kept']} kept, {story.report['broken_promises']}"
