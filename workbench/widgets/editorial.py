"""Editorial widgets: a persona editor and a calendar planner, thin over :mod:`workbench.editorial`.

The widgets hold no logic: the editor builds :class:`~workbench.editorial.personas.Persona`
objects and saves them with :func:`save_personas`; the planner calls
:func:`plan_calendar` (which audits its plan with :func:`check_plan`),
:func:`mix_report` and :func:`calendar_figure`.  ``editor.personas`` and ``planner.plan`` are the
current results, ready for a check or an export.

>>> from workbench.editorial.personas import Persona
>>> ed = PersonaEditor([Persona("P1", "Olivia", role="COO")])
>>> ed.fields["objectives"].value = "deliver on time\\nlower costs"
>>> ed.apply()
>>> ed.personas[0].objectives
['deliver on time', 'lower costs']
>>> import pandas as pd
>>> line = pd.DataFrame({"theme": list("ABCDEFGHIJ")})
>>> pl = CalendarPlanner([Rep("U1", "Amina")], line, ["P1"], start="2026-03-02")
>>> pl.controls["weeks"].value = 2
>>> pl.run()
>>> len(pl.plan), pl.breaches
(12, 0)

Reps with settings of their own keep them, unless the trainee unticks
"each rep's own settings" to try the same cadence, reactions and hours for all:

>>> pl = CalendarPlanner([Rep("U1", posts_per_week=2), Rep("U2", posts_per_week=3)], line, ["P1"], start="2026-03-02")
>>> pl.own_settings.value, pl.controls["posts_per_week"].disabled
(True, True)
"""

from __future__ import annotations

import html
from dataclasses import replace

from ..editorial.audit import mix_report
from ..editorial.personas import LIST_FIELDS, Persona, save_personas
from ..editorial.planner import plan_calendar
from ..editorial.rules import MIX_CATEGORY_WORDS, MIX_RULES, PlanRules, Rep, reps_frame
from ..errors import WorkbenchError
from ..i18n.html import ltr
from ..i18n.messages import N_, _, ngettext
from . import in_a_kernel, in_language

_LAYOUT = {"width": "min(100%, 40em)"}
#: A persona's fields as the trainee reads them (the persona keeps the English field names).
FIELD_WORDS = {"id": N_("id"), "name": N_("name"), "role": N_("role"), "decision_process": N_("decision process"),
               "responsibilities": N_("responsibilities"), "objectives": N_("objectives"),
               "challenges": N_("challenges"), "projects": N_("projects"), "what_matters": N_("what matters")}
_STYLE = {"description_width": "11em"}


class PersonaEditor:
    """Edit personas one at a time: pick one, change its fields, Apply, Save to a JSON file.

    List fields take one phrase per line.  ``path`` (optional) is where Save writes.
    """

    def __init__(self, personas, path=None):
        import ipywidgets as w

        self.personas = [p if isinstance(p, Persona) else Persona(**p) for p in personas] or [
            Persona("P1", _("New persona"))]
        self.path = path
        self.picker = w.Dropdown(options=self._options(), value=0, description=_("Persona"), style=_STYLE, layout=_LAYOUT)
        self.fields = {}
        for name in ("id", "name", "role", "decision_process"):
            self.fields[name] = w.Text(description=_(FIELD_WORDS[name]), style=_STYLE, layout=_LAYOUT)
        for name in LIST_FIELDS:
            self.fields[name] = w.Textarea(description=_(FIELD_WORDS[name]), placeholder=_("one phrase per line"),
                                           style=_STYLE, layout={**_LAYOUT, "height": "5em"})
        self.status = w.HTML()
        buttons = [w.Button(description=d, icon=i, layout={"width": "8em"}) for d, i in
                   ((_("Apply"), "check"), (_("Add"), "plus"), (_("Remove"), "trash"), (_("Save"), "save"))]
        for b, fn in zip(buttons, (self.apply, self.add, self.remove, self.save)):
            b.on_click(lambda _, fn=fn: self._safely(fn))
        self.picker.observe(lambda ch: self._show(ch["new"]), names="value")
        self.widget = w.VBox([self.picker, *self.fields.values(), w.HBox(buttons), self.status])
        self._show(0)

    def _options(self):
        return [(f"{p.id}: {p.name}", i) for i, p in enumerate(self.personas)]

    def _show(self, index):
        if index is None:
            return
        p = self.personas[index]
        for name, box in self.fields.items():
            value = getattr(p, name)
            box.value = "\n".join(value) if isinstance(value, list) else value
        missing = p.missing()
        text = (_("Still empty: {fields}").format(fields=", ".join(_(FIELD_WORDS.get(f, f)) for f in missing))
                if missing else _("Every field is filled in."))
        self.status.value = in_language(f"<i>{html.escape(text)}</i>")

    def _safely(self, fn):
        try:
            fn()
        except WorkbenchError as err:
            self.status.value = in_language(f'<span style="color:#b3261e">{html.escape(str(err))}</span>')

    def apply(self):
        """Copy the form into the selected persona."""
        from ..editorial.personas import persona_from_dict

        values = {k: (v.value.splitlines() if k in LIST_FIELDS else v.value) for k, v in self.fields.items()}
        index = self.picker.value
        self.personas[index] = persona_from_dict(values, where=f"persona {index + 1}")
        self._refresh(index)

    def add(self):
        """A new, empty persona, selected for editing."""
        self.personas.append(Persona(f"P{len(self.personas) + 1}", _("New persona")))
        self._refresh(len(self.personas) - 1)

    def remove(self):
        """Remove the selected persona (one always stays)."""
        if len(self.personas) > 1:
            self.personas.pop(self.picker.value)
        self._refresh(0)

    def save(self, path=None):
        """Save every persona to ``path`` (or the editor's path)."""
        target = path or self.path
        if not target:
            self.status.value = in_language("<i>" + html.escape(_("No file given: create the editor with path=...")) + "</i>")
            return
        save_personas(self.personas, target)
        n = len(self.personas)
        self.status.value = in_language(ngettext("Saved {n} persona to {file}.", "Saved {n} personas to {file}.", n)
                                        .format(n=n, file=ltr(target)))

    def _refresh(self, index):
        self.picker.options = self._options()
        self.picker.value = index
        self._show(index)

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


class CalendarPlanner:
    """Choose weeks, cadence, hours, theme gap and mix rule; Plan shows the calendar, the mix and any breach.

    ``reps`` is a list of :class:`~workbench.editorial.rules.Rep` or a table
    like ``reps.csv`` (see :func:`~workbench.editorial.rules.reps_frame`).
    When the reps' cadence, reactions and hours differ, "each rep's own
    settings" starts ticked and those three controls are greyed out; unticked,
    the controls apply to every rep.  When the reps all share one setting,
    the controls start from it and apply to everyone.
    """

    _PER_REP = ("posts_per_week", "react_per_week", "hours_per_week")

    def __init__(self, reps, line, personas, *, start, manager=None, weeks: int = 8):
        import ipywidgets as w

        self.reps, self.line, self.personas, self.start, self.manager = reps_frame(reps), line, personas, start, manager
        self.plan = None
        self.breaches = None
        first = self.reps[0]
        self.controls = {
            "weeks": w.BoundedIntText(value=weeks, min=1, max=104, description=_("weeks"), style=_STYLE),
            "posts_per_week": w.BoundedIntText(value=first.posts_per_week, min=1, max=10, description=_("posts a week"),
                                               style=_STYLE),
            "react_per_week": w.BoundedIntText(value=first.react_per_week, min=0, max=20,
                                               description=_("reactions a week"), style=_STYLE),
            "hours_per_week": w.BoundedFloatText(value=first.hours_per_week, min=0.5, max=40, step=0.5,
                                                 description=_("hours a week"), style=_STYLE),
            "theme_gap_weeks": w.BoundedIntText(value=3, min=0, max=12, description=_("theme gap (weeks)"), style=_STYLE),
            "mix": w.Dropdown(options=list(MIX_RULES), value="4-1-1", description=_("content mix"), style=_STYLE),
        }
        differ = len({tuple(getattr(r, k) for k in self._PER_REP) for r in self.reps}) > 1
        self.own_settings = w.Checkbox(value=differ, description=_("each rep's own cadence, reactions and hours"),
                                       indent=False, layout={"width": "auto"})
        self.own_settings.observe(lambda _: self._grey_out(), names="value")
        self._grey_out()
        button = w.Button(description=_("Plan"), icon="calendar", button_style="primary", layout={"width": "8em"})
        button.on_click(lambda _: self.run())
        self.summary = w.HTML()
        self.figure = w.Output()
        self.widget = w.VBox([self.own_settings, *self.controls.values(), button, self.summary, self.figure])

    def _grey_out(self):
        for key in self._PER_REP:
            self.controls[key].disabled = self.own_settings.value

    def team(self) -> list[Rep]:
        """The reps as they will be planned: their own settings, or the controls' for all."""
        if self.own_settings.value:
            return list(self.reps)
        return [replace(r, **{k: self.controls[k].value for k in self._PER_REP}) for r in self.reps]

    def run(self):
        """Plan with the current settings; a constraint that cannot hold is explained, not raised."""
        c = {k: v.value for k, v in self.controls.items()}
        reps = self.team()
        rules = PlanRules(mix=c["mix"], theme_gap_weeks=c["theme_gap_weeks"])
        try:
            self.plan = plan_calendar(reps, self.line, self.personas, weeks=c["weeks"], start=self.start, rules=rules,
                                      manager=self.manager)
        except WorkbenchError as err:
            self.plan, self.breaches = None, None
            self.summary.value = in_language('<div style="color:#b3261e">'
                                             + _("<b>No plan:</b> {reason}").format(reason=html.escape(str(err)))
                                             + "</div>")
            self.figure.outputs = ()
            return
        self.breaches = self.plan.attrs["hard_breaches"]  # plan_calendar's own audit (check_plan)
        mix = mix_report(self.plan)
        percent = _("{percent:g}%")
        rows = "".join(f"<tr><td>{html.escape(_(MIX_CATEGORY_WORDS.get(r.category, r.category)))}</td><td>{percent.format(percent=r.target_pct)}</td>"
                       f"<td>{percent.format(percent=r.actual_pct)}</td></tr>" for r in mix.itertuples())
        items = ngettext("{n:,} item", "{n:,} items", len(self.plan)).format(n=len(self.plan))
        weeks = ngettext("{n:,} week", "{n:,} weeks", c["weeks"]).format(n=c["weeks"])
        facts = _("<b>{items}</b> over {weeks}; hard-constraint breaches: {breaches}; content-mix deviation "
                  "{deviation:g} points.").format(items=items, weeks=weeks, breaches=self.breaches,
                                                  deviation=mix.attrs["mix_deviation"])
        head = "".join(f"<th>{html.escape(word)}</th>" for word in (_("category"), _("target"), _("planned")))
        self.summary.value = in_language(f"{facts}<table><tr>{head}</tr>{rows}</table>")
        from IPython.display import clear_output, display

        from ..editorial.calendar_view import calendar_figure

        self.chart = calendar_figure(self.plan, react=False)
        if not in_a_kernel():
            return  # nowhere to draw; the figure is still on the object
        with self.figure:  # displayed in the kernel, so the figure gets the notebook's plotly renderer
            clear_output(wait=True)
            display(self.chart)

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)
