"""The form renderer: selects, their options and plain inputs written in Python.

Django renders a `<select>` by including a template for each `<option>` (a 200-option select:
14 ms on the development machine, 1.4 ms written here) and every input through two templates.
This renderer writes those widgets as Django's own templates do (a test compares them, widget by
widget) and hands every other template to Django's. `FORM_RENDERER` names it; every form and
filter of the site goes through it (`core.choosers.QuickSelect` adds the kept options of a
model's list and writes them with `write_option` and `write_select`).
"""

from django.forms.renderers import DjangoTemplates
from django.template.base import render_value_in_context
from django.template.context import Context
from django.utils.html import conditional_escape

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"
# Django's input widgets whose template is only `{% include "django/forms/widgets/input.html" %}`.
INPUTS = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in ("text", "number", "email", "url", "tel", "search", "password", "hidden", "date", "time", "datetime")
)

# `{{ value }}` as a template writes it: localised, escaped unless safe.
_CONTEXT = Context()


def _shown(value) -> str:
    return render_value_in_context(value, _CONTEXT)


def _as_string(value) -> str:
    """`{{ value|stringformat:'s' }}`: the value as text (not localised), escaped unless safe."""
    return conditional_escape(value if isinstance(value, str) else str(value))


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {_shown(name)}" if value is True else f' {_shown(name)}="{_as_string(value)}"')
    return "".join(parts)


def write_option(value, label, attrs: dict | None = None) -> str:
    """django/forms/widgets/select_option.html."""
    return f'<option value="{_as_string(value)}"{_attrs(attrs or {})}>{_shown(label)}</option>'


def write_select(name, attrs: dict, options: str) -> str:
    """django/forms/widgets/select.html around `options` (written already)."""
    return f'<select name="{_shown(name)}"{_attrs(attrs)}>{options}\n</select>'


def _option(option: dict) -> str:
    return write_option(option["value"], option["label"], option["attrs"])


def write_input(widget: dict) -> str:
    value = "" if widget["value"] is None else f' value="{_as_string(widget["value"])}"'
    return f'<input type="{_shown(widget["type"])}" name="{_shown(widget["name"])}"{value}{_attrs(widget["attrs"])}>'


class WrittenWidgetsRenderer(DjangoTemplates):
    """Django's template renderer, except for the widgets above, written without a template
    (character for character what the templates write; Django strips what a widget renders)."""

    def render(self, template_name, context, request=None):
        if template_name in INPUTS:
            return write_input(context["widget"])
        if template_name == SELECT:
            return self._select(context["widget"], request)
        if template_name == OPTION:
            return _option(context["widget"])
        return super().render(template_name, context, request)

    def _select(self, widget: dict, request) -> str:
        parts = []
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{_shown(group_name)}">')
            for option in options:
                # A widget may name another template for its options: that one is rendered.
                written = (
                    _option(option)
                    if option["template_name"] == OPTION
                    else self.render(option["template_name"], {"widget": option}, request)
                )
                parts.append(f"\n  {written}\n")
            if group_name:
                parts.append("\n  </optgroup>")
        return write_select(widget["name"], widget["attrs"], "".join(parts))
