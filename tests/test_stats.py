"""Shared statistics: bootstrap intervals, Wilson intervals, log-odds, agreement, P/R/F1, hash splits."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from medialens import stats


def test_bootstrap_ci_is_deterministic_and_brackets_the_mean():
    values = [-0.8, -0.5, 0.0, 0.1, 0.3, 0.7, -0.2, 0.4]
    groups = ["state", "state", "state", "state", "independent", "independent", "independent", "independent"]
    a = stats.bootstrap_ci(values, groups, n=500, seed=3)
    b = stats.bootstrap_ci(values, groups, n=500, seed=3)
    pd.testing.assert_frame_equal(a, b)
    assert list(a.columns) == stats.CI_COLUMNS
    assert a["group"].tolist() == ["independent", "state"]
    assert (a["ci_low"] <= a["mean"]).all() and (a["mean"] <= a["ci_high"]).all()
    assert a.loc[a["group"] == "state", "mean"].item() == pytest.approx(-0.3)
    c = stats.bootstrap_ci(values, groups, n=500, seed=4)
    assert not a[["ci_low", "ci_high"]].equals(c[["ci_low", "ci_high"]])
    # a group's interval does not depend on the other groups
    only_state = stats.bootstrap_ci(values[:4], groups[:4], n=500, seed=3)
    pd.testing.assert_frame_equal(only_state.reset_index(drop=True), a[a["group"] == "state"].reset_index(drop=True))


def test_bootstrap_ci_with_singleton_clusters_equals_the_plain_bootstrap():
    values = [-0.8, -0.5, 0.0, 0.1, 0.3, 0.7, -0.2, 0.4]
    groups = ["state"] * 4 + ["independent"] * 4
    plain = stats.bootstrap_ci(values, groups, n=300, seed=5)
    clustered = stats.bootstrap_ci(values, groups, n=300, seed=5, clusters=[f"c{i}" for i in range(8)])
    assert list(clustered.columns) == stats.CI_COLUMNS + ["n_clusters"]
    assert clustered["n_clusters"].tolist() == [4, 4]
    pd.testing.assert_frame_equal(clustered.drop(columns="n_clusters"), plain)


def test_cluster_bootstrap_is_wider_when_articles_are_internally_alike():
    # three articles of ten identical sentences each: 30 sentences, but only three independent units
    values = [-0.6] * 10 + [0.0] * 10 + [0.6] * 10
    articles = ["a"] * 10 + ["b"] * 10 + ["c"] * 10
    plain = stats.bootstrap_ci(values, n=1000, seed=0).iloc[0]
    clustered = stats.bootstrap_ci(values, n=1000, seed=0, clusters=articles).iloc[0]
    assert plain["mean"] == clustered["mean"] == pytest.approx(0.0)
    assert clustered["n"] == 30 and clustered["n_clusters"] == 3
    assert (clustered["ci_high"] - clustered["ci_low"]) > 2 * (plain["ci_high"] - plain["ci_low"])
    # every cluster mean lies in {-0.6, 0, 0.6}: the resampled means are averages of three of them
    assert clustered["ci_low"] >= -0.6 - 1e-9 and clustered["ci_high"] <= 0.6 + 1e-9
    with pytest.raises(ValueError):
        stats.bootstrap_ci(values, clusters=articles[:-1])







@pytest.mark.parametrize(
    "k, n, low, high",
    [(5, 10, 0.2366, 0.7634), (0, 10, 0.0, 0.2775), (10, 10, 0.7225, 1.0), (1, 2, 0.0945, 0.9055)],
)
def test_wilson_interval_known_values(k, n, low, high):
    lo, hi = stats.wilson_interval(k, n)
    assert lo == pytest.approx(low, abs=1e-4) and hi == pytest.approx(high, abs=1e-4)


def test_wilson_interval_edges():
    assert all(math.isnan(v) for v in stats.wilson_interval(0, 0))
    with pytest.raises(ValueError):
        stats.wilson_interval(3, 2)
    with pytest.raises(ValueError):
        stats.wilson_interval(1, 2, level=1.5)


def test_log_odds_worked_example_pooled_prior():
    # Group a: Terror 6, Protest 2 (n_a = 8); group b: Terror 1, Protest 3 (n_b = 4); alpha0 = 6.
    # Prior from the pooled counts scaled to alpha0: pooled Terror 7, Protest 5 (total 12)
    #   alpha_Terror = 6 * 7/12 = 3.5,  alpha_Protest = 6 * 5/12 = 2.5
    # delta_Terror = ln((6 + 3.5) / (8 + 6 - 6 - 3.5)) - ln((1 + 3.5) / (4 + 6 - 1 - 3.5))
    #              = ln(9.5 / 4.5) - ln(4.5 / 5.5) = 0.747214 - (-0.200671) = 0.947885
    # var_Terror   = 1/9.5 + 1/4.5 = 0.105263 + 0.222222 = 0.327485;  z = 0.947885 / 0.572263 = 1.656379
    # delta_Protest = ln((2 + 2.5) / (8 + 6 - 2 - 2.5)) - ln((3 + 2.5) / (4 + 6 - 3 - 2.5))
    #              = ln(4.5 / 9.5) - ln(5.5 / 4.5) = -0.747214 - 0.200671 = -0.947885
    # var_Protest  = 1/4.5 + 1/5.5 = 0.222222 + 0.181818 = 0.404040; z = -0.947885 / 0.635642 = -1.491225
    df = stats.log_odds_dirichlet({"Terror": 6, "Protest": 2}, {"Terror": 1, "Protest": 3}, alpha0=6)
    assert df["term"].tolist() == ["Terror", "Protest"]
    t, p = df.iloc[0], df.iloc[1]
    assert t["prior"] == pytest.approx(3.5) and p["prior"] == pytest.approx(2.5)
    assert t["log_odds"] == pytest.approx(0.947885, abs=1e-6)
    assert t["variance"] == pytest.approx(0.327485, abs=1e-6)
    assert t["z"] == pytest.approx(1.656379, abs=1e-6)
    assert p["log_odds"] == pytest.approx(-0.947885, abs=1e-6)
    assert p["z"] == pytest.approx(-1.491225, abs=1e-6)
    assert (t["favours"], p["favours"]) == ("a", "b")


def test_log_odds_worked_example_given_prior_and_min_count():
    # a: x 2, y 0, z 2 (n_a = 4); b: x 0, y 2, z 2 (n_b = 4); prior given: x 1, y 1, z 2 (alpha0 = 4)
    # delta_x = ln((2+1)/(4+4-2-1)) - ln((0+1)/(4+4-0-1)) = ln(3/5) - ln(1/7) = ln(21/5) = 1.435085
    # var_x = 1/3 + 1/1 = 1.333333; z_x = 1.435085 / 1.154701 = 1.242820
    # delta_z = ln(4/4) - ln(4/4) = 0 ; z_z = 0;  delta_y = -1.435085, z_y = -1.242820
    df = stats.log_odds_dirichlet({"x": 2, "y": 0, "z": 2}, {"x": 0, "y": 2, "z": 2}, prior={"x": 1, "y": 1, "z": 2})
    got = dict(zip(df["term"], df["z"]))
    assert got["x"] == pytest.approx(1.242820, abs=1e-6)
    assert got["y"] == pytest.approx(-1.242820, abs=1e-6)
    assert got["z"] == pytest.approx(0.0, abs=1e-12)
    assert dict(zip(df["term"], df["log_odds"]))["x"] == pytest.approx(math.log(21 / 5))
    # min_count filters after totals and prior are computed: z is unchanged for the kept terms
    kept = stats.log_odds_dirichlet({"x": 2, "y": 0, "z": 2}, {"x": 0, "y": 2, "z": 2},
                                      prior={"x": 1, "y": 1, "z": 2}, min_count=3)
    assert kept["term"].tolist() == ["z"]


def test_log_odds_rejects_bad_input():
    with pytest.raises(ValueError):
        stats.log_odds_dirichlet({}, {"x": 1})
    with pytest.raises(ValueError):
        stats.log_odds_dirichlet({"x": 1}, {"y": 1}, prior={"x": 1})


def test_cohen_kappa_and_krippendorff_alpha_by_hand():
    a, b = [1, 1, 0, 0], [1, 0, 0, 0]
    # p_o = 3/4; p_e = (2*1 + 2*3) / 16 = 1/2; kappa = (0.75 - 0.5) / 0.5 = 0.5
    assert stats.cohen_kappa(a, b) == pytest.approx(0.5)
    # coincidences: (1,1) 2, (1,0) 1, (0,1) 1, (0,0) 4; n_1 = 3, n_0 = 5, n = 8
    # D_o = 2/8; D_e = 2*3*5 / (8*7) = 30/56; alpha = 1 - 0.25 / (30/56) = 8/15
    assert stats.krippendorff_alpha_nominal(list(zip(a, b))) == pytest.approx(8 / 15)
    assert math.isnan(stats.cohen_kappa([0, 0], [0, 0]))
    # missing values: a unit with one value is not pairable and is ignored
    assert stats.krippendorff_alpha_nominal([(1, 1), (0, 0), (1, None)]) == pytest.approx(1.0)


def test_prf_from_counts_and_undefined_ratios():
    assert stats.prf(3, 4, 6) == pytest.approx((0.75, 0.5, 0.6))
    assert stats.prf(0, 0, 0) == (0.0, 0.0, 0.0)
    p, r, f = stats.prf(0, 0, 0, undefined=math.nan)
    assert math.isnan(p) and math.isnan(r) and math.isnan(f)
    assert stats.prf(0, 2, 0, undefined=math.nan)[2] == 0.0  # predictions, none right


def test_hash_split_is_deterministic_and_balanced():
    keys = [f"document {i}" for i in range(400)]
    parts = [stats.hash_split(k) for k in keys]
    assert parts == [stats.hash_split(k) for k in keys]
    assert 150 < parts.count("tune") < 250
    assert {stats.hash_split(k, ("a", "b", "c"), byte=0) for k in keys} == {"a", "b", "c"}
