from django.apps import AppConfig


class TerritoriesConfig(AppConfig):
    name = "turbota.territories"
    verbose_name = "Території та профіль громади"

    def ready(self) -> None:
        from turbota.territories.imports import register_importers

        register_importers()
