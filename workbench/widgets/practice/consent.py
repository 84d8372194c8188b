"""The screen to record a contact's consent, or its withdrawal, per channel, with how you learned it.

>>> from workbench.practice.database import sandbox, tiny_dataset
>>> s = ConsentScreen(sandbox(tiny_dataset()), "C001")
>>> s.source.value = "phone_call"
>>> s.submit()
True
"""

from __future__ import annotations

import html

from ...data.schema import CHANNELS
from ...errors import WorkbenchError
from ...exercises.words import CHANNEL, COLUMNS, SOURCE, channel_name, consent_status, options
from ...i18n.messages import N_, _
from ...practice import consent, records
from ...text import isolate
from .screen import STYLE, WIDTH, Screen, failure_html, ipywidgets, status_html, table_html, tagged

#: The consent table as a trainee reads it: each channel, given or withdrawn, when and how it was learned.
CONSENT_COLUMNS = {"channel": N_("channel"), "status": N_("consent"), "at": N_("since"),
                   "source": N_("how we learned it")}


class ConsentScreen(Screen):
    """Record a contact's consent or its withdrawal, per channel, with how you learned it."""

    def __init__(self, db, contact_id=None, *, on_saved=None):
        w = ipywidgets()
        self.db, self.on_saved = db, on_saved
        self.contact_id = w.Text(value=contact_id or "", description=_("contact id"), style=STYLE,
                                 continuous_update=False)
        self.channel = w.Dropdown(options=options(CHANNEL, CHANNELS), value="email", description=_("channel"),
                                  style=STYLE)
        self.status = w.ToggleButtons(options=[(_("withdrawn (revoked)"), "revoked"), (_("given (granted)"), "granted")],
                                      value="revoked", description=_("consent"), style=STYLE)
        self.source = w.Dropdown(options=[("—", "")] + options(SOURCE, consent.SOURCES), value="",
                                 description=_("how you learned it"), style=STYLE)
        self.wording = w.Text(description=_("wording version"), style=STYLE, placeholder=_("optional, e.g. v2"))
        self.current = w.HTML()
        self.save = w.Button(description=_("Record"), button_style="primary", icon="check")
        self.message = w.HTML()
        self.contact_id.observe(self.guarded(self.refresh), names="value")
        self.save.on_click(self.guarded(self.submit))
        self.widget = w.VBox([w.HTML(tagged(_('Consent'), "h4")), self.contact_id, self.current, self.channel, self.status,
                              self.source, self.wording, self.save, self.message], layout={"width": WIDTH})
        self.refresh()

    def refresh(self):
        key = self.contact_id.value.strip()
        if key and self.db.row("contacts", key) is not None:
            who = f"<b>{html.escape(isolate(records.label(self.db, 'contacts', key)))}</b>"
            self.current.value = (_("{who}, consent now:").format(who=who)
                                  + table_html(consent.status(self.db, key), columns=CONSENT_COLUMNS,
                                               values=COLUMNS["consents"]))
        else:
            self.current.value = ""

    def submit(self):
        try:
            consent.record(self.db, self.contact_id.value.strip(), self.channel.value, self.status.value,
                           source=self.source.value, wording_version=self.wording.value.strip() or None)
        except WorkbenchError as err:
            self.message.value = failure_html(err)
            return False
        self.message.value = status_html(True, _("Recorded: consent by {channel}, {status}.").format(
            channel=channel_name(self.channel.value), status=consent_status(self.status.value)))
        self.refresh()
        if self.on_saved:
            self.on_saved()
        return True



__all__ = ["CONSENT_COLUMNS", "ConsentScreen"]
