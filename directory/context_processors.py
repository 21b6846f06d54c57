from django.http import HttpRequest

from directory.selectors import sample_data_served


def directory_status(request: HttpRequest) -> dict[str, bool]:
    return {"sample_data": sample_data_served()}
