"""The implementation map's cells, rendered in Python (`decisions.templatetags.implementation_map`)."""

import pytest
from django.template.defaultfilters import floatformat
from django.utils import translation
from django.utils.translation import gettext

from decisions.selectors import Score
from decisions.templatetags.implementation_map import compact_compliance_cells, compliance, whole_percent


@pytest.mark.parametrize("percent", [0.0, 0.5, 12.5, 33.333, 49.5, 66.6667, 99.5, 100.0])
def test_a_whole_percentage_is_rounded_as_floatformat_rounds_it(percent):
    assert str(whole_percent(percent)) == floatformat(percent, 0)


def test_a_rows_compact_cells_are_the_compact_figures_each_in_its_cell():
    scores = [Score(complied=1, applicable=8), Score(complied=0, applicable=0), Score(complied=3, applicable=3)]
    with translation.override("fr"):
        cells = str(compact_compliance_cells(scores))
        of, not_applicable = gettext("%(complied)s of %(applicable)s"), gettext("n/a")
        expected = "".join(
            f'<td class="text-end text-nowrap">{cell}</td>'
            for cell in (
                f'<span title="{of % {"complied": 1, "applicable": 8}}">13&nbsp;%</span>',
                compliance(scores[1]),
                f'<span title="{of % {"complied": 3, "applicable": 3}}">100&nbsp;%</span>',
            )
        )
    assert cells == expected and cells.count("<td") == 3
    title = of % {"complied": 1, "applicable": 8}
    assert f'<td class="text-end text-nowrap"><span title="{title}">13&nbsp;%</span></td>' in cells
    assert f">{not_applicable}</span></td>" in cells


def test_the_compact_cells_title_is_escaped(monkeypatch):
    """A translation of "x of y" with an ampersand or a quote is written escaped in the title."""
    from decisions.templatetags import implementation_map

    monkeypatch.setattr(implementation_map, "gettext", lambda text: '%(complied)s "&" %(applicable)s')
    cells = str(compact_compliance_cells([Score(complied=2, applicable=4)]))
    assert '<span title="2 &quot;&amp;&quot; 4">50&nbsp;%</span>' in cells
