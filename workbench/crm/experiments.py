"""Controlled experiments (A/B tests) on campaigns: is variant B really better than A?

Half the list gets version A of a message, half gets B; we compare the share
who responded.  A difference can be chance: the two-proportion z-test (or
the equivalent chi-square test) says how likely a difference this large would
be if both versions worked equally well (the p-value).  The verdict is written
in plain words, with a confidence interval for the difference, and says how
many contacts per variant a conclusive test would need.

>>> r = ab_test(200, 2000, 260, 2000)
>>> round(r["p_value"], 4), r["significant"]
(0.0029, True)
>>> print(r["verdict"])
B wins: 13.0% responded to B against 10.0% to A, 3.0 points more (95% confidence interval 1.0 to 5.0 points). A difference this large would happen by chance only 0.3% of the time if A and B worked equally well.
"""

from __future__ import annotations

import math

import pandas as pd

from ..errors import InputError
from ..i18n.messages import _
from . import columns as col


def _count(name, value, where):
    if not col.is_number(value, whole=True) or value < 0:
        raise InputError(_('{name} must be a whole number of contacts, got {value!r}').format(name=name, value=value), where=where,
                         fix=_('pass {name} as a count such as 120').format(name=name))
    return int(value)


def ab_test(successes_a: int, total_a: int, successes_b: int, total_b: int, *, alpha: float = 0.05,
            method: str = "z") -> dict:
    """Compare two response rates; returns rates, difference, statistic, p-value, interval and verdict.

    ``method="z"`` is the pooled two-proportion z-test; ``method="chi2"`` is the
    chi-square test of the 2×2 table without continuity correction (same p-value).
    The confidence interval of B − A is the unpooled (Wald) interval at ``1 − alpha``.

    >>> r = ab_test(200, 2000, 260, 2000, method="chi2")
    >>> round(r["statistic"], 3), round(r["p_value"], 4)
    (8.843, 0.0029)
    >>> ab_test(10, 100, 12, 100)["significant"]
    False
    """
    from scipy import stats

    where = "ab_test(successes_a, total_a, successes_b, total_b)"
    sa, na = _count("successes_a", successes_a, where), _count("total_a", total_a, where)
    sb, nb = _count("successes_b", successes_b, where), _count("total_b", total_b, where)
    if na == 0 or nb == 0:
        raise InputError(_("a variant has no contacts"), where=where, fix=_("give both variants at least one contact"))
    if sa > na or sb > nb:
        raise InputError(_("more successes than contacts in a variant"), where=where,
                         fix=_("pass the number who responded, then the number who received the message"))
    if not col.is_number(alpha) or not 0 < alpha < 1:
        raise InputError(_('alpha must be between 0 and 1, got {alpha!r}').format(alpha=alpha), where=where,
                         fix=_("use alpha=0.05 for 95 % confidence"))
    pa, pb = sa / na, sb / nb
    diff = pb - pa
    pooled = (sa + sb) / (na + nb)
    if method == "z":
        se0 = math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb))
        statistic = diff / se0 if se0 > 0 else 0.0
        p_value = float(2 * stats.norm.sf(abs(statistic))) if se0 > 0 else 1.0
    elif method == "chi2":
        table = [[sa, na - sa], [sb, nb - sb]]
        if pooled in (0.0, 1.0):
            statistic, p_value = 0.0, 1.0
        else:
            statistic, p_value = stats.chi2_contingency(table, correction=False)[:2]
            statistic, p_value = float(statistic), float(p_value)
    else:
        raise InputError(_('unknown method {method!r}').format(method=method), where=where, fix=_("use method='z' or method='chi2'"))
    z = float(stats.norm.ppf(1 - alpha / 2))
    se = math.sqrt(pa * (1 - pa) / na + pb * (1 - pb) / nb)
    low, high = diff - z * se, diff + z * se
    significant = p_value < alpha
    result = {"rate_a": pa, "rate_b": pb, "difference": diff, "statistic": float(statistic),
              "p_value": p_value, "ci_low": low, "ci_high": high, "alpha": alpha, "significant": significant,
              "total_a": na, "total_b": nb}
    result["winner"] = ("B" if diff > 0 else "A") if significant else None
    result["verdict"] = verdict(result)
    return result


def _label(name) -> str:
    """A variant as the verdict names it: ``A`` as is, a longer name in quotes."""
    name = str(name)
    return name if len(name) == 1 else f"“{name}”"


def verdict(result: dict, a: str = "A", b: str = "B") -> str:
    """A plain-language reading of an :func:`ab_test` result; ``a`` and ``b`` name the two variants.

    >>> r = ab_test(120, 1000, 80, 1000)
    >>> print(verdict(r, "short", "long"))  # doctest: +ELLIPSIS
    “short” wins: 12.0% responded to “short” against 8.0% to “long”, 4.0 points more (...). A difference this large would happen by chance only 0.3% of the time if “short” and “long” worked equally well.
    >>> print(verdict(ab_test(50, 500, 55, 500)))  # doctest: +ELLIPSIS
    No clear winner yet: 10.0% responded to A and 11.0% to B (...). ... send each version to about 14,751 contacts.
    """
    pa, pb, diff = result["rate_a"], result["rate_b"], result["difference"]
    a, b = _label(a), _label(b)
    numbers = {"level": round((1 - result["alpha"]) * 100), "low": result["ci_low"] * 100,
               "high": result["ci_high"] * 100, "a": a, "b": b}
    if result["significant"]:
        better, worse, rb, rw = (b, a, pb, pa) if diff > 0 else (a, b, pa, pb)
        chance = result["p_value"] * 100
        if chance >= 0.1:
            text = _("{better} wins: {rb:.1f}% responded to {better} against {rw:.1f}% to {worse}, {gap:.1f} points "
                     "more ({level}% confidence interval {low:.1f} to {high:.1f} points). A difference this large "
                     "would happen by chance only {chance:.1f}% of the time if {a} and {b} worked equally well.")
        else:
            text = _("{better} wins: {rb:.1f}% responded to {better} against {rw:.1f}% to {worse}, {gap:.1f} points "
                     "more ({level}% confidence interval {low:.1f} to {high:.1f} points). A difference this large "
                     "would happen by chance less than 0.1% of the time if {a} and {b} worked equally well.")
        return text.format(better=better, worse=worse, rb=rb * 100, rw=rw * 100, gap=abs(diff) * 100,
                           chance=chance, **numbers)
    text = _("No clear winner yet: {ra:.1f}% responded to {a} and {rb:.1f}% to {b} ({level}% confidence interval "
             "{low:.1f} to {high:.1f} points, which includes no difference). The gap could be chance "
             "(p = {p:.2f}).").format(ra=pa * 100, rb=pb * 100, p=result["p_value"], **numbers)
    if diff != 0 and 0 < pa < 1 and 0 < pa + diff < 1:
        needed = sample_size(pa, abs(diff), alpha=result["alpha"])
        text += " " + _("To detect a gap of {gap:.1f} points reliably, send each version to about {needed:,} "
                        "contacts.").format(gap=abs(diff) * 100, needed=needed)
    return text


def sample_size(baseline: float, min_effect: float, *, alpha: float = 0.05, power: float = 0.8) -> int:
    """Contacts needed per variant to detect ``baseline`` → ``baseline + min_effect`` (absolute).

    Two-sided test at ``alpha`` with the given ``power`` (normal approximation,
    no continuity correction).  Smaller effects need many more contacts:

    >>> sample_size(0.10, 0.02)
    3841
    >>> sample_size(0.10, 0.05)
    686
    """
    from scipy import stats

    where = "sample_size(baseline, min_effect)"
    for name, value in (("baseline", baseline), ("min_effect", min_effect), ("alpha", alpha), ("power", power)):
        if not col.is_number(value) or not 0 < value < 1:
            raise InputError(_('{name} must be a fraction between 0 and 1, got {value!r}').format(name=name, value=value), where=where,
                             fix=_("pass rates as fractions: 0.10 for 10 %"))
    p1, p2 = baseline, baseline + min_effect
    if p2 >= 1:
        raise InputError(_('baseline + min_effect = {p2:.2f} is not a rate below 1').format(p2=p2), where=where,
                         fix=_("pass a smaller min_effect, as an absolute difference (0.02 = 2 points)"))
    za, zb = stats.norm.ppf(1 - alpha / 2), stats.norm.ppf(power)
    mean = (p1 + p2) / 2
    n = (za * math.sqrt(2 * mean * (1 - mean)) + zb * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 / (p2 - p1) ** 2
    return int(math.ceil(n))


def variant_table(members: pd.DataFrame, *, variant: str = "variant", outcome: str = "responded") -> pd.DataFrame:
    """Per variant: contacts, successes (``outcome`` true) and rate.

    >>> import pandas as pd
    >>> m = pd.DataFrame({"variant": ["A", "A", "B", "B"], "responded": [True, False, True, True]})
    >>> variant_table(m)
      variant  contacts  successes  rate
    0       A         2          1   0.5
    1       B         2          2   1.0
    """
    where = "variant_table(members)"
    col.table(members, [variant, outcome], where=where, fix=_("pass data.campaign_members for one campaign"))
    frame = members[members[variant].notna()]
    flags = col.flags(frame, outcome, where=where)
    out = (pd.DataFrame({"variant": frame[variant].astype(str), "successes": flags.astype(int)})
           .groupby("variant").agg(contacts=("successes", "size"), successes=("successes", "sum")).reset_index())
    out["rate"] = (out["successes"] / out["contacts"]).round(4)
    return out


def ab_test_members(members: pd.DataFrame, *, variant: str = "variant", outcome: str = "responded",
                    a: str | None = None, b: str | None = None, alpha: float = 0.05, method: str = "z") -> dict:
    """:func:`ab_test` on a campaign's members table: one row per contact with a variant and an outcome.

    ``a`` and ``b`` name the variants (by default the two found, sorted); the
    result adds ``variant_a`` and ``variant_b``, names the ``winner`` by its
    variant and words the verdict with the variants' names.

    >>> import pandas as pd
    >>> members = pd.DataFrame({"variant": ["long"] * 400 + ["short"] * 400,
    ...                         "responded": [True] * 20 + [False] * 380 + [True] * 48 + [False] * 352})
    >>> r = ab_test_members(members, a="long", b="short")
    >>> r["winner"]
    'short'
    >>> print(r["verdict"])  # doctest: +ELLIPSIS
    “short” wins: 12.0% responded to “short” against 5.0% to “long”, 7.0 points more ... if “long” and “short” worked equally well.
    """
    where = "ab_test_members(members)"
    table = variant_table(members, variant=variant, outcome=outcome).set_index("variant")
    names = list(table.index)
    if a is None and b is None:
        if len(names) != 2:
            raise InputError(_('expected two variants, found {n_names}: {value}').format(n_names=len(names), value=', '.join(names) or 'none'),
                             where=where, fix=_("filter the members to one campaign, or name a= and b="))
        a, b = names
    for name in (a, b):
        if name not in table.index:
            raise InputError(_('no variant called {name!r} (variants are: {names})').format(name=name, names=', '.join(names)), where=where,
                             fix=_("name two of the variants in the table"))
    out = ab_test(int(table.loc[a, "successes"]), int(table.loc[a, "contacts"]),
                  int(table.loc[b, "successes"]), int(table.loc[b, "contacts"]), alpha=alpha, method=method)
    out["variant_a"], out["variant_b"] = a, b
    if out["winner"] is not None:
        out["winner"] = a if out["winner"] == "A" else b
    out["verdict"] = verdict(out, a, b)
    return out
