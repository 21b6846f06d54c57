from django.conf import settings
from django.http import HttpRequest


def helpline(request: HttpRequest) -> dict[str, str]:
    number = settings.SITE_HELPLINE
    return {"site_helpline": number, "site_helpline_tel": "tel:+1" + "".join(c for c in number if c.isdigit())[-10:]}
