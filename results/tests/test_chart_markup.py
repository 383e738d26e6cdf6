"""An indicator's chart and table as the programme and indicator pages write them
(results.charts.chart_html): escaping, missing figures, number formats and languages."""

from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.utils import translation

from results.charts import chart_html, progress_chart
from results.choices import TargetFrequency, ValueStatus
from results.models import Indicator, MeasuredValue, Period
from results.selectors import Point, Progress


class Markup(HTMLParser):
    """The elements written, with their attributes, and the text of each."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements, self.texts = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        if data.strip():
            self.texts.append(data.strip())

    def all(self, tag):
        return [attrs for name, attrs in self.elements if name == tag]


def _progress(frequency=TargetFrequency.PER_PERIOD, name="R&D <b>spending</b>"):
    indicator = Indicator(pk=7, name=name, target_frequency=frequency)
    periods = [Period(pk=k, label=label) for k, label in enumerate(["2004 & 05", "2006", "2007–08 long label"], 1)]
    values = [
        MeasuredValue(value=Decimal("1234567.891"), status=ValueStatus.APPROVED),
        None,
        MeasuredValue(value=Decimal("1E+2"), status=ValueStatus.SUBMITTED),
    ]
    points = [
        Point(periods[0], Decimal("1000000"), values[0], Decimal("1234567.891"), Decimal("1234567.891")),
        Point(periods[1], None, None, None, Decimal("1234567.891")),
        Point(periods[2], Decimal("2500000.5"), values[2], None, Decimal("1234567.891")),
    ]
    progress = Progress(indicator=indicator, points=points)
    progress.chart = progress_chart(progress)
    return progress


def test_names_and_labels_are_escaped_and_figures_written_in_full():
    html = str(chart_html(_progress()))
    markup = Markup(html)
    assert "<b>" not in html and "R&amp;D &lt;b&gt;spending&lt;/b&gt;" in html
    [bar] = markup.all("rect")  # the period with no approved figure has no bar, only its label
    assert bar["data-value"] == "1234567.891" and bar["height"] != "0"
    assert [attrs["dx"] for attrs in markup.all("text") if "dx" in attrs] == ["84", "84", "84"]
    assert "2007–08 l…" in markup.texts  # labels cut to ten characters under the bars
    assert len(markup.all("circle")) == 2 and markup.all("polyline")  # two targets, joined
    rows = html.split("<tbody>")[1]
    assert "1,234,567.89" in rows and "2,500,000.5" in rows and ">100<" in rows
    assert rows.count("—") == 2  # 2006: no target, no value
    assert 'class="badge text-bg-' in rows and ">Submitted<" in rows
    assert markup.all("a")[-1]["href"] == "/results/indicators/7/csv/"


def test_the_chart_speaks_the_readers_language_and_number_format():
    with translation.override("fr"):
        html = str(chart_html(_progress(frequency=TargetFrequency.CUMULATIVE)))
    assert "valeurs approuvées à ce jour" in html and "Télécharger" in html
    rows = html.split("<tbody>")[1]
    assert "1\xa0234\xa0567,89" in rows
    svg = html.split("</svg>")[0]
    assert 'data-value="1234567.891"' in svg  # coordinates and data stay unlocalised


def test_an_indicator_with_nothing_to_plot_has_its_table_only():
    progress = _progress()
    progress.chart = None
    html = str(chart_html(progress))
    assert "<svg" not in html and "<figure" not in html and "<table" in html


@pytest.mark.django_db
def test_the_indicator_page_shows_its_chart(client, officer):
    from results.tests.factories import IndicatorFactory, MeasuredValueFactory, PeriodFactory, TargetFactory

    indicator = IndicatorFactory(name="Officials trained")
    period = PeriodFactory(programme=indicator.node.programme, label="2031")
    TargetFactory(indicator=indicator, period=period)
    MeasuredValueFactory(indicator=indicator, period=period, status=ValueStatus.APPROVED, value=Decimal("12"))
    client.force_login(officer)
    html = client.get(indicator.get_absolute_url()).content.decode()
    assert html.count("<svg viewBox") == 1 and 'data-value="12' in html and "Officials trained per period" in html


def test_the_fixed_words_are_escaped_as_translate_escapes_them(monkeypatch):
    """A translation with an apostrophe or an ampersand is written escaped, as `{% translate %}`
    writes it; the words are kept per language, so the cache is emptied around the change."""
    from results import charts

    monkeypatch.setattr(charts, "gettext", lambda text: text.replace("Target", "Cible d'été & co"))
    charts._words.cache_clear()
    try:
        html = str(chart_html(_progress()))
    finally:
        charts._words.cache_clear()
    assert "Cible d&#x27;été &amp; co" in html and "Cible d'été" not in html
