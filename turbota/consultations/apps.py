from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "turbota.consultations"
    verbose_name = "Консультації з громадськістю"
