"""Which language detector reads first mails best: the stop-word scorer against three libraries.

Scores each on `tests/language_table.py` (63 short first mails, the language a shop would
answer in, "" where the shop's own language is right), with the same shop default ("nl") for
an unsure or foreign answer, and measures import time, memory and the cost per call.

    .venv/bin/python bench/language_detectors.py                  # the scorer alone
    /tmp/venv/bin/python bench/language_detectors.py py3langid langdetect lingua

Each library is scored twice: on the whole mail, and on the customer's own words as the
scorer cuts them (subject and body paragraphs, no greeting, sign-off or quote).

(the libraries in a scratch venv: `pip install py3langid langdetect lingua-language-detector`).
"""

from __future__ import annotations

import importlib
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from language_table import MAILS  # noqa: E402

FOUR = ("nl", "en", "de", "fr")
DEFAULT = "nl"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def scorer() -> Callable[[str], str]:
    from inbox_agent.reading.language import detect_language

    return lambda text: detect_language(text, DEFAULT)


def py3langid() -> Callable[[str], str]:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(FOUR))

    def detect(text: str) -> str:
        code, probability = identifier.classify(text)
        return code if probability >= 0.9 else DEFAULT

    return detect


def langdetect() -> Callable[[str], str]:
    from langdetect import DetectorFactory, detect_langs

    DetectorFactory.seed = 0

    def detect(text: str) -> str:
        try:
            best = detect_langs(text)[0]
        except Exception:
            return DEFAULT
        return best.lang if best.lang in FOUR and best.prob >= 0.9 else DEFAULT

    return detect


def lingua() -> Callable[[str], str]:
    from lingua import Language, LanguageDetectorBuilder

    languages = [Language.DUTCH, Language.ENGLISH, Language.GERMAN, Language.FRENCH]
    detector = LanguageDetectorBuilder.from_languages(*languages).build()
    codes = {
        Language.DUTCH: "nl",
        Language.ENGLISH: "en",
        Language.GERMAN: "de",
        Language.FRENCH: "fr",
    }

    def detect(text: str) -> str:
        found = detector.detect_language_of(text)
        return codes.get(found, DEFAULT) if found is not None else DEFAULT

    return detect


def cleaned(text: str) -> str:
    """What the scorer reads of a mail: the subject and the customer's own paragraphs."""
    from inbox_agent.reading.language import body_paragraphs

    subject, _, body = text.partition("\n")
    return "\n\n".join([subject, *body_paragraphs(body)])


def run(name: str, clean: bool) -> None:
    before, start = _rss_mb(), time.perf_counter()
    detect = globals()[name]()
    detect("warm-up: een korte zin om de modellen te laden")
    loaded = time.perf_counter() - start
    memory = _rss_mb() - before
    start = time.perf_counter()
    answers = [detect(cleaned(text) if clean else text) for text, _ in MAILS]
    per_call = (time.perf_counter() - start) / len(MAILS) * 1000
    right = sum(
        answer == (expected or DEFAULT)
        for answer, (_, expected) in zip(answers, MAILS, strict=True)
    )
    wrong = [
        (expected or DEFAULT, answer, text.splitlines()[0])
        for answer, (text, expected) in zip(answers, MAILS, strict=True)
        if answer != (expected or DEFAULT)
    ]
    print(
        f"{name:10s} {'own words' if clean else 'whole mail'} right {right}/{len(MAILS)}  "
        f"load+first call {loaded * 1000:7.0f} ms  "
        f"memory +{memory:6.1f} MB  per call {per_call:6.2f} ms"
    )
    for expected, answer, subject in wrong:
        print(f"    expected {expected}, read {answer}: {subject}")


if __name__ == "__main__":
    importlib.invalidate_caches()
    for detector in sys.argv[1:] or ["scorer"]:
        for clean in (False, True) if detector != "scorer" else (False,):
            run(detector, clean)
