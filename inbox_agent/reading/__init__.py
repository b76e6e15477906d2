"""Reading what people write as a person would: the quoted history and signatures cut from a
reply, registration data from free text, product or service, the answer to an evaluation. Pure.

Imports the core and vocabulary only.
"""
