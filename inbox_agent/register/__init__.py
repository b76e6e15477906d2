"""The register for people: the report's figures, the HTML report and dossier printout, export
of a dossier or a customer, erasure (AVG/GDPR), and files written for the user.

Imports everything below it (core to triage); never a runner or the CLI.
"""
