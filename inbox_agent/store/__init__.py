"""Storage: the TinyDB store of record, closed-dossier files, the raw-mail archive, durable files."""

from inbox_agent.files import StoreError, StoreLocked
from inbox_agent.store.store import STORE_FILE, Store

__all__ = ["STORE_FILE", "Store", "StoreError", "StoreLocked"]
