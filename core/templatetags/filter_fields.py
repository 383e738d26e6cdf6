"""A list's filter fields, written in Python.

`{% filter_field field %}` writes what django-bootstrap5's
`{% bootstrap_field field size="sm" server_side_validation=False %}` writes
(a test compares them for every filter of every list), for the widgets filter forms use. Every
list page renders its filters, and django-bootstrap5 spends more on a field's wrapper than
Django spends on the widget; any other widget is handed to django-bootstrap5 as before.
"""

from django import forms, template
from django.forms.widgets import Input
from django.utils.html import conditional_escape, format_html, format_html_join, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django_bootstrap5.renderers import FieldRenderer

register = template.Library()

# Input types Bootstrap styles as a form control (django-bootstrap5's list, less the ones no
# filter uses); a colour or range input goes to django-bootstrap5.
CONTROL_INPUT_TYPES = {"text", "number", "email", "url", "tel", "date", "time", "search", "datetime-local"}
PLACEHOLDER_WIDGETS = (forms.TextInput, forms.NumberInput, forms.EmailInput, forms.URLInput)
SIZE = "sm"


@register.simple_tag
def filter_field(field: forms.BoundField, show_help: bool = True) -> SafeString:
    """One filter: its label, the widget styled for its kind, its errors and help text."""
    widget = field.field.widget
    if field.is_hidden:
        return mark_safe(str(field))
    if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
        control = _choices(field, widget)
    elif isinstance(widget, forms.Select) or _is_control(widget):
        control = field.as_widget(attrs=_widget_attrs(field, widget))
    else:
        return FieldRenderer(field, size=SIZE, server_side_validation=False, show_help=show_help).render()
    label_for = field.id_for_label
    label = (
        format_html('<label for="{}" class="form-label">{}</label>', label_for, field.label)
        if label_for
        else format_html('<label class="form-label">{}</label>', field.label)
    )
    return format_html('<div class="mb-3">{}{}{}{}</div>', label, control, _errors(field), _help(field, show_help))


def _is_control(widget) -> bool:
    return isinstance(widget, Input) and widget.input_type in CONTROL_INPUT_TYPES


def _widget_attrs(field, widget) -> dict:
    kind = "form-select" if isinstance(widget, forms.Select) else "form-control"
    attrs = {"class": _classes(kind, widget.attrs.get("class", ""), f"{kind}-{SIZE}")}
    placeholder = widget.attrs.get("placeholder", field.label)
    if placeholder and isinstance(widget, PLACEHOLDER_WIDGETS):
        attrs["placeholder"] = conditional_escape(strip_tags(placeholder))
    return attrs


def _classes(*names: str) -> str:
    """Class names in order, each once (django-bootstrap5's merge_css_classes)."""
    return " ".join(dict.fromkeys(name for part in names for name in part.split() if name))


def _choices(field, widget) -> SafeString:
    """Check boxes or radio buttons, one `form-check` each, as django-bootstrap5 writes them."""
    attrs = field.build_widget_attrs({}, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs["id"] = field.auto_id
    context = widget.get_context(field.html_name, field.value(), attrs)["widget"]
    groups = format_html_join(
        "", "{}", ((_choice_group(group, options),) for group, options, _ in context["optgroups"])
    )
    outer = {key: context["attrs"][key] for key in ("id", "class") if context["attrs"].get(key)}
    return format_html("<div{}>{}</div>", forms.utils.flatatt(outer), groups)


def _choice_group(group, options) -> SafeString:
    heading = format_html("<div>{}</div>", group) if group else ""
    checks = format_html_join(
        "",
        '<div class="form-check"><input class="form-check-input" type="{}" name="{}"{}{}>'
        '<label class="form-check-label" for="{}">{}</label></div>',
        (
            (
                option["type"],
                option["name"],
                format_html(' value="{}"', option["value"]) if option["value"] is not None else "",
                forms.utils.flatatt({k: v for k, v in option["attrs"].items() if k != "class" and v is not False}),
                option["attrs"].get("id", ""),
                option["label"],
            )
            for option in options
        ),
    )
    return format_html("{}{}", heading, checks)


def _errors(field) -> SafeString | str:
    if not field.errors:
        return ""
    messages = format_html_join("", '<div class="invalid-feedback d-block">{}</div>', ((e,) for e in field.errors))
    return format_html('<div id="{}_error" class="w-100">{}</div>', field.auto_id, messages)


def _help(field, show_help: bool) -> SafeString | str:
    if not (show_help and field.help_text):
        return ""
    # Help text is written by the code, not by users, and may hold markup (as in django-bootstrap5).
    return format_html('<div id="{}_helptext" class="form-text">{}</div>', field.auto_id, mark_safe(field.help_text))
