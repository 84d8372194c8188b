"""The contact explorer: search and filter contacts, open one to see its consents and timeline.

Thin over :mod:`workbench.crm.search`, :mod:`workbench.crm.consent` and
:mod:`workbench.crm.activities`: the widget only asks, pages and displays.  It
stays quick on 100,000 contacts because everything slow happens once, when it
opens: a :class:`~workbench.crm.search.ContactIndex` is built, and the
consents and activities are grouped by contact, so opening a contact reads
only its own rows.  The search box answers when you press Enter (or leave the box), not
at every keystroke.

Everything works from the keyboard: Tab moves between the search box, the
filters, the result list and the page buttons; the arrow keys move in the
result list, and the selected contact opens on the right.

>>> import pandas as pd
>>> contacts = pd.DataFrame({"contact_id": ["C1", "C2"], "first_name": ["Nusrat", "Omar"],
...                          "last_name": ["Jahan", "Haddad"], "email": ["nj@acme.test", "omar@x.test"],
...                          "lifecycle_stage": ["lead", "customer"]})
>>> consents = pd.DataFrame({"contact_id": ["C2"], "channel": ["email"], "status": ["revoked"],
...                          "at": ["2025-04-01 10:00"]})
>>> activities = pd.DataFrame({"activity_id": ["A1"], "type": ["call"], "subject": ["Renewal"],
...                            "status": ["completed"], "contact_id": ["C2"], "owner_id": ["U1"],
...                            "due_at": ["2025-05-02 09:00"], "completed_at": ["2025-05-02 09:20"]})
>>> ex = ContactExplorer(contacts, consents, activities, page_size=1)
>>> ex.count.value
"<span role='status'>Showing 1–1 of 2 contacts</span>"
>>> ex.next.click(); ex.results.value
'C2'
>>> ex.search.value = "omar"
>>> ex.results.value, "Haddad" in ex.detail.value, "revoked" in ex.detail.value, "Renewal" in ex.detail.value
('C2', True, True, True)
>>> ex.filters["lifecycle_stage"].value = "lead"
>>> ex.results.options, "No contact matches" in ex.detail.value
((), True)
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from ..crm.columns import is_number
from ..crm.search import ANY, ContactIndex
from ..errors import InputError, require_columns
from ..i18n.messages import _, ngettext
from . import in_language
from .tables import column_words

__all__ = ["ContactExplorer", "contact_explorer"]

FILTERS = ("lifecycle_stage", "preferred_channel", "country")


class _RowsByContact:
    """A table's rows grouped by ``contact_id`` once, so one contact's rows are a slice, not a scan."""

    def __init__(self, table: pd.DataFrame, where: str):
        require_columns(table, ["contact_id"], where=where)
        self.table = table
        codes, uniques = pd.factorize(table["contact_id"].astype("string"), use_na_sentinel=True)
        self._order = np.argsort(codes, kind="stable")
        self._bounds = np.searchsorted(codes[self._order], np.arange(len(uniques) + 1))
        self._slot = pd.Index(uniques)

    def rows(self, contact_id: str) -> pd.DataFrame:
        slot = self._slot.get_indexer([contact_id])[0]
        if slot < 0:
            return self.table.iloc[:0]
        return self.table.iloc[self._order[self._bounds[slot]:self._bounds[slot + 1]]]


def _text(value) -> str:
    """How a field reads on the card: blank when missing, a date without a midnight time.

    >>> _text(pd.Timestamp("2024-03-26")), _text(pd.Timestamp("2024-03-26 09:30")), _text(None)
    ('2024-03-26', '2024-03-26 09:30:00', '')
    """
    if pd.isna(value):
        return ""
    if isinstance(value, pd.Timestamp) and value == value.normalize():
        return value.date().isoformat()
    return str(value)


def _table_html(df: pd.DataFrame, columns, empty: str) -> str:
    columns = [c for c in columns if c in df.columns]
    if df.empty or not columns:
        return f"<p><i>{html.escape(empty)}</i></p>"
    head = "".join(f"<th style='text-align:start;padding:2px 8px'>{html.escape(column_words(c))}</th>"
                   for c in columns)
    rows = []
    for record in df[columns].itertuples(index=False):
        cells = "".join(f"<td dir='auto' style='padding:2px 8px'>{html.escape(_text(v))}</td>"
                        for v in record)
        rows.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


class ContactExplorer:
    """The widget: search box and filters on the left, the open contact on the right.

    ``.widget`` is the ipywidgets box to display; ``.search`` (answers on Enter),
    ``.filters``, ``.results`` (a keyboard-navigable list), ``.previous``/``.next``
    and ``.detail`` (HTML) are its parts; ``.matches`` is the table of contacts
    the search and filters keep.
    """

    def __init__(self, contacts: pd.DataFrame, consents: pd.DataFrame | None = None,
                 activities: pd.DataFrame | None = None, accounts: pd.DataFrame | None = None, *,
                 page_size: int = 25, timeline_rows: int = 30):
        import ipywidgets as w

        where = "ContactExplorer(contacts, consents, activities, accounts)"
        require_columns(contacts, ["contact_id"], where=where)
        for name, value, default in (("page_size", page_size, 25), ("timeline_rows", timeline_rows, 30)):
            if not is_number(value, whole=True) or value < 1:
                raise InputError(_('{name} must be a positive whole number, got {value!r}').format(name=name, value=value), where=where,
                                 fix=_('leave it out, or pass a number such as {name}={default}').format(name=name, default=default))
        frame = contacts
        if accounts is not None and "account_id" in contacts.columns:
            require_columns(accounts, ["account_id", "name"], where=where)
            names = accounts.set_index(accounts["account_id"].astype(str))["name"]
            frame = contacts.assign(account_name=contacts["account_id"].astype("string").map(names))
        self.contacts = frame.reset_index(drop=True)
        self.index = ContactIndex(self.contacts)
        self.consents = None if consents is None else _RowsByContact(consents, where)
        self.activities = None if activities is None else _RowsByContact(activities, where)
        self.page_size, self.timeline_rows = int(page_size), int(timeline_rows)
        ids = self.contacts["contact_id"].astype(str)
        first = ~ids.duplicated().to_numpy()
        self._row_of = pd.Series(np.flatnonzero(first), index=ids[first].to_numpy())  # id -> row, first wins
        self.positions = np.arange(len(self.contacts))
        self.page = 0

        self.search = w.Text(placeholder=_("name, email, phone, company, city or id; press Enter"),
                             description=_("Search"), continuous_update=False, layout={"width": "28em"})
        self.filters = {}
        for column in FILTERS:
            if column in self.contacts.columns:
                values = sorted(self.contacts[column].dropna().astype(str).unique())
                self.filters[column] = w.Dropdown(options=[ANY, *values], value=ANY,
                                                  description=column_words(column),
                                                  style={"description_width": "9em"}, layout={"width": "28em"})
        self.results = w.Select(options=[], rows=min(page_size, 15), description=_("Contacts"),
                                layout={"width": "28em"})
        self.count = w.HTML()
        self.previous = w.Button(description=_("Previous"), icon="arrow-left", tooltip=_("Previous page"),
                                 layout={"width": "9em"})
        self.next = w.Button(description=_("Next"), icon="arrow-right", tooltip=_("Next page"), layout={"width": "9em"})
        self.detail = w.HTML(layout={"width": "100%"})
        self.detail.add_class("workbench-contact-detail")

        self.search.observe(lambda _: self._refresh(), names="value")
        for dropdown in self.filters.values():
            dropdown.observe(lambda _: self._refresh(), names="value")
        self.results.observe(lambda change: self.show(change["new"]), names="value")
        self.previous.on_click(lambda _: self._turn(-1))
        self.next.on_click(lambda _: self._turn(1))
        left = w.VBox([self.search, *self.filters.values(), self.count, self.results,
                       w.HBox([self.previous, self.next])], layout={"min_width": "30em"})
        self.widget = w.HBox([left, w.VBox([self.detail], layout={"flex": "1", "padding": "0 0 0 1em"})])
        self._refresh()

    @property
    def matches(self) -> pd.DataFrame:
        """The contacts the search and the filters keep, in table order."""
        return self.contacts.iloc[self.positions]

    def _refresh(self):
        chosen = {c: d.value for c, d in self.filters.items()}
        self.positions = self.index.search(self.search.value, **chosen)
        self.page = 0
        self._show_page()

    def _turn(self, step: int):
        pages = max(1, -(-len(self.positions) // self.page_size))
        self.page = min(max(self.page + step, 0), pages - 1)
        self._show_page()

    def _label(self, row) -> str:
        name = " ".join(str(row.get(c, "")) for c in ("first_name", "last_name") if pd.notna(row.get(c)))
        extra = row.get("account_name") if pd.notna(row.get("account_name", None)) else row.get("email", "")
        return f"{row['contact_id']} · {name} · {'' if pd.isna(extra) else extra}"

    def _show_page(self):
        start = self.page * self.page_size
        page = self.contacts.iloc[self.positions[start:start + self.page_size]]
        options = [(self._label(row), str(row["contact_id"])) for _, row in page.iterrows()]
        self.results.options = options
        total = len(self.positions)
        showing = (ngettext("Showing {first:,}–{last:,} of {total:,} contact",
                            "Showing {first:,}–{last:,} of {total:,} contacts", total) if total else
                   _("No contacts to show"))
        self.count.value = "<span role='status'>" + html.escape(
            showing.format(first=start + 1, last=start + len(page), total=total)) + "</span>"
        self.previous.disabled = self.page == 0
        self.next.disabled = start + self.page_size >= total
        if options:
            self.results.value = options[0][1]
        else:
            self.detail.value = in_language(
                "<p><i>" + html.escape(_("No contact matches. Clear a filter or shorten the search.")) + "</i></p>")

    def card(self, contact_id: str) -> dict:
        """What the detail pane shows for one contact: its record, current consents, consent log, timeline."""
        from ..crm.activities import activity_log
        from ..crm.consent import current_consent

        slot = self._row_of.index.get_indexer([contact_id])[0]
        if slot < 0:
            raise InputError(_('no contact with id {contact_id!r}').format(contact_id=contact_id), where="ContactExplorer.card(contact_id)",
                             fix=_("pick a contact from the list"))
        record = self.contacts.iloc[self._row_of.iloc[slot]]
        out = {"record": record, "consents": None, "consent_log": None, "timeline": None}
        if self.consents is not None:
            log = self.consents.rows(contact_id)
            out["consent_log"] = log.sort_values("at", ascending=False, kind="stable")
            out["consents"] = current_consent(log) if len(log) else log.assign(granted=pd.Series(dtype=bool))
        if self.activities is not None:
            out["timeline"] = activity_log(self.activities.rows(contact_id)).head(self.timeline_rows)
        return out

    def show(self, contact_id):
        """Open ``contact_id`` in the detail pane."""
        if contact_id is None:
            return
        card = self.card(str(contact_id))
        record = card["record"]
        fields = "".join(f"<tr><th style='text-align:start;padding:1px 8px'>{html.escape(column_words(k))}</th>"
                         f"<td dir='auto'>{html.escape(_text(v))}</td></tr>"
                         for k, v in record.items())
        parts = [f"<h3 style='margin:0' dir='auto'>{html.escape(self._label(record))}</h3>", f"<table>{fields}</table>"]
        if card["consents"] is not None:
            parts += ["<h4>" + html.escape(_("Consent in force")) + "</h4>",
                      _table_html(card["consents"], ["channel", "status", "at", "source", "wording_version"],
                                  _("No consent recorded: do not send marketing messages.")),
                      "<details><summary>" + html.escape(_("Consent history")) + "</summary>",
                      _table_html(card["consent_log"], ["at", "channel", "status", "source"], _("No events.")),
                      "</details>"]
        if card["timeline"] is not None:
            parts += ["<h4>" + html.escape(_("Timeline (newest first)")) + "</h4>",
                      _table_html(card["timeline"], ["when", "type", "status", "subject", "outcome", "owner_id"],
                                  _("No activity logged with this contact yet."))]
        self.detail.value = in_language("".join(parts))


def contact_explorer(data=None, **options):
    """The contact explorer over a Dataset (default: the learner's data); returns the widget to display.

    Pass ``options`` on to :class:`ContactExplorer` (``page_size``, ``timeline_rows``).

    >>> import pandas as pd
    >>> from types import SimpleNamespace
    >>> data = SimpleNamespace(tables={"contacts": pd.DataFrame({"contact_id": ["C1"], "first_name": ["Amina"]})})
    >>> box = contact_explorer(data)
    >>> "Amina" in box.children[1].children[0].value
    True
    """
    if data is None:
        from ..data import active

        data = active()
    tables = getattr(data, "tables", None)
    if not isinstance(tables, dict) or "contacts" not in tables:
        raise InputError(_("expected a Dataset with a contacts table"), where="contact_explorer(data)",
                         fix=_("pass the data returned by wb.start(), or nothing for your own data"))
    explorer = ContactExplorer(tables["contacts"], tables.get("consents"), tables.get("activities"),
                               tables.get("accounts"), **options)
    return explorer.widget
