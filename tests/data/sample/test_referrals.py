"""The referred_by column of the sample data: who referred whom, from a random stream of its own."""

import csv

import numpy as np
import pandas as pd

from workbench.crm.referrals import referrers
from workbench.data.sample import generate, referrals

SMALL = 0.1


def _rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_referrals_do_not_move_any_other_value(tmp_path, monkeypatch):
    """With referrals blanked out, every file is the same but for the referred_by column itself."""
    real = generate(tmp_path / "real", seed=11, scale=SMALL)
    monkeypatch.setattr(referrals, "referred_by",
                        lambda seed, contacts, leads: (np.full(len(contacts), "", object),
                                                       np.full(len(leads), "", object)))
    blank = generate(tmp_path / "blank", seed=11, scale=SMALL)
    for path in sorted(p for p in real.rglob("*") if p.is_file()):
        twin = blank / path.relative_to(real)
        if path.name in ("contacts.csv", "leads.csv"):
            a, b = _rows(path), _rows(twin)
            assert [r[:-1] for r in a] == [r[:-1] for r in b], f"{path.name}: a column other than referred_by moved"
            assert any(r[-1] for r in a[1:]) and not any(r[-1] for r in b[1:])
        else:
            assert path.read_bytes() == twin.read_bytes(), f"{path.relative_to(real)} changed"


def test_sample_referrals_are_consistent():
    from workbench.data import load_sample

    data = load_sample()
    contacts, leads = data.contacts, data.leads
    referred = contacts["referred_by"].notna()
    assert (referred == (contacts["source"].astype(str) == "referral")).all(), "only referral contacts carry one"
    assert leads["referred_by"].notna().equals(leads["lead_source"].astype(str) == "Referral")
    by_id = contacts.set_index("contact_id")
    sent = contacts[referred]
    assert (sent["referred_by"] != sent["contact_id"]).all(), "nobody refers themself"
    assert (by_id.loc[sent["referred_by"], "created_at"].to_numpy() < sent["created_at"].to_numpy()).all(), \
        "a referrer was in the CRM before the person they referred"
    table = referrers(contacts, leads)
    top_three = table["referred"].head(3).sum()
    assert top_three > table["referred"].sum() / 3, "a handful of connectors send a large share of the referrals"
    assert isinstance(table, pd.DataFrame) and table["referred"].is_monotonic_decreasing
