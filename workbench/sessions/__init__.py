"""Superuser tooling: plan a session, release trainee copies, grade them, report on the class.

The four steps, each one function (and one ``workbench session`` command):

- :func:`workbench.sessions.plan.plan` writes an HTML facilitator guide;
- :func:`workbench.sessions.release.release` writes per-trainee folders without solutions;
- :func:`workbench.sessions.grade.grade` executes every submission in its own sandboxed kernel
  (:mod:`~workbench.sessions.sandbox`), checks every answer again itself and writes ``grades.csv``
  and a feedback page per trainee, with a marking sheet of the open answers (texts a trainer marks:
  :func:`workbench.sessions.marks.record_marks` applies the marks entered in it);
- :func:`workbench.sessions.report.report` writes the class report.

>>> import workbench.sessions
>>> sorted(workbench.sessions.STEPS)
['grade', 'plan', 'release', 'report']
"""

STEPS = {
    "plan": "workbench.sessions.plan:plan",
    "release": "workbench.sessions.release:release",
    "grade": "workbench.sessions.grade:grade",
    "report": "workbench.sessions.report:report",
}
