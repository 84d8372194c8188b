"""Planted near-duplicate contacts: copies re-entered by hand."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .clock import AS_OF, DAY, between
from .names import name_key


def _typo(rng, word: str) -> str:
    """``word`` with one slip of the keyboard: two letters swapped, one dropped or one doubled.

    >>> _typo(np.random.default_rng(0), "Martin") != "Martin"
    True
    """
    if len(word) < 3:
        return word + word[-1:]
    i = int(rng.integers(1, len(word) - 1))
    kind = rng.integers(3)
    if kind == 0 and word[i] != word[i + 1]:  # swap two neighbours
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == 1:  # drop a letter
        return word[:i] + word[i + 1:]
    return word[:i] + word[i] + word[i:]  # double a letter


def near_duplicates(rng, df: pd.DataFrame, n_dup: int):
    """Copies of ``n_dup`` contacts, each changed the way people re-enter a contact by hand."""
    from faker.decode import unidecode

    originals = rng.choice(len(df), size=n_dup, replace=False)
    dups = df.iloc[originals].copy().reset_index(drop=True)
    dups["_original"] = originals
    cols = {c: dups[c].to_numpy(dtype=object).copy() for c in ("first_name", "last_name", "email", "phone",
                                                               "linkedin_url", "_locale")}
    kinds = []
    taken = {(name_key(a), name_key(b)) for a, b in zip(df.first_name, df.last_name)}
    for k in range(n_dup):
        first, last, email, phone = (cols[c][k] for c in ("first_name", "last_name", "email", "phone"))
        first0, last0 = first, last
        changes = []
        options = ["typo", "case", "swap", "accent", "phone"]
        picks = rng.choice(len(options), size=2, replace=False)
        for p in picks:
            change = options[p]
            if change == "accent":
                plain_first, plain_last = unidecode(first), unidecode(last)
                if (plain_first, plain_last) != (first, last) and cols["_locale"][k] == "fr_FR":
                    first, last = plain_first, plain_last
                else:
                    change = "typo"
            if change == "typo":
                last = _typo(rng, last)
            elif change == "case":
                if rng.random() < 0.5:
                    last = last.upper()
                else:
                    first, last = first.lower(), last.lower()
                if first == first0 and last == last0:  # a script without case
                    last = _typo(rng, last)
                    change = "typo"
            elif change == "swap":
                first, last = last, first
            elif change == "phone":
                if phone:
                    digits = re.sub(r"\D", "", phone)
                    phone = digits if rng.random() < 0.5 else "00" + digits
                else:
                    change = "case" if first.lower() != first else "typo"
                    last = last.upper() if change == "case" else _typo(rng, last)
            changes.append(change)
        roll = rng.random()
        if roll < 0.45:
            changes.append("same email")
        elif roll < 0.65 and email:
            email = email.upper() if rng.random() < 0.5 else email.split("@")[0] + "@gmail.com"
            changes.append("similar email")
        else:
            email = ""
            changes.append("no email")
        if (first, last, email, phone) == (first0, last0, cols["email"][k], cols["phone"][k]):
            last = _typo(rng, last)  # e.g. a swap of two equal names: the copy must differ somewhere
            changes.append("typo")
        own = (name_key(first0), name_key(last0))
        for _ in range(20):  # the copy must not look like a third, unrelated person
            key = (name_key(first), name_key(last))
            if key in (own, own[::-1]) or (key not in taken and key[::-1] not in taken):
                break
            last = _typo(rng, last)
        taken.add(key)
        cols["first_name"][k], cols["last_name"][k], cols["email"][k], cols["phone"][k] = first, last, email, phone
        if rng.random() < 0.7:
            cols["linkedin_url"][k] = ""
        kinds.append(sorted(dict.fromkeys(changes)))
    for c, values in cols.items():
        dups[c] = values
    dups["created_at"] = np.maximum(dups.created_at.to_numpy(),
                                    between(rng, dups.created_at.to_numpy(), AS_OF - DAY))
    return dups, kinds
