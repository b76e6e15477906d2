"""The words people read for the codes we store: statuses, solutions, causes, channels,
mail kinds, dates and the letter's and the register's frame, per language, and the words the
readers in `reading/` know customers by (field labels, greetings, topic, solution and
evaluation words, detector hints). The codes themselves are defined once, in `models`; the
store and the JSON keep them. `nl`, `en`, `de` and `fr` hold the words (data only), `terms`
looks them up (`word`, `vocabulary`, `letter_language`), `wording` says dates, times and the
letter's frame. A new language is a module like `nl`, listed in `terms.LANGUAGES`, plus a
templates folder.

Imports only the core (models, config, shipped).
"""
