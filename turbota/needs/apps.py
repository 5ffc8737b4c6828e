from django.apps import AppConfig


class NeedsConfig(AppConfig):
    name = "turbota.needs"
    verbose_name = "Визначення потреб населення"
