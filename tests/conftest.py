"""Every test writes to its own temp data folder, never ./data."""

import pytest


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """Point REBOUND_DATA_DIR at a fresh temp folder for this test."""
    folder = tmp_path / "data"
    monkeypatch.setenv("REBOUND_DATA_DIR", str(folder))
    return folder
