"""The words people read for the codes we store: statuses, solutions, causes, channels,
mail kinds, dates and the letter's frame, per language. The store and the JSON keep the codes;
letters, the register and the help show these words.

Imports only the core (models, config).
"""
