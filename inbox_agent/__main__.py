"""Allows `python -m inbox_agent`."""

from inbox_agent.cli.main import main

raise SystemExit(main())
