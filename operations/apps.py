from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the site in production: health endpoints, request IDs in logs, backup and restore, job runs."""

    name = "operations"
