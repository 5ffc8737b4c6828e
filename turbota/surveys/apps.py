from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "turbota.surveys"
    verbose_name = "Опитування та якість послуг"
