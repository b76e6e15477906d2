"""Every mail the agent writes: jinja2 templates (`templates/`, overridable per shop) rendered
into OutgoingMail with the right recipients, threading headers and encoded headers (`MailMaker`:
`customer` letters and `owner` mail on the shared `addressing`); the news a progress letter
tells; the check of a shop's own templates.

Imports everything below it (core to commands); never a runner, the register or the CLI.
"""
