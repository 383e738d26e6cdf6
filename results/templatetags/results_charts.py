"""`{% indicator_chart progress %}`: an indicator's chart and its table, written by results.charts."""

from django import template

from results.charts import chart_html

register = template.Library()


@register.simple_tag
def indicator_chart(progress):
    return chart_html(progress)
