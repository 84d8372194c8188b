"""The table filter an assessment uses: counts and totals of the rows picked, in the trainee's language."""

import pandas as pd

from workbench.widgets.table_filter import ANY, TableFilter

DEALS = pd.DataFrame({"Owner": ["Ana", "Ana", "Bo"], "Stage": ["Proposal", "Won", "Proposal"],
                      "Amount": [1500.0, 50.0, 30.0]})


def test_the_lists_keep_their_values_whatever_the_language_of_any():
    from workbench.i18n.language import use_language

    with use_language("fa"):
        f = TableFilter(DEALS, filters=["Owner"], totals=["Amount"])
    assert f.lists["Owner"].options[0] == ("(همه)", ANY) and f.lists["Owner"].value == ANY
    f.pick(Owner="Bo")
    assert len(f.matches()) == 1


def test_the_summary_speaks_bengali(english_left):
    from workbench.i18n.language import use_language

    with use_language("bn"):
        f = TableFilter(DEALS, filters=["Owner"], totals=["Amount"], show=1)
        f.pick(Owner="Ana")
        summary, shown = f.summary(), f.result.value
    assert summary == "২টি সারি মেলে · Amount: মোট ১,৫৫০, গড় ৭৭৫"
    assert shown.startswith('<div lang="bn" dir="ltr">') and "… আর আরও ১টি" in shown
    assert english_left(shown) == []
