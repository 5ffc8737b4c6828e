from django.apps import AppConfig


class OblastConfig(AppConfig):
    name = "turbota.oblast"
    verbose_name = "Область: громади поруч, незадоволений попит, мапа"
