"""The words people read for the codes we store: statuses, solutions, causes, channels, kinds, dates."""
