"""The owner's `#` commands: one table of commands, each with its words in every language,
its arguments, permission, effect and help; parsing the top of a reply into commands.

Imports the core, vocabulary, reading and dossier.
"""
