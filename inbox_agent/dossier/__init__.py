"""The dossier record and its lifecycle, registration, promises and schedule decisions; pure, no I/O."""
