"""What a trainee sees of the connector ranking (lesson network/02): ranks, names and a reason per person
in words; the measures, with units, folded under each row; no analyst's columns or six-decimal scores."""

import json
import re
from pathlib import Path

import pytest

from workbench.network.connectors import rank_connectors
from workbench.widgets.network import RANK_BY_WORDS, ConnectorsView, connectors_html

LESSON = Path(__file__).resolve().parents[2] / "notebooks" / "network" / "02-connectors.ipynb"


@pytest.fixture(scope="module")
def team():
    import workbench as wb
    from workbench import network as nw

    return nw.team_network(wb.start(None))


@pytest.fixture(scope="module")
def shown(team):
    """The ranking as lesson 02 shows it: its eight best connectors, drawn as the trainee reads them."""
    table = ConnectorsView(team, top=8).table
    return table, connectors_html(table)


def test_each_connector_has_a_rank_and_a_reason_of_their_own(shown):
    table, page = shown
    assert table["rank"].tolist() == list(range(1, 9))
    assert table["why"].nunique() == len(table), "the same 'why' for several people"
    assert all(name in page for name in table["name"])


def test_no_score_column_and_no_long_decimals_before_the_measures(shown):
    _, page = shown
    header = re.findall(r"<th(?: [^>]*)?>(.*?)</th>", page)
    assert header == ["Rank", "Person", "Company", "Why them"]
    visible = re.sub(r"<details>.*?</details>", "", page, flags=re.S)
    assert not re.search(r"\d\.\d{3,}", visible), "a long decimal a trainee reads"
    assert "degree" not in visible and "betweenness" not in visible


def test_the_measures_are_folded_under_each_row_with_their_units(shown):
    table, page = shown
    folded = re.findall(r"<details><summary>Measures</summary>(.*?)</details>", page, flags=re.S)
    assert len(folded) == len(table)
    for text in folded:
        assert "people" in text and "contacts" in text and "0 = open, 1 = closed circle" in text
        assert not re.search(r"\d\.\d{4,}", text)


def test_the_measures_to_rank_by_are_offered_in_words(team):
    view = ConnectorsView(team, top=3)
    labels = [label for label, _ in view.by.options]
    assert labels[0] == "all measures combined"
    assert all("_" not in label for label in labels)
    assert set(RANK_BY_WORDS) == {value for _, value in view.by.options}
    view.by.value = "betweenness"
    best = rank_connectors(team, by="betweenness", top=1)["name"].iloc[0]
    assert view.table["name"].iloc[0] == best  # the row the hint of the betweenness question sends a trainee to


def test_the_lesson_shows_the_ranking_widget_not_the_analysts_table():
    code = ["".join(c["source"]) for c in json.loads(LESSON.read_text(encoding="utf-8"))["cells"]
            if c["cell_type"] == "code"]
    assert any("connectors_view(net" in c for c in code)
    assert not any('"degree"' in c or "row.why" in c for c in code)


def test_right_to_left_names_in_a_reason_are_isolated(shown):
    """An Arabic or Persian company inside an English reason keeps the sentence in order."""
    table, _ = shown
    with_rtl = [why for why in table["why"] if re.search(r"[\u0600-\u06ff]", why)]
    assert with_rtl, "the sample's ranking has right-to-left company names"
    for why in with_rtl:
        outside = re.sub(r"\u2068[^\u2069]*\u2069", "", why)
        assert not re.search(r"[\u0600-\u06ff]", outside), why


def test_a_reason_ends_on_one_full_stop(shown):
    table, _ = shown
    assert not [why for why in table["why"] if why.replace("\u2069", "").endswith("..")]


def test_the_betweenness_question_can_be_answered_from_the_measures(shown):
    """Lesson 02's question on betweenness offers the ranking's eight people: the figure their Measures show
    singles out the right one (no tie once rounded)."""
    from workbench.exercises import get
    from workbench.exercises.check import Context

    table, _ = shown
    figures = {name: float(re.match(r"betweenness ([\d.]+)", details).group(1))
               for name, details in zip(table["name"], table["details"])}
    best = max(figures.values())
    assert list(figures.values()).count(best) == 1
    answer = next(name for name, figure in figures.items() if figure == best)
    assert get("network.connectors.most-between").reference(Context()).startswith(answer)


def test_the_ranking_reads_in_bengali_with_no_english_sentence(team, english_left):
    from workbench.i18n.language import use_language

    with use_language("bn"):
        view = ConnectorsView(team, top=5)
        page = connectors_html(view.table)
    assert page.startswith('<div lang="bn" dir="ltr">')
    assert "<th" in page and ">কেন তাঁরা</th>" in page and "<summary>পরিমাপ</summary>" in page
    assert "বিটুইননেস" in page  # the measures, in words, with Bengali digits
    assert english_left(page) == []


def test_the_explorer_says_its_count_in_arabic_right_to_left(english_left):
    from workbench.i18n.language import use_language
    from workbench.network.demo import demo_network
    from workbench.widgets.network import NetworkExplorer

    with use_language("ar"):
        explorer = NetworkExplorer(demo_network(), show_map=False)
        explorer.target.value = "Vega"
    assert explorer.message.value.startswith('<div lang="ar" dir="rtl">')
    assert "<bdi>Vega</bdi>" in explorer.message.value and "عدد المسارات" in explorer.message.value
    assert english_left(explorer.message.value) == []
