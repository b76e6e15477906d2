"""The store of record: one TinyDB file of open work written whole at each commit, closed
dossiers in files of their own, the raw-mail archive, and a consistent backup of it all. It
stores what it is handed (due times, references) and decides nothing about dossiers.

Imports only the core (models and files).
"""

from inbox_agent.files import StoreError, StoreLocked
from inbox_agent.store.store import STORE_FILE, Store

__all__ = ["STORE_FILE", "Store", "StoreError", "StoreLocked"]
