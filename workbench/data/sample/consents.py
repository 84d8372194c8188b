"""The consent log, and whether a contact accepts a channel at a moment (the newest log entry wins).

``windows`` maps each channel to three arrays, one value per contact: when it was
granted, revoked and granted again (NaT when it was not).

>>> day = np.timedelta64(86400, "s")
>>> g, r, rg = (np.array([AS_OF - k * day], "datetime64[s]") for k in (30, 20, 10))
>>> windows = {"email": (g, r, rg)}
>>> [bool(consent_allowed(windows, "email", [0], AS_OF - k * day)[0]) for k in (25, 15, 5)]
[True, False, True]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .clock import AS_OF, DAY, HOUR, between
from .draw import draw


def make_consents(rng, contacts: pd.DataFrame):
    """The consent log, and per channel the grant / revoke / re-grant moments (NaT when none)."""
    n = len(contacts)
    created = contacts.created_at.to_numpy()
    nat = np.full(n, np.datetime64("NaT"), "datetime64[s]")
    rows, windows = [], {}
    for channel, p_grant, p_revoke in (("email", 0.85, 0.08), ("sms", 0.35, 0.10), ("phone", 0.5, 0.03)):
        granted = rng.random(n) < p_grant
        g = np.minimum(created + (rng.integers(0, 3 * 86400, n)).astype("timedelta64[s]"), AS_OF - HOUR)
        g = np.where(granted, g, nat)
        revoked = granted & (rng.random(n) < p_revoke) & (g < AS_OF - 3 * DAY)
        r = np.where(revoked, between(rng, g + DAY, AS_OF - DAY, n), nat)
        regranted = revoked & (rng.random(n) < 0.15) & (r < AS_OF - 3 * DAY)
        rg = np.where(regranted, between(rng, r + DAY, AS_OF - DAY, n), nat)
        windows[channel] = (g, r, rg)
        for status, mask, at in (("granted", granted, g), ("revoked", revoked, r), ("granted", regranted, rg)):
            idx = np.flatnonzero(mask)
            src = (draw(rng, ("web_form", "event", "import", "phone_call"), len(idx), [45, 20, 25, 10])
                   if status == "granted" else draw(rng, ("unsubscribe_link", "email_reply", "phone_call",
                                                            "web_form"), len(idx), [55, 15, 10, 20]))
            rows.append(pd.DataFrame({"contact_id": contacts.contact_id.to_numpy()[idx], "channel": channel,
                                      "status": status, "at": at[idx], "source": src}))
    log = pd.concat(rows, ignore_index=True)
    at = log["at"].to_numpy()
    log["wording_version"] = np.where(at < np.datetime64("2024-05-01"), "v1",
                                      np.where(at < np.datetime64("2025-09-01"), "v2", "v3"))
    log = log.sort_values(["at", "contact_id", "channel"], kind="stable").reset_index(drop=True)
    return log, windows


def consent_allowed(windows, channel, idx, when) -> np.ndarray:
    """True where contact ``idx`` has granted ``channel`` at ``when`` (newest log entry wins)."""
    g = windows[channel][0][idx]
    after_grant = ~np.isnat(g) & (g <= when)
    return after_grant & ~consent_revoked(windows, channel, idx, when)


def consent_revoked(windows, channel, idx, when) -> np.ndarray:
    """True where contact ``idx`` had revoked ``channel`` at ``when`` and not granted it again."""
    _, r, rg = (w[idx] for w in windows[channel])
    return ~np.isnat(r) & (r <= when) & (np.isnat(rg) | (when < rg))
