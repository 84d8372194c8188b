"""Every screenshot the issue lists is saved by some browser test of this folder, under its name.

Read from the tests' source, so it holds without a browser: a ``lab.shot("name", ...)`` or a
``page.screenshot(path=... / "name.png")`` in a test file.
"""

import re
from pathlib import Path

HERE = Path(__file__).parent
SAVED = re.compile(r"""\.shot\(\s*f?["']([^"'{]+)["']|/\s*["']([^"'{]+)\.png["']""")


def names_saved(text: str) -> set[str]:
    """The screenshot names a test file's source saves.

    >>> sorted(names_saved('lab.shot("stepped-hint", form)\\npage.screenshot(path=str(shots / "certificate.png"))'))
    ['certificate', 'stepped-hint']
    """
    return {a or b for a, b in SAVED.findall(text)}


def test_every_screenshot_the_issue_lists_is_saved_by_a_test(issue_screenshots):
    saved = set().union(*(names_saved(p.read_text(encoding="utf-8")) for p in HERE.glob("test_*.py")
                          if p.name != Path(__file__).name))
    missing = {name: what for name, what in issue_screenshots.items() if name not in saved}
    assert not missing, f"no browser test saves these screenshots: {missing}"
