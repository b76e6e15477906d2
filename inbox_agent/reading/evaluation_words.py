"""The Dutch and English words an evaluation answer is read by, and how a typo still finds them.

Data, kept apart from the reading rules in `evaluation`. A strong word is a verdict on its own
("tevreden", "valt tegen", "super"); a weak one is a remark ("snel", "bedankt", "duurde lang")
that needs company before it decides anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

Reading = tuple[int, bool]  # (polarity +1/-1, strong)

STRONG_PLUS: Reading = (1, True)
WEAK_PLUS: Reading = (1, False)
STRONG_MINUS: Reading = (-1, True)
WEAK_MINUS: Reading = (-1, False)


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


@dataclass(frozen=True)
class Sense:
    plain: Reading
    negated: Reading  # after "niet", "not", "geen", "never", ...


def _praise() -> Sense:  # "goed" / "niet goed"
    return Sense(STRONG_PLUS, STRONG_MINUS)


def _remark_plus() -> Sense:  # "snel" / "niet snel"
    return Sense(WEAK_PLUS, WEAK_MINUS)


def _outcome() -> Sense:  # "opgelost" / "niet opgelost": the problem is still there
    return Sense(WEAK_PLUS, STRONG_MINUS)


def _blame() -> Sense:  # "slecht" / "niet slecht"
    return Sense(STRONG_MINUS, WEAK_PLUS)


def _remark_minus() -> Sense:  # "traag" / "niet traag"
    return Sense(WEAK_MINUS, WEAK_PLUS)


def _thanks() -> Sense:  # "bedankt" / "niet bedankt" (a weak, rare thing to negate)
    return Sense(WEAK_PLUS, WEAK_MINUS)


_GROUPS: dict[str, tuple[Sense, str]] = {
    "praise": (
        _praise(),
        "tevreden tevredenheid satisfied satisfactory happy blij content verheugd uitstekend "
        "uitstekende excellent perfect perfecte perfectly super top toppie prima geweldig "
        "geweldige fantastisch fantastic great goed goede good prachtig uitmuntend outstanding "
        "wonderful brilliant amazing awesome keurig fijn lovely topservice tip-top chapeau "
        "klasse pleased glad delighted superb impressed aanrader recommend ideaal ideal",
    ),
    "remark_plus": (
        _remark_plus(),
        "snel snelle vlot vlotte quick quickly fast swift vriendelijk vriendelijke friendly "
        "behulpzaam helpful netjes nice correct professioneel professional duidelijk clear "
        "voldoende ok oke oké okay alright fine",
    ),
    "outcome": (
        _outcome(),
        "opgelost resolved solved sorted fixed gerepareerd gemaakt vervangen replaced repaired "
        "geholpen helped werkt works working work worked",
    ),
    "thanks": (
        _thanks(),
        "bedankt dank dankjewel dankuwel bedankje thanks thank thx cheers merci",
    ),
    "blame": (
        _blame(),
        "ontevreden dissatisfied unsatisfied unhappy teleurgesteld teleurstellend teleurstelling "
        "disappointed disappointing slecht slechte bad poor terrible awful horrible vreselijk "
        "verschrikkelijk belabberd waardeloos rampzalig schandalig useless ridiculous "
        "belachelijk onvoldoende boos angry furious woedend kwaad onacceptabel unacceptable "
        "triest bedroevend pathetic zwak klantonvriendelijk incompetent onbeschoft rude "
        "kapot stuk defect broken broke breaks kraakt lekt rammelt piept faulty defective "
        "damaged beschadigd waardeloze",
    ),
    "remark_minus": (
        _remark_minus(),
        "traag trage slow slowly lang long lastig moeizaam helaas unfortunately jammer "
        "pity shame matig still",
    ),
}
# "Redelijk", "ok" and "voldoende" are lukewarm: a remark, never enough to close on their own.

WORDS: dict[str, Sense] = {
    word: sense for sense, words in _GROUPS.values() for word in words.split()
}
# A few words are neither: "fine" after "not" is bad, but "fine" alone is a remark.
WORDS["ok"] = WORDS["oke"] = WORDS["oké"] = WORDS["okay"] = Sense(WEAK_PLUS, STRONG_MINUS)
WORDS["fine"] = Sense(WEAK_PLUS, STRONG_MINUS)

PHRASES: dict[tuple[str, ...], Sense] = {
    ("valt", "tegen"): _blame(),
    ("viel", "tegen"): _blame(),
    ("vielen", "tegen"): _blame(),
    ("tegen", "gevallen"): _blame(),
    ("nog", "steeds"): Sense(WEAK_MINUS, WEAK_PLUS),
    ("still", "broken"): _blame(),
    ("kon", "beter"): _blame(),
    ("kan", "beter"): _blame(),
    ("had", "beter", "gekund"): _blame(),
    ("could", "be", "better"): _blame(),
    ("could", "have", "been"): _remark_minus(),
    ("maar", "niks"): _blame(),
    ("stelde", "niks", "voor"): _blame(),
    ("geen", "klachten"): Sense(STRONG_PLUS, STRONG_PLUS),
    ("no", "complaints"): Sense(STRONG_PLUS, STRONG_PLUS),
    ("geen", "probleem"): Sense(WEAK_PLUS, WEAK_PLUS),
    ("no", "problem"): Sense(WEAK_PLUS, WEAK_PLUS),
    ("all", "good"): _praise(),
    ("all", "sorted"): _outcome(),
    ("in", "orde"): _outcome(),
    ("werkt", "weer"): _outcome(),
    ("works", "again"): _outcome(),
    ("doet", "het", "weer"): _outcome(),
    ("good", "job"): _praise(),
    ("great", "job"): _praise(),
    ("well", "done"): _praise(),
    ("goed", "gedaan"): _praise(),
    ("dik", "in", "orde"): _praise(),
    ("niet", "meer"): Sense(WEAK_MINUS, WEAK_MINUS),
    ("never", "again"): _blame(),
    ("nooit", "meer"): _blame(),
    ("geen", "reactie"): _remark_minus(),
    ("no", "answer"): _remark_minus(),
    ("no", "response"): _remark_minus(),
    ("let", "down"): _blame(),
    ("zo", "lang"): _remark_minus(),
    ("meer", "verwacht"): _blame(),
    ("more", "expected"): _blame(),
    ("niet", "zo", "best"): _blame(),
    ("not", "the", "best"): _blame(),
    ("took", "ages"): _remark_minus(),
    ("duurde", "eeuwen"): _remark_minus(),
    ("werkt", "niet"): _blame(),
    ("werkt", "nog", "niet"): _blame(),
    ("doet", "het", "niet"): _blame(),
    ("nog", "steeds", "niet"): _blame(),
    ("nog", "altijd", "niet"): _blame(),
    ("bevalt", "niet"): _blame(),
    ("beviel", "niet"): _blame(),
    ("bevalt", "goed"): _praise(),
    ("beviel", "goed"): _praise(),
    ("so", "long"): _remark_minus(),
}

NEGATORS = _set(
    "niet not geen no nooit never nauwelijks hardly barely allesbehalve nowhere "
    "nothing niets cannot cant dont didnt doesnt isnt wasnt wont"
)
# Words that may stand between a negation and what it negates, or make a bare "no".
INTENSIFIERS = _set(
    "echt really zo so heel erg zeer very helemaal totaal absoluut completely entirely "
    "totally quite at all bepaald exactly much te too nou bijzonder particularly "
    "super extremely een a hoor"
)
# Words that make the praise after them lukewarm: "redelijk tevreden" is for a person to read.
HEDGES = _set("redelijk vrij fairly reasonably somewhat enigszins matig half deels partly")
# "Far from", "verre van": a negation said with force ("far from satisfied", "far from a 5").
FAR_FROM: frozenset[tuple[str, ...]] = frozenset(
    {
        ("far", "from"),
        ("verre", "van"),
        ("anything", "but"),
        ("nowhere", "near"),
        ("not", "even", "close"),
        ("bij", "lange", "na"),
    }
)
FAR_WORDS = _set("allesbehalve nowhere")
# Words that may stand between a negation and the mark it negates: "not even close to a 5",
# "ik kan jullie geen 5 sterren geven", "een 5/5 is het niet". "More", "than", "meer", "dan" are
# not among them: "no more than 2 stars" gives a 2.
MARK_FILLERS = INTENSIFIERS | _set(
    "an de the even eens zelfs zeker definitely certainly surely give geef geeft geven gegeven "
    "given deserve deserves deserved verdien verdient verdienen verdiend you u jullie je it het "
    "them this dit that dat i ik we wij is was be are zijn wordt worden will would zou zouden "
    "can kan could kunnen close near dichtbij to full volle volledige hele whole waard worth"
)
EVEN = _set("even eens zelfs")
NEARLY = _set("close near dichtbij")
# A mark in a clause with these is wished for, not given: "would have been 5 stars if ...".
HYPOTHETICAL = _set("if als indien mits unless tenzij would've could've wouldve")
PERFECT_AUX = _set("would could i'd zou zouden had hadden")
PERFECT_PARTICIPLES = _set("have hebben given gegeven gekregen geweest been")
# A later mark after these replaces the earlier ones: "eerst een 4, nu een 2".
CORRECTIONS = _set("nu now inmiddels intussen eigenlijk actually rather eerder")
ANSWER_YES = _set("ja yes yep yeah jazeker zeker absolutely definitely")
ANSWER_NO = _set("nee no nope neen nah")
CLAUSE_END = frozenset(".!?;:,\n")
CONTRAST = _set("maar but however echter though although alleen only behalve except wel toch")
EMOJI: dict[str, Reading] = {
    **{e: STRONG_PLUS for e in "👍👌🥳🎉😍🤩💯🙌👏"},
    **{e: WEAK_PLUS for e in "🙂😊😀😃😄😁❤💚💙♥☺🌟✨✅"},
    **{e: STRONG_MINUS for e in "👎😡🤬😠"},
    **{e: WEAK_MINUS for e in "🙁☹😞😢😭😕😒😤"},
}
SMILEYS = {":-)": "🙂", ":)": "🙂", ":-(": "🙁", ":(": "🙁", ";-)": "🙂", ";)": "🙂", ":D": "😀"}

NUMBER_WORDS = {
    "één": 1,
    "eén": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
# After these a number is a count, not a score: "10 dagen", "3 weeks", "2 keer", "45 euro".
UNITS = sorted(
    _set(
        "dag dagen days? weken week weeks maanden maand months? jaar jaren years? uur uren hours? "
        "minuten minutes? min keer times? x euro eur mails? mailtjes e-?mails? telefoontjes calls? "
        "werkdagen workdays? working business stuks? pieces? items? procent percent cm mm km kg "
        "mensen people medewerkers"
    ),
    key=len,
    reverse=True,
)

_RUNS = re.compile(r"(.)\1+")


def _skeleton(word: str) -> str:
    return _RUNS.sub(r"\1", word)


_SKELETONS: dict[str, Sense] = {}
for _word, _sense in WORDS.items():
    _SKELETONS.setdefault(_skeleton(_word), _sense)
_LONG = [w for w in WORDS if len(w) >= 7]


def _one_edit(a: str, b: str) -> bool:
    """True when one letter added, dropped or changed turns a into b ("tevrede", "satisfid")."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


def lookup(word: str) -> Sense | None:
    """The word's sense, also when stretched ("tevreeeden", "toppp") or one typo off (7+ letters)."""
    if word in WORDS:
        return WORDS[word]
    if word.endswith("e") and word[:-1] in WORDS:  # Dutch inflection: "fantastische service"
        return WORDS[word[:-1]]
    if _skeleton(word) != word and _skeleton(word) in _SKELETONS:
        return _SKELETONS[_skeleton(word)]
    if len(word) >= 7:
        near = {WORDS[w] for w in _LONG if _one_edit(word, w)}
        if len(near) == 1:
            return near.pop()
    return None
