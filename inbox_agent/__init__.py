"""inbox-agent: runs a small shop's complaint mailbox the way a good shop would by hand."""

__version__ = "0.1.0"
