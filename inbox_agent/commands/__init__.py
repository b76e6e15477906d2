"""The owner's `#` commands."""
