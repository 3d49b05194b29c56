from django import template

register = template.Library()

_CHECKBOX_TYPES = {"checkbox", "radio"}


@register.filter
def as_bootstrap(field):
    """Render a bound field's widget with Bootstrap classes and the ARIA links to its help and errors."""
    input_type = getattr(field.field.widget, "input_type", "")
    if getattr(field.field.widget, "option_template_name", None) and input_type in _CHECKBOX_TYPES:
        # A group of radios or checkboxes: Django puts `class` on the wrapping <div> too, where
        # Bootstrap's form-check-input would shrink the whole group to one box. Native controls.
        css = "cw-choice-input"
    elif input_type in _CHECKBOX_TYPES:
        css = "form-check-input"
    elif input_type == "select" or field.field.widget.__class__.__name__.endswith("Select"):
        css = "form-select"
    else:
        css = "form-control"
    attrs = {"class": css}
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_help")
    if field.errors:
        attrs["aria-invalid"] = "true"
        described.append(f"{field.auto_id}_errors")
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)
