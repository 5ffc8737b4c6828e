from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "turbota.reports"
    verbose_name = "Документи"
