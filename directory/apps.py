from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Directory"

    def ready(self) -> None:
        # Registers the system check that the search revision triggers are in place.
        from directory.search import triggers  # noqa: F401
