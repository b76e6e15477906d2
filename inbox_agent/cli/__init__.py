"""The command line: arguments into calls, `--help`, `init`, the demo; no logic of its own.

The top layer: may import any package.
"""

from inbox_agent.cli.main import main as main
