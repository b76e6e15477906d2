"""Export a dossier (or all of a customer's) and erase personal data (AVG/GDPR); file work lives here."""

from __future__ import annotations

import copy
import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from inbox_agent.config import Config
from inbox_agent.dossier import schedule
from inbox_agent.dossier.record import Dossier, add_event, iso
from inbox_agent.models import QuarantineRow, outgoing_path
from inbox_agent.store import Store
from inbox_agent.store.rows import ErasureRecord

ERASED = "[erased]"


def dossiers_of(store: Store, email: str) -> list[Dossier]:
    email = email.lower()
    return [
        d
        for d in store.all_dossiers()
        if d["customer"]["email"].lower() == email
        or any(
            email == m.get("from", "").lower() or email in (t.lower() for t in m.get("to", []))
            for m in d["messages"]
            if m["direction"] == "in" and not m.get("internal")
        )
    ]


def known_addresses(store: Store) -> set[str]:
    """Every customer address the register holds: dossiers' customers and quarantined senders."""
    found = {d["customer"]["email"].lower() for d in store.all_dossiers()}
    found |= {(q.get("from") or "").lower() for q in store.quarantined()}
    return {address for address in found if "@" in address}


def holds_anything_of(store: Store, email: str) -> bool:
    """Whether `forget` would erase anything: a dossier or a quarantined mail of `email`."""
    email = email.strip().lower()
    return bool(dossiers_of(store, email)) or any(
        (q.get("from") or "").lower() == email for q in store.quarantined()
    )


def near_matches(store: Store, email: str, limit: int = 3) -> list[str]:
    """Addresses like `email` (a typo, another domain): what the admin may have meant."""
    import difflib

    return difflib.get_close_matches(email.strip().lower(), known_addresses(store), limit, 0.75)


def export_destination(output: Path, as_zip: bool) -> tuple[Path, bool]:
    """Where an export goes and whether it is a zip: `X.zip` is a zip named exactly that, and
    `--zip` adds `.zip` only when the name lacks it (so a folder of that name is left alone)."""
    as_zip = as_zip or output.suffix.lower() == ".zip"
    if as_zip and output.suffix.lower() != ".zip":
        output = output.with_name(output.name + ".zip")
    return output, as_zip


def export(
    store: Store,
    config: Config,
    dossiers: list[Dossier],
    destination: Path,
    as_zip: bool = False,
    quarantined: list[QuarantineRow] | None = None,
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> Path:
    """A folder per dossier: dossier.json, a printable dossier.html and every raw mail.

    Written beside the destination under a temporary name and renamed into place: an existing
    file or non-empty folder is refused (OutputExists), never overwritten or removed.
    """
    from inbox_agent.register import outputs  # only to export

    destination, as_zip = export_destination(destination, as_zip)
    outputs.refuse_existing(destination, folder=not as_zip)
    with outputs.staging_folder(destination) as staging:
        _write_export(store, config, dossiers, staging, quarantined or [], progress)
        if as_zip:
            return outputs.publish_zip(staging, destination)
        return outputs.publish_folder(staging, destination)


def _write_export(
    store: Store,
    config: Config,
    dossiers: list[Dossier],
    destination: Path,
    quarantined: list[QuarantineRow],
    progress: Callable[[int, int], None],
) -> None:
    from inbox_agent.register.printouts import dossier_html  # with jinja2: only when exporting

    for done, dossier in enumerate(dossiers, 1):
        progress(done, len(dossiers))
        dossier = with_texts(store, dossier)
        folder = destination / dossier["reference"]
        (folder / "mail").mkdir(parents=True, exist_ok=True)
        (folder / "dossier.json").write_text(
            json.dumps(dossier, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        (folder / "dossier.html").write_text(dossier_html(dossier, config), encoding="utf-8")
        for index, path in enumerate(_raw_files(store, dossier), 1):
            source = _inside(store, path)
            if source is not None and source.is_file():
                shutil.copy2(source, folder / "mail" / f"{index:03d}-{source.name}")
    for entry in quarantined:
        source = _inside(store, entry["archive"])
        if source is not None and source.is_file():
            (destination / "quarantine").mkdir(exist_ok=True)
            shutil.copy2(source, destination / "quarantine" / source.name)


def _inside(store: Store, relative: str | None) -> Path | None:
    """`relative` under the data folder, or None when it would lead outside it (or nowhere).

    Paths come from stored records; a damaged or edited record must never make `forget` or
    `export` touch a file elsewhere.
    """
    if not relative:
        return None
    root = store.root.resolve()
    target = store.root / relative
    if target.is_symlink() or root not in target.resolve().parents:
        return None
    return target


def _raw_files(store: Store, dossier: Dossier) -> list[str]:
    files = [str(m["archive"]) for m in dossier["messages"] if m.get("archive")]
    for message in dossier["messages"]:
        files += [
            a["path"]
            for a in message.get("attachments", [])
            if isinstance(a, dict) and a.get("path")
        ]
    files += [
        outgoing_path(m["message_id"], datetime.fromisoformat(m["date"]))
        for m in dossier["messages"]
        if m["direction"] == "out" and m.get("message_id") and not m.get("archive")
    ]
    return files


@dataclass
class Erasure:
    dossiers: list[str]
    files_removed: int
    quarantined_removed: int


def _scrub(text: str, addresses: list[str]) -> str:
    for address in addresses:
        text = re.sub(re.escape(address), ERASED, text, flags=re.IGNORECASE)
    return text


def erase_dossier(store: Store, dossier: Dossier, now: datetime, why: str) -> int:
    """Anonymise one dossier in place and delete its raw mail; returns the number of files removed."""
    addresses = [dossier["customer"]["email"]] + [n for n in (dossier["customer"]["name"],) if n]
    removed = 0
    for path in set(_raw_files(store, dossier)):
        target = _inside(store, path)
        if target is None:
            continue
        if target.is_file():
            target.unlink()
            removed += 1
        folder = _inside(store, str(Path(path).with_suffix("")))
        if folder is not None and folder.is_dir() and path.endswith(".eml"):
            shutil.rmtree(folder)
    import hashlib  # only to erase (see tokens.py)

    token = hashlib.sha256(dossier["customer"]["email"].lower().encode()).hexdigest()[:10]
    dossier["customer"] = {
        "name": "",
        "email": f"erased-{token}@invalid",
        "phone": "",
        "address": "",
    }
    dossier["subject"] = ERASED
    dossier["fields"] = {}
    dossier["missing"] = []
    for message in dossier["messages"]:
        message["subject"], message["archive"], message["attachments"] = ERASED, None, []
        message["from"] = _scrub(message.get("from", ""), addresses)
        message["to"] = [_scrub(t, addresses) for t in message.get("to", [])]
    for event in dossier["events"]:
        event["text"] = _scrub(event["text"], addresses)
        event["actor"] = _scrub(event["actor"], addresses)
    for agreement in dossier.get("agreements", []):
        agreement["text"] = ERASED
    for promise in dossier.get("promises", []):
        # An agreement's words are the owner's, and may name the customer.
        if promise.get("text"):
            promise["text"] = promise["what"] = ERASED
    if waiting := dossier.get("waiting"):
        waiting["what"] = _scrub(waiting["what"], addresses)
    if resolution := dossier.get("resolution"):
        resolution["text"] = ERASED
    if evaluation := dossier.get("evaluation"):
        evaluation.pop("comment", None)
    for entry in store.outbox_entries():
        if entry.get("reference") == dossier["reference"]:
            store.update_outgoing(
                entry.doc_id, {"to": [_scrub(t, addresses) for t in entry["to"]], "subject": ERASED}
            )
    dossier["erased_at"] = iso(now)
    add_event(dossier, now, "agent", "erased", why)
    # Erasing changes no due time; they are handed in as the cycle hands them.
    store.put_dossier(dossier, schedule.stored_due_times(dossier))
    return removed


def forget(store: Store, email: str, now: datetime) -> Erasure:
    """Erase a customer on request: dossiers anonymised, raw mail and attachments deleted."""
    email = email.strip().lower()
    erased: list[str] = []
    files = 0
    for dossier in dossiers_of(store, email):
        files += erase_dossier(
            store, dossier, now, "personal data erased at the customer's request"
        )
        erased.append(dossier["reference"])
    gone = store.remove_quarantined(lambda entry: (entry.get("from") or "").lower() == email)
    for entry in gone:
        target = _inside(store, entry.get("archive"))
        if target is not None and target.is_file():
            target.unlink()
            files += 1
    record: ErasureRecord = {"at": iso(now), "dossiers": len(erased), "quarantined": len(gone)}
    store.set_meta_value("erasures", [*(store.meta_value("erasures") or []), record])
    store.commit()  # rewrites the store file and each erased closed dossier's file whole
    return Erasure(erased, files, len(gone))


def apply_retention(
    store: Store,
    config: Config,
    now: datetime,
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> list[str]:
    """Anonymise closed dossiers older than `storage.retention`; returns their references."""
    retention = config.storage.retention
    if retention is None:
        return []
    erased = []
    due = closed_before(store, now - timedelta(seconds=retention.seconds))
    for done, reference in enumerate(due, 1):
        progress(done, len(due))
        dossier = store.dossier(reference)
        if dossier is not None and dossier["status"] == "closed":
            erase_dossier(store, dossier, now, f"retention period ({retention}) passed")
            erased.append(reference)
    return erased


def closed_before(store: Store, moment: datetime) -> list[str]:
    """Closed dossiers, not yet anonymised, closed before `moment`. A month wholly before
    `moment` with nothing left to anonymise is remembered, so old months are not read again."""
    cutoff, done = moment.strftime("%Y-%m"), store.meta_value("retention_done") or ""
    due: list[str] = []
    for month in sorted(m for m in store.closed.months() if done < m <= cutoff):
        found = [
            d["reference"]
            for d in store.closed.all([month])
            if not d.get("erased_at")
            and datetime.fromisoformat(d.get("closed_at") or d["updated_at"]) < moment
        ]
        if not found and not due and month < cutoff and not store.read_only:
            store.set_meta_value("retention_done", month)
        due += found
    return due


def with_texts(store: Store, dossier: Dossier) -> Dossier:
    """The dossier with each message's text read from the raw-mail archive (replies: only
    their new text, as the owner and the customer meant it), for `show --json` and `export`."""
    from inbox_agent.mail.parsing import parse
    from inbox_agent.reading.quotes import strip_reply

    dossier = copy.deepcopy(dossier)
    for message in dossier["messages"]:
        path = message.get("archive")
        try:
            text = parse(store.archive.read(path)).text if path else ""  # erased: no archive
        except OSError:
            text = ""
        if message.get("kind") in ("followup", "evaluation_answer", "internal", "owner_reply"):
            text = strip_reply(text) or text
        message["text"] = text
    return dossier
