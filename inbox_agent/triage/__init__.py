"""Is this mail a person writing to the shop, a machine, a bounce, the owner, a colleague's
answer? Rules that decide, in an ordered tuple, each verdict with a reason. Pure.

Imports everything below it (core to letters).
"""
