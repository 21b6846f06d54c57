from django import template

from directory.phones import Phone, parse_phone

register = template.Library()


@register.filter
def phone(raw: str) -> Phone:
    """`{% with p=facility.phone|phone %}<a href="{{ p.tel }}">{{ p.display }}</a>{% endwith %}`"""
    return parse_phone(raw or "")
