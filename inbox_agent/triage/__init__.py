"""Is this mail a person, a machine, the owner? Rules that decide, each with a reason; pure."""
