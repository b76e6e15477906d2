"""No command deletes or overwrites what it did not create (export, report, demo, forget)."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from inbox_agent.cli.main import main
from inbox_agent.config import load_config
from inbox_agent.register import privacy
from inbox_agent.run.cycle import Cycle
from inbox_agent.store import Store

CORPUS = Path(__file__).parent / "corpus"
NOW = datetime(2026, 11, 24, 10, 30, tzinfo=UTC)


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    """A data folder with one dossier (K-2026-0001 for piet@klant.nl) and its config file."""
    path = tmp_path / "config.toml"
    path.write_text(
        '[shop]\nname="Ketting"\nemail="klachten@ketting.nl"\n[owner]\nhandler="jan@ketting.nl"\n'
        '[imap]\nhost="127.0.0.1"\nsecurity="none"\nusername="k"\npassword="p"\n'
        '[smtp]\nhost="127.0.0.1"\nsecurity="none"\n[storage]\npath="data"\n'
    )
    config = load_config(path)
    with Store.open(config.storage.path) as store:
        Cycle(config, store, NOW).reading.accept((CORPUS / "complaint_plain_nl.eml").read_bytes())
        store.commit()
    return path


def export(config_file: Path, *extra: str) -> int:
    return main(["-c", str(config_file), "export", "K-2026-0001", *extra])


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_export_refuses_a_folder_that_is_not_empty(
    config_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "papers"
    target.mkdir()
    (target / "belastingaangifte.pdf").write_bytes(b"%PDF precious")
    assert 2 == export(config_file, "--output", str(target))
    assert "papers already exists and is not an empty folder" in capsys.readouterr().err
    assert ["belastingaangifte.pdf"] == [p.name for p in target.iterdir()]
    assert [] == leftovers(tmp_path)


def test_export_into_an_empty_folder_or_a_new_one(config_file: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert 0 == export(config_file, "--output", str(empty))
    assert (empty / "K-2026-0001" / "dossier.json").is_file()
    assert 0 == export(config_file, "--output", str(tmp_path / "new" / "deeper"))
    assert (tmp_path / "new" / "deeper" / "K-2026-0001" / "dossier.html").is_file()
    assert [] == leftovers(tmp_path) == leftovers(tmp_path / "new")


def test_zip_next_to_an_existing_folder_leaves_the_folder_alone(
    config_file: Path, tmp_path: Path
) -> None:
    """`--zip --output DIR` used to zip what was in DIR and then delete DIR."""
    folder = tmp_path / "klant"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    assert 0 == export(config_file, "--zip", "--output", str(folder))
    assert "mine" == (folder / "notes.txt").read_text()
    with zipfile.ZipFile(tmp_path / "klant.zip") as archive:
        assert "K-2026-0001/dossier.json" in archive.namelist()
        assert not any("notes.txt" in name for name in archive.namelist())


@pytest.mark.parametrize("flags", [[], ["--zip"]])
def test_output_named_zip_is_that_zip_not_zip_zip(
    config_file: Path, tmp_path: Path, flags: list[str]
) -> None:
    assert 0 == export(config_file, *flags, "--output", str(tmp_path / "K1.zip"))
    assert ["K1.zip"] == sorted(p.name for p in tmp_path.glob("K1*"))
    assert zipfile.is_zipfile(tmp_path / "K1.zip")


def test_an_existing_zip_is_never_overwritten(config_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "K1.zip"
    target.write_bytes(b"someone else's zip")
    assert 2 == export(config_file, "--output", str(target))
    assert b"someone else's zip" == target.read_bytes()
    assert [] == leftovers(tmp_path)


def test_an_export_that_fails_halfway_leaves_nothing_behind(
    config_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> str:
        raise RuntimeError("disk trouble")

    monkeypatch.setattr("inbox_agent.register.printouts.dossier_html", broken)
    config = load_config(config_file)
    store = Store.read(config.storage.path)
    with pytest.raises(RuntimeError):
        privacy.export(store, config, store.all_dossiers(), tmp_path / "out")
    assert not (tmp_path / "out").exists()
    assert [] == leftovers(tmp_path)


def test_report_output_never_replaces_a_file_unless_forced(
    config_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.txt"
    target.write_text("last year's report")
    report = ["-c", str(config_file), "report", "--output", str(target)]
    assert 2 == main(report)
    assert "last year's report" == target.read_text()
    assert "--force" in capsys.readouterr().err
    assert 0 == main([*report, "--force"])
    assert "Ketting" in target.read_text()
    assert 2 == main(["-c", str(config_file), "report", "--output", str(tmp_path)])
    assert [] == leftovers(tmp_path)


def test_demo_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text("# the shop's real config")
    assert 2 == main(["demo", "--output", str(tmp_path)])
    assert "# the shop's real config" == (tmp_path / "config.toml").read_text()


def test_forget_never_follows_a_record_out_of_the_data_folder(
    config_file: Path, tmp_path: Path
) -> None:
    victim = tmp_path / "victim.eml"
    victim.write_text("not the agent's")
    config = load_config(config_file)
    with Store.open(config.storage.path) as store:
        dossier = store.dossier("K-2026-0001")
        assert dossier is not None
        dossier["messages"][0]["archive"] = "../victim.eml"
        dossier["messages"][1]["archive"] = str(victim)
        store.put_dossier(dossier)
        store.commit()
    assert 0 == main(["-c", str(config_file), "forget", "piet@klant.nl", "--yes"])
    assert "not the agent's" == victim.read_text()


def test_export_never_writes_through_a_symlink(config_file: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "link").symlink_to(elsewhere)
    assert 2 == export(config_file, "--output", str(tmp_path / "link"))
    assert [] == list(elsewhere.iterdir())
