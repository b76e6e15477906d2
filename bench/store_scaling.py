"""100 new mails into stores of 0, 10k and 50k dossiers: time and peak RSS, each in a fresh process.

The seeded dossiers are clones of one dossier made by the real pipeline (1% open, the rest
closed, as in a shop's register after a few years). The timed part is what `once` does per
mail with no servers: parse, archive, triage, dossier, outgoing mail, commits per 50 mails,
and the due-time sweep.

    python bench/store_scaling.py --sizes 0 10000 50000
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from common import agent_config, machine, realistic_mail

from inbox_agent.run.cycle import Cycle
from inbox_agent.store import Store

SHOP = "klachten@ketting.nl"
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


def seed(data: Path, size: int) -> None:
    config = agent_config(data, 1, 1, SHOP)
    rng = random.Random(1)
    with Store.open(data) as store:
        cycle = Cycle(config, store, NOW - timedelta(hours=1))
        cycle.reading.accept(realistic_mail(0, SHOP, rng))
        template = store.dossier("K-2026-0001")
        assert template is not None
        for n in range(1, size + 1):
            doc = copy.deepcopy(template)
            doc["reference"] = f"K-2024-{n:05d}"
            doc["customer"]["email"] = f"old{n}@example.nl"
            for i, message in enumerate(doc["messages"]):
                message["message_id"] = f"<seed-{n}-{i}@example.nl>"
            if n % 100:
                doc["status"], doc["closed_at"] = (
                    "closed",
                    (NOW - timedelta(minutes=30)).isoformat(),
                )
            store.put_dossier(doc)  # a closed one goes to a file of its own at the commit
        store.commit()


def child(data: Path) -> None:
    config = agent_config(data, 1, 1, SHOP)
    rng = random.Random(2)
    mails = [realistic_mail(100_000 + n, SHOP, rng) for n in range(100)]
    start = time.perf_counter()
    with Store.open(data) as store:
        cycle = Cycle(config, store, NOW)
        for index, raw in enumerate(mails, 1):
            cycle.reading.accept(raw)
            if index % 50 == 0:
                store.commit()
        cycle.due.sweep()
        store.commit()
    elapsed = time.perf_counter() - start
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across fork and exec,
    # so it would report the benchmark's own peak (it just seeded 50k dossiers) for every run.
    status = Path("/proc/self/status").read_text()
    rss_mb = int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024  # type: ignore[union-attr]
    print(
        json.dumps(
            {
                "seconds": round(elapsed, 2),
                "peak_rss_mb": round(rss_mb, 1),
                "opened": cycle.report.dossiers_opened,
            }
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 10_000, 50_000])
    parser.add_argument("--repeat", type=int, default=9, help="runs per size; the median counts")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            seed(Path(folder) / f"seed-{size}", size)
        runs: dict[int, list[dict[str, float]]] = {size: [] for size in args.sizes}
        # Sizes take turns (0, 10k, 50k, 0, ...), so a slow moment of the machine hits all alike.
        for round_ in range(args.repeat):
            for size in args.sizes:
                # Each run on a fresh copy of the seeded store, in a fresh process (for RSS).
                # Copies are removed only at the end: deleting 50k files makes the disk busy
                # (journal, discard) during whichever run comes next.
                trial = Path(folder) / f"trial-{size}-{round_}"
                shutil.copytree(Path(folder) / f"seed-{size}", trial)
                # The copy's dirty pages would otherwise be flushed by the run's first sync and
                # charged to it: hundreds of MB at 50k, which a real store does not carry.
                os.sync()
                out = subprocess.run(
                    [sys.executable, __file__, "--child", str(trial)],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
                runs[size].append(json.loads(out.strip().splitlines()[-1]))
    results = []
    for size in args.sizes:
        result = {
            "dossiers": size,
            "seconds": statistics.median(r["seconds"] for r in runs[size]),
            "peak_rss_mb": max(r["peak_rss_mb"] for r in runs[size]),
            "runs": [r["seconds"] for r in runs[size]],
        }
        results.append(result)
        print(json.dumps(result), flush=True)
    base = results[0]["seconds"]
    for result in results:
        result["ratio_to_empty"] = round(result["seconds"] / base, 2)
    print(json.dumps({"machine": machine(), "results": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
