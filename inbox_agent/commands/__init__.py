"""The owner's `#` commands: one table of commands (table.py), each entry with its words in every
language, its argument, permission, effect and help; from it come parsing (parse.py), the check
and carrying out of a reply (perform.py), and the help mails and README table (help.py). Adding
a command is adding one entry; its effect goes in effects.py, a new shape of argument in readers.py.

Imports the core, vocabulary, reading and dossier.
"""
