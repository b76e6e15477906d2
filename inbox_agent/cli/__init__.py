"""The command line: arguments into calls; no logic of its own."""

from inbox_agent.cli.main import main as main
