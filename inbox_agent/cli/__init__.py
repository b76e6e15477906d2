"""The command line: arguments into calls, `--help`, `init`, the demo; no logic of its own.

Also how the process meets its host: where log lines go (`logs`: a terminal, cron or the
journal) and which user may write the data folder (`ownership`).

The top layer: may import any package.
"""

from inbox_agent.cli.main import main as main
