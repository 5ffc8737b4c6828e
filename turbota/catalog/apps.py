from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "turbota.catalog"
    verbose_name = "Довідники"
