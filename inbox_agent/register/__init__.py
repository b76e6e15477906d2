"""The register for people: the report, the dossier printout, export and erasure."""
