"""The systemd units carry the hardening block and keep `systemd-analyze security` at or below 2.0."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

CONTRIB = Path(__file__).parent.parent / "contrib"
UNITS = ["inbox-agent.service", "inbox-agent@.service", "inbox-agent-once.service"]
HARDENING = {
    "NoNewPrivileges": "yes",
    "ProtectSystem": "strict",
    "ProtectHome": "yes",
    "PrivateTmp": "yes",
    "PrivateDevices": "yes",
    "ProtectKernelTunables": "yes",
    "ProtectKernelModules": "yes",
    "ProtectKernelLogs": "yes",
    "ProtectControlGroups": "yes",
    "RestrictAddressFamilies": "AF_INET AF_INET6 AF_UNIX",
    "RestrictNamespaces": "yes",
    "LockPersonality": "yes",
    "MemoryDenyWriteExecute": "yes",
    "RestrictRealtime": "yes",
    "RestrictSUIDSGID": "yes",
    "SystemCallArchitectures": "native",
    "CapabilityBoundingSet": "",
    "UMask": "0077",
}


def settings(unit: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in (CONTRIB / unit).read_text().splitlines():
        match = re.match(r"^([A-Za-z]+)=(.*)$", line)
        if match:
            found.setdefault(match.group(1), []).append(match.group(2))
    return found


@pytest.mark.parametrize("unit", UNITS)
def test_each_unit_carries_the_hardening_block(unit: str) -> None:
    found = settings(unit)
    missing = {k: v for k, v in HARDENING.items() if v not in found.get(k, [])}
    assert {} == missing
    assert "@system-service" in found["SystemCallFilter"]
    assert found["StateDirectory"] and found["StateDirectoryMode"] == ["0700"]


def test_the_template_gives_each_shop_its_own_config_data_and_user() -> None:
    found = settings("inbox-agent@.service")
    assert ["config.toml:/etc/inbox-agent/%i.toml"] == found["LoadCredential"]
    assert ["inbox-agent/%i"] == found["StateDirectory"]
    assert ["yes"] == found["DynamicUser"]


def test_the_service_is_watched_by_systemd() -> None:
    found = settings("inbox-agent.service")
    assert (["notify"], ["main"]) == (found["Type"], found["NotifyAccess"])
    assert int(found["WatchdogSec"][0]) >= 60


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")
@pytest.mark.parametrize("unit", UNITS)
def test_systemd_analyze_security_is_at_most_2(unit: str, tmp_path: Path) -> None:
    # A template is analysed as one of its instances.
    target = tmp_path / unit.replace("@.", "@ketting.")
    shutil.copy(CONTRIB / unit, target)
    result = subprocess.run(
        ["systemd-analyze", "security", "--offline=true", "--no-pager", str(target)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    match = re.search(r"Overall exposure level for \S+: (\d+\.\d+)", result.stdout)
    if match is None and "--offline" in result.stderr:
        pytest.skip("this systemd-analyze cannot analyse unit files offline")
    assert match is not None, result.stdout[-500:] + result.stderr[-500:]
    assert float(match.group(1)) <= 2.0
