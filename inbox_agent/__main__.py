"""Allows `python -m inbox_agent`."""

from inbox_agent.cli import main

raise SystemExit(main())
