"""Service mode: seconds from delivery into the mailbox to the acknowledgement arriving over SMTP.

`inbox-agent run` against Dovecot (IMAP IDLE) with a 10-minute poll interval, so only IDLE can
explain a fast answer. Mails are delivered one at a time, a second apart.

    python bench/latency.py --mails 20
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import agent_config, machine, realistic_mail, write_config_file

from inbox_agent.testing.servers import DovecotServer, SmtpServer


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mails", type=int, default=20)
    args = parser.parse_args()
    server, smtp = DovecotServer(), SmtpServer(None)
    shop = "latency@ketting.nl"
    latencies = []
    with tempfile.TemporaryDirectory() as folder:
        config = agent_config(Path(folder) / "data", server.port, smtp.port, shop)
        config_file = write_config_file(config, Path(folder) / "config.toml", poll_interval="10m")
        service = subprocess.Popen(
            [sys.executable, "-m", "inbox_agent", "-c", str(config_file), "run"]
        )
        try:
            server.deliver(shop, realistic_mail(0, shop, random.Random(0)))  # warm-up
            time.sleep(3)
            rng = random.Random(1)
            for n in range(1, args.mails + 1):
                raw = realistic_mail(n, shop, rng)
                customer = f"klant{n}@example.nl"
                delivered = time.monotonic()
                server.deliver(shop, raw)
                while not any(customer in r.rcpt_tos for r in smtp.received):
                    if time.monotonic() - delivered > 60:
                        raise SystemExit(f"no acknowledgement for mail {n} within 60 s")
                    time.sleep(0.02)
                latencies.append(time.monotonic() - delivered)
                time.sleep(1)
        finally:
            service.send_signal(signal.SIGTERM)
            service.wait(30)
            smtp.stop()
            server.stop()
    result = {
        "mails": len(latencies),
        "median_s": round(statistics.median(latencies), 2),
        "max_s": round(max(latencies), 2),
        "min_s": round(min(latencies), 2),
    }
    print(json.dumps({"machine": machine(), "result": result}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
