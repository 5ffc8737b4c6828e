from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "turbota.core"
    verbose_name = "Спільне"
