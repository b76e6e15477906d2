"""Which part of the work a sampled stack belongs to, for bench/cpu.py's breakdown: one table.

A py-spy frame reads `function (path/of/file.py:line)`. Each row is a part and the patterns
(regular expressions searched in a frame) that claim a stack for it. The FIRST row with a
pattern matching ANY frame of the stack wins, so a part that runs inside another sits above it
(the MIME building inside the sending runner, the registration inside the pipeline, an import
inside anything). Patterns name the modules of this tree and of the flat tree before the
packages (2599b0d: `inbox_agent/app.py`, `inbox_agent/compose.py`, ...), so `--before` old
revisions are cut the same way.
"""

from __future__ import annotations

import re

A = r"inbox_agent/(?:[a-z]+/)?"  # a module of the agent, packaged or flat

PARTS: list[tuple[str, list[str]]] = [
    # Python's imports (also the lazy ones mid-run), the configuration, opening the store.
    (
        "start-up",
        [
            r"\(<frozen importlib\._bootstrap",
            rf"\({A}config\.py|\(inbox_agent/config/",
            rf"^(?:Store\.)?(?:open|read|__init__) \({A}store\.py",
            r"\(inbox_agent/cli/parser\.py",
        ],
    ),
    # The SMTP conversation (aiosmtplib, the agent's smtp module, the sending process) and the
    # hand-over of each mail to it (mailer: the pipe or the thread).
    (
        "SMTP",
        [
            r"\(aiosmtplib/",
            r"\(smtplib\.py",
            rf"\({A}smtp\.py",
            rf"\({A}sendworker\.py",
            rf"\({A}mailer\.py",
            r"\(asyncio/",  # the event loop of a sending thread or process
        ],
    ),
    ("IMAP mark processed", [r"^(?:Inbox\.)?mark_processed \(", r"^(?:Inbox\.)?_move \("]),
    ("IMAP fetch", [r"\(imapclient/", r"\(imaplib\.py", rf"\({A}inbox\.py", r"\(ssl\.py"]),
    # The bytes of an outgoing mail: headers folded, parts encoded, the generator.
    (
        "MIME building",
        [
            rf"^(?:to_bytes|_fold|text_part|_qp_text|_mime\w*) \({A}compose\.py",
        ],
    ),
    # Templates (Jinja) and the letter makers, the words of the vocabulary.
    (
        "letter rendering",
        [
            r"\(jinja2/",
            r"\(markupsafe/",
            r"\(inbox_agent/letters/",
            r"\(inbox_agent/vocabulary/",
            rf"\({A}(?:compose|mailmaker|owner|replies|customer|addressing|news|words|texts)\.py",
        ],
    ),
    (
        "archive writes",
        [rf"\({A}archive\.py", r"^_save_attachments \(", r"^(?:keep|_syncfs) \(\S*cpu_floor\.py"],
    ),
    # Writing the store file: the rows' bytes joined, the CRC, the atomic write and fsync.
    (
        "store commits",
        [
            rf"^(?:Store\.)?commit \({A}store\.py",
            r"^AtomicStorage\.(?:flush|write|_chunks) \(",
            rf"^_members \({A}storage\.py",
            rf"\({A}(?:journal|files)\.py",
        ],
    ),
    # Changing and reading rows in memory (TinyDB tables, each row encoded when it changes).
    (
        "store updates",
        [
            r"\(tinydb/",
            rf"\({A}(?:store|storage|closed|coldstore|tables|rows)\.py",
        ],
    ),
    ("parse", [r"\(mailparser/", rf"\({A}(?:parsing|htmltext)\.py"]),
    (
        "triage",
        [rf"\({A}(?:triage|rules|machines|matching)\.py", r"\(inbox_agent/triage/"],
    ),
    (
        "registration",
        [
            rf"\({A}registration\.py",
            r"\(inbox_agent/reading/",
            rf"\({A}(?:quotes|freetext|topics)\.py",
        ],
    ),
    (
        "outbox bookkeeping",
        [rf"\({A}(?:outbox|sending)\.py"],
    ),
    (
        "dossier building",
        [
            r"\(inbox_agent/dossier/",
            rf"\({A}(?:pipeline|dossiers|lifecycle|schedule|promises|durations|models|records)\.py",
        ],
    ),
    ("due sweep", [rf"\({A}(?:due|aftercare)\.py"]),
    ("cycle (other agent code)", [r"\(inbox_agent/"]),
]

OTHER = "other (no agent frame)"

_COMPILED = [(part, [re.compile(p) for p in patterns]) for part, patterns in PARTS]


def classify(frames: list[str]) -> str:
    """The part of one stack (outermost frame first), by the table's first matching row."""
    for part, patterns in _COMPILED:
        for frame in frames:
            if any(p.search(frame) for p in patterns):
                return part
    return OTHER


def names() -> list[str]:
    return [part for part, _ in PARTS] + [OTHER]
