"""Play the weeks-long story and write every mailbox out as text, to read it as each person would.

    .venv/bin/python tests/story_mailboxes.py OUTDIR

writes one file per person (`anna.txt` … `karin.txt`, `handler.txt`, `deputy.txt`,
`colleague.txt`, and `shop.txt` for the complaint mailbox itself), each the mails that person
received and sent, in order: date, from, to, subject and the decoded text. It runs on the
embedded pymap and aiosmtpd servers; `test_story_weeks.py` writes the same files when
INBOX_AGENT_STORY_DUMP names a folder.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from email.message import EmailMessage
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from story import WEEKS, Person, Story, date_of, play, text_of  # noqa: E402

from inbox_agent.testing.servers import PymapServer, SmtpServer  # noqa: E402

RULE = "=" * 78


def _entry(message: EmailMessage, direction: str) -> str:
    return (
        f"{RULE}\n{direction}  {date_of(message):%a %d %b %Y %H:%M}\n"
        f"From:    {message['From']}\nTo:      {message['To']}\n"
        f"Subject: {message['Subject']}\n\n{text_of(message).rstrip()}\n"
    )


def mailbox_text(story: Story, person: Person) -> str:
    """Everything `person` received and sent in the story, oldest first."""
    received = [(m, "received") for m in story.mailboxes.get(person.address, [])]
    sent = [(s.message, "sent    ") for s in story.sent if s.person == person]
    mails = sorted(received + sent, key=lambda item: date_of(item[0]))
    title = f"{person.name} <{person.address}>: {len(received)} received, {len(sent)} sent"
    return title + "\n" + "".join(_entry(m, d) for m, d in mails)


def write_mailboxes(story: Story, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for person in [*story.cast.people, story.cast.shop]:
        path = folder / f"{person.key}.txt"
        path.write_text(mailbox_text(story, person), encoding="utf-8")
        written.append(path)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="where to write one text file per mailbox")
    args = parser.parse_args()
    imap = PymapServer()
    smtp = SmtpServer(imap)
    try:
        with tempfile.TemporaryDirectory() as scratch:
            story = play(imap, smtp.port, Path(scratch), WEEKS)
    finally:
        smtp.stop()
        imap.stop()
    for path in write_mailboxes(story, args.folder):
        print(path)
    failed = [c for c in story.cycles if c.returncode != 0]
    print(f"{len(story.cycles)} cycles in {story.seconds:.0f} s, {len(failed)} did not exit 0")
    for problem in story.problems:
        print("problem:", problem)
    return 0


if __name__ == "__main__":
    sys.exit(main())
