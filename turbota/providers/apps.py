from django.apps import AppConfig


class ProvidersConfig(AppConfig):
    name = "turbota.providers"
    verbose_name = "Надавачі соціальних послуг"

    def ready(self) -> None:
        from turbota.core.imports import register
        from turbota.providers.imports import IMPORTER

        register(IMPORTER)
