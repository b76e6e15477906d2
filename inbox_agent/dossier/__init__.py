"""The dossier: the record and its one lifecycle (the transition table is the only writer of
`status` and `closed_at`), the minimum data to register, the promises, which dossier a mail
belongs to, and when each next step is due. Pure: time is passed in, nothing here does I/O.

Imports the core, vocabulary and reading only.
"""
