"""A/B tests: z-test and chi-square agree, interval, sample size, plain-language verdicts."""

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from workbench.crm import experiments
from workbench.errors import InputError


def test_z_test_by_hand_and_chi2_agree():
    r = experiments.ab_test(200, 2000, 260, 2000)
    p = 460 / 4000
    z = (0.13 - 0.10) / math.sqrt(p * (1 - p) * (2 / 2000))
    assert r["statistic"] == pytest.approx(z)
    assert r["p_value"] == pytest.approx(2 * stats.norm.sf(z))
    c = experiments.ab_test(200, 2000, 260, 2000, method="chi2")
    assert c["p_value"] == pytest.approx(r["p_value"]) and c["statistic"] == pytest.approx(z ** 2)
    half = 1.959964 * math.sqrt(0.1 * 0.9 / 2000 + 0.13 * 0.87 / 2000)
    assert (r["ci_low"], r["ci_high"]) == pytest.approx((0.03 - half, 0.03 + half), abs=1e-6)
    assert r["winner"] == "B" and r["verdict"].startswith("B wins")


def test_a_can_win_and_no_difference_reads_plainly():
    assert experiments.ab_test(300, 1000, 200, 1000)["verdict"].startswith("A wins")
    r = experiments.ab_test(50, 500, 55, 500)
    assert not r["significant"] and r["winner"] is None
    assert "No clear winner" in r["verdict"] and "about" in r["verdict"]
    same = experiments.ab_test(0, 10, 0, 10)
    assert same["p_value"] == 1.0 and not same["significant"]


def test_sample_size_gives_the_planned_power():
    n = experiments.sample_size(0.10, 0.02)
    assert n == 3841
    # at n per group, a two-sided z-test detects 10% -> 12% with about 80% power
    p1, p2 = 0.10, 0.12
    se = math.sqrt(p1 * (1 - p1) / n + p2 * (1 - p2) / n)
    pbar = (p1 + p2) / 2
    crit = 1.959964 * math.sqrt(2 * pbar * (1 - pbar) / n)
    power = stats.norm.sf((crit - (p2 - p1)) / se)
    assert power == pytest.approx(0.80, abs=0.01)
    assert experiments.sample_size(0.10, 0.01) > 3 * n


def test_members_table_and_simulation():
    rng = np.random.default_rng(1)
    members = pd.DataFrame({"variant": rng.choice(["A", "B"], 4000)})
    members["responded"] = rng.random(4000) < np.where(members["variant"] == "B", 0.08, 0.04)
    r = experiments.ab_test_members(members)
    assert r["winner"] == "B" and r["variant_a"] == "A"
    table = experiments.variant_table(members)
    assert table["contacts"].sum() == 4000


def test_bad_input():
    with pytest.raises(InputError, match="more successes"):
        experiments.ab_test(20, 10, 1, 10)
    with pytest.raises(InputError, match="whole number"):
        experiments.ab_test(1.5, 10, 1, 10)
    with pytest.raises(InputError, match="no contacts"):
        experiments.ab_test(0, 0, 1, 10)
    with pytest.raises(InputError, match="method"):
        experiments.ab_test(1, 10, 1, 10, method="bayes")
    with pytest.raises(InputError, match="fraction"):
        experiments.sample_size(10, 2)
    with pytest.raises(InputError, match="two variants"):
        experiments.ab_test_members(pd.DataFrame({"variant": ["A", "B", "C"], "responded": [True, False, True]}))


def test_the_verdict_names_the_variants_as_the_members_table_does():
    members = pd.DataFrame({"variant": ["short"] * 1000 + ["long"] * 1000,
                            "responded": [True] * 150 + [False] * 850 + [True] * 90 + [False] * 910})
    r = experiments.ab_test_members(members)  # sorted: a = "long", b = "short"
    assert (r["variant_a"], r["variant_b"], r["winner"]) == ("long", "short", "short")
    assert r["verdict"].startswith("“short” wins: 15.0% responded to “short” against 9.0% to “long”")
    assert "to A" not in r["verdict"] and "B wins" not in r["verdict"] and "if A and B" not in r["verdict"]
    r = experiments.ab_test_members(members, a="short", b="long")
    assert r["winner"] == "short" and r["verdict"].startswith("“short” wins")
    tied = experiments.ab_test_members(members.assign(responded=members.index % 10 == 0))
    assert tied["verdict"].startswith("No clear winner yet: 10.0% responded to “long” and 10.0% to “short”")


def test_the_verdict_in_french_and_bengali_is_a_whole_sentence_in_that_language(english_runs_left, english_words_left):
    from workbench.i18n.language import use_language

    with use_language("fr"):
        win = experiments.verdict(experiments.ab_test(120, 1000, 80, 1000), "court", "long")
        open_ = experiments.verdict(experiments.ab_test(50, 500, 55, 500))
    assert win.startswith("« court »") or win.startswith("“court” l'emporte")
    assert "12,0 % ont répondu" in win and "intervalle de confiance à 95 %" in win
    assert open_.startswith("Pas encore de gagnant net") and "envoyez chaque version à environ" in open_
    assert english_runs_left(win) == [] and english_runs_left(open_) == []
    with use_language("bn"):
        text = experiments.verdict(experiments.ab_test(50, 500, 55, 500))
    assert "এখনও স্পষ্ট বিজয়ী নেই" in text and "১০.০%" in text
    assert english_words_left(text) == []
