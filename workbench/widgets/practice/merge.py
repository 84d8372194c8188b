"""The screen to merge duplicate contacts: pick a likely pair, compare the two records, keep one.

>>> from workbench.practice.database import sandbox, tiny_dataset
>>> s = MergeScreen(sandbox(tiny_dataset()))
>>> s.pairs.value = s.pairs.options[0][1]
>>> s.keep.value, s.remove.value
('C001', 'C003')
"""

from __future__ import annotations

from ...data import rules
from ...errors import WorkbenchError
from ...exercises.words import REASON, said
from ...i18n.messages import _
from ...practice import merge
from ...text import isolate
from .screen import STYLE, WIDTH, Screen, failure_html, ipywidgets, problems_html, status_html, table_html, tagged


class MergeScreen(Screen):
    """Pick a likely duplicate pair, compare the two records, choose the one to keep and merge."""

    def __init__(self, db):
        w = ipywidgets()
        self.db = db
        self.pairs = w.Select(options=[], rows=6, description=_("look-alikes"), style=STYLE, layout={"width": "100%"})
        self.keep = w.Text(description=_("keep"), style=STYLE, placeholder=_("contact id to keep"))
        self.remove = w.Text(description=_("merge away"), style=STYLE, placeholder=_("contact id to merge into it"))
        self.swap = w.Button(description=_("Swap"), icon="exchange", tooltip=_("Keep the other record instead"))
        self.rescan = w.Button(description=_("Scan again"), icon="search",
                               tooltip=_("Look through every contact again for look-alikes (after many edits)"))
        self.comparison = w.HTML()
        self.merge = w.Button(description=_("Merge"), button_style="danger", icon="compress")
        self.message = w.HTML()
        self.pairs.observe(self.guarded(self._pick), names="value")
        self.keep.observe(self.guarded(self._compare), names="value")
        self.remove.observe(self.guarded(self._compare), names="value")
        self.swap.on_click(self.guarded(self._swap))
        self.merge.on_click(self.guarded(self.submit))
        self.rescan.on_click(self.guarded(lambda: self.refresh(rescan_all=True)))
        self.widget = w.VBox([w.HTML(tagged(_('Merge duplicates'), "h4")), w.HBox([self.pairs]), self.rescan, self.keep,
                              self.remove, self.swap, self.comparison, self.merge, self.message],
                             layout={"width": WIDTH})
        self.refresh()

    def refresh(self, rescan_all: bool = False):
        found = merge.find_duplicates(self.db, rescan_all=rescan_all)
        self.pairs.options = [(f"{isolate(r.keep_name)} ({r.keep}) ~ {isolate(r.remove_name)} ({r.remove}) · {said(REASON, r.reason)}",
                               (r.keep, r.remove)) for r in found.itertuples()]
        return found

    def _pick(self):
        if self.pairs.value:
            self.keep.value, self.remove.value = self.pairs.value

    def _swap(self):
        self.keep.value, self.remove.value = self.remove.value, self.keep.value

    def _compare(self):
        if not (self.keep.value and self.remove.value) or self.keep.value == self.remove.value:
            self.comparison.value = ""
            return
        try:
            self.comparison.value = table_html(merge.compare(self.db, self.keep.value.strip(),
                                                              self.remove.value.strip()), max_rows=30)
        except WorkbenchError as err:
            self.comparison.value = status_html(False, str(err))

    def submit(self):
        try:
            kept = merge.merge_contacts(self.db, self.keep.value.strip(), self.remove.value.strip())
        except WorkbenchError as err:
            self.message.value = failure_html(err)
            return None
        gone = self.remove.value.strip()
        left = rules.record_problems("contacts", kept)
        self.message.value = status_html(True, _('Merged {gone} into {isolate} ({contact_id}), with both histories.').format(gone=gone, isolate=isolate(kept['first_name'] + ' ' + kept['last_name']), contact_id=kept['contact_id']))
        if left:
            self.message.value += problems_html(left, _('Still to correct on {contact_id} (open it in Search and press Edit):').format(contact_id=kept['contact_id']))
        self.keep.value = self.remove.value = ""
        # drop the pairs the merge settled, without searching the whole CRM again
        self.pairs.value = None
        self.pairs.options = [(label, pair) for label, pair in self.pairs.options if gone not in pair]
        self.pairs.value = None
        return kept



__all__ = ["MergeScreen"]
