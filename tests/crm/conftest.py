"""Fixtures of the CRM analytics tests."""

import json

import pytest


@pytest.fixture(scope="module")
def sample():
    """The generated sample company and the problems planted in it (``meta.json``), or a skip when not generated."""
    from workbench.data import SAMPLE_FOLDER, load_sample

    if not (SAMPLE_FOLDER / "meta.json").exists():
        pytest.skip("the sample company is not generated")
    return load_sample(), json.loads((SAMPLE_FOLDER / "meta.json").read_text())["planted"]
