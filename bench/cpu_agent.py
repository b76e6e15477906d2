"""One `inbox-agent -c CONFIG once` of the tree on PYTHONPATH, run by bench/cpu.py in a process
of its own; writes the CPU seconds of this process and of its sending process (the children
it waited for), and its peak RSS, as JSON to RESULT_FILE.

    PYTHONPATH=TREE python bench/cpu_agent.py RESULT_FILE CONFIG
"""

import json
import os
import resource
import runpy
import sys
from pathlib import Path

sys.path.pop(0)  # this folder: the agent must import nothing of the benchmark
import inbox_agent  # noqa: E402  the tree under test (PYTHONPATH), not this checkout

assert inbox_agent.__file__.startswith(os.environ["PYTHONPATH"]), inbox_agent.__file__


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


result_file, config = sys.argv[1], sys.argv[2]
sys.argv = ["inbox-agent", "-c", config, "once"]
code: object = 0
try:
    runpy.run_module("inbox_agent", run_name="__main__", alter_sys=True)
except SystemExit as stop:
    code = stop.code
own, children = (
    resource.getrusage(resource.RUSAGE_SELF),
    resource.getrusage(resource.RUSAGE_CHILDREN),
)
Path(result_file).write_text(
    json.dumps(
        {
            "code": code,
            "agent_cpu": own.ru_utime + own.ru_stime,
            "sender_cpu": children.ru_utime + children.ru_stime,
            "agent_rss_mb": _peak_mb(),
        }
    )
)
sys.exit(code if isinstance(code, int) else 1)
