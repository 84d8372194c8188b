"""The CRM's own values as a trainee reads them: stage names, activity types, channels, statuses.

The database keeps its values in English (``"call"``, ``"revoked"``, ``"Negotiation/Review"``): programs
and checks read them. A sentence or a screen that names one shows it in the trainee's language,
through the catalogue, each kind of value in its own context (``msgctxt``), so that the activity
type "call" and the button "Call" are translated apart. A value the catalogue does not hold (a
stage a company named itself) is shown as it is.

>>> from workbench.i18n.language import use_language
>>> stage_name("Prospecting"), activity_type("call"), stage_name("Our own stage")
('Prospecting', 'call', 'Our own stage')
>>> with use_language("fr"):
...     activity_type("meeting"), consent_status("revoked")
('rendez-vous', 'retiré')
"""

from __future__ import annotations

from ..i18n.messages import NC_, _, pgettext

STAGE = "deal stage"
ACTIVITY = "activity type"
DIRECTION = "activity direction"
CHANNEL = "contact channel"
CONSENT = "consent status"
SOURCE = "consent source"
LEAD_STATUS = "lead status"
ACTIVITY_STATUS = "activity status"
LIFECYCLE = "lifecycle stage"
REASON = "duplicate reason"
ACTION = "audit action"
CHANGE = "audit change"

#: Every value of each kind that the catalogue holds (the sample company's and the practice CRM's stages).
VALUES = {
    STAGE: (NC_("deal stage", "Prospecting"), NC_("deal stage", "Qualification"),
            NC_("deal stage", "Needs Analysis"), NC_("deal stage", "Value Proposition"),
            NC_("deal stage", "Id. Decision Makers"), NC_("deal stage", "Perception Analysis"),
            NC_("deal stage", "Proposal/Price Quote"), NC_("deal stage", "Negotiation/Review"),
            NC_("deal stage", "Closed Won"), NC_("deal stage", "Closed Lost"),
            NC_("deal stage", "Proposal"), NC_("deal stage", "Negotiation")),
    ACTIVITY: (NC_("activity type", "call"), NC_("activity type", "email"), NC_("activity type", "meeting"),
               NC_("activity type", "task"), NC_("activity type", "note")),
    DIRECTION: (NC_("activity direction", "outbound"), NC_("activity direction", "inbound")),
    CHANNEL: (NC_("contact channel", "email"), NC_("contact channel", "sms"), NC_("contact channel", "phone")),
    CONSENT: (NC_("consent status", "granted"), NC_("consent status", "revoked")),
    SOURCE: (NC_("consent source", "phone_call"), NC_("consent source", "email"),
             NC_("consent source", "web_form"), NC_("consent source", "event"),
             NC_("consent source", "in_person"), NC_("consent source", "letter")),
    LEAD_STATUS: (NC_("lead status", "new"), NC_("lead status", "working"), NC_("lead status", "nurturing"),
                  NC_("lead status", "qualified"), NC_("lead status", "unqualified"),
                  NC_("lead status", "converted")),
    ACTIVITY_STATUS: (NC_("activity status", "planned"), NC_("activity status", "completed"),
                      NC_("activity status", "cancelled")),
    LIFECYCLE: (NC_("lifecycle stage", "subscriber"), NC_("lifecycle stage", "lead"),
                NC_("lifecycle stage", "marketing_qualified"), NC_("lifecycle stage", "sales_qualified"),
                NC_("lifecycle stage", "opportunity"), NC_("lifecycle stage", "customer"),
                NC_("lifecycle stage", "evangelist"), NC_("lifecycle stage", "other")),
    REASON: (NC_("duplicate reason", "same name"), NC_("duplicate reason", "similar name"),
             NC_("duplicate reason", "same email"), NC_("duplicate reason", "similar email"),
             NC_("duplicate reason", "same phone"), NC_("duplicate reason", "similar phone"),
             NC_("duplicate reason", "same account_id"), NC_("duplicate reason", "similar account_id")),
    # the labels the practice CRM's writes leave in its audit log (``db.transaction(...)``)
    ACTION: (NC_("audit action", "create contact"), NC_("audit action", "create account"),
             NC_("audit action", "create lead"), NC_("audit action", "create deal"),
             NC_("audit action", "create opportunity"), NC_("audit action", "create activity"),
             NC_("audit action", "create consent"),
             NC_("audit action", "edit contact"), NC_("audit action", "edit account"),
             NC_("audit action", "edit lead"), NC_("audit action", "edit opportunity"),
             NC_("audit action", "edit activity"), NC_("audit action", "edit consent"),
             NC_("audit action", "convert lead"), NC_("audit action", "rescan duplicates"),
             NC_("audit action", "merge contacts"), NC_("audit action", "log call"), NC_("audit action", "log email"),
             NC_("audit action", "log meeting"), NC_("audit action", "log task"), NC_("audit action", "log note"),
             NC_("audit action", "plan follow-up"), NC_("audit action", "set reminder"),
             NC_("audit action", "complete activity"), NC_("audit action", "record consent granted"),
             NC_("audit action", "record consent revoked")),
    CHANGE: (NC_("audit change", "insert"), NC_("audit change", "update"), NC_("audit change", "delete")),
}

#: The kind of value each column of a table holds, where a trainee reads it (``status`` per table).
COLUMNS = {
    "contacts": {"lifecycle_stage": LIFECYCLE, "preferred_channel": CHANNEL},
    "consents": {"channel": CHANNEL, "status": CONSENT, "source": SOURCE},
    "leads": {"status": LEAD_STATUS},
    "opportunities": {"stage": STAGE},
    "activities": {"type": ACTIVITY, "status": ACTIVITY_STATUS, "direction": DIRECTION},
}


def said(kind: str, value) -> str:
    """``value`` (of ``kind``, one of :data:`VALUES`' keys) in the trainee's language; itself when unknown.

    >>> said(CHANNEL, "sms"), said(CHANNEL, None)
    ('sms', '')
    """
    if value is None or value != value:  # None or NaN: nothing to say
        return ""
    return str(pgettext(kind, str(value)))


def stage_name(stage) -> str:
    """A deal stage's name in the trainee's language."""
    return said(STAGE, stage)


def activity_type(kind) -> str:
    """An activity type (call, email, meeting, task, note) in the trainee's language."""
    return said(ACTIVITY, kind)


def channel_name(channel) -> str:
    """A contact channel (email, sms, phone) in the trainee's language."""
    return said(CHANNEL, channel)


def consent_status(status) -> str:
    """A consent status (granted, revoked) in the trainee's language."""
    return said(CONSENT, status)


def audit_action(action) -> str:
    """An audit log's action label in the trainee's language; a deal moved names its stage in it.

    >>> from workbench.i18n.language import use_language
    >>> audit_action("merge contacts"), audit_action("move deal to Proposal")
    ('merge contacts', 'move deal to Proposal')
    >>> with use_language("fr"):
    ...     audit_action("move deal to Proposal").startswith("move deal")
    False
    """
    text = "" if action is None or action != action else str(action)
    if text.startswith("move deal to "):
        return _("move deal to {stage}").format(stage=stage_name(text[len("move deal to "):]))
    return said(ACTION, text)


def options(kind: str, values) -> list[tuple[str, str]]:
    """``(label, value)`` pairs for a drop-down list of ``values`` of ``kind``: the list shows the label,
    the value read back is the stored one.

    >>> options(ACTIVITY, ["call", "email"])
    [('call', 'call'), ('email', 'email')]
    """
    return [(said(kind, value), value) for value in values]


def in_words(df, kinds: dict):
    """A copy of ``df`` whose columns named in ``kinds`` (column -> kind) hold their values in the trainee's
    language, for display only.

    >>> import pandas as pd
    >>> in_words(pd.DataFrame({"type": ["call"], "n": [2]}), COLUMNS["activities"]).to_dict("records")
    [{'type': 'call', 'n': 2}]
    """
    shown = df.copy()
    for column, kind in kinds.items():
        if column in shown.columns:
            shown[column] = [said(kind, value) for value in shown[column]]
    return shown


def listing(kind: str, values) -> str:
    """Several values of ``kind``, each in the trainee's language, separated as a list is.

    >>> listing(CHANNEL, ["sms", "phone"])
    'sms, phone'
    """
    return _(", ").join(said(kind, value) for value in values)
