from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "turbota.consultations"
    verbose_name = "Консультації з громадськістю"

    def ready(self) -> None:
        from turbota.consultations.subject_types import register_own_subjects

        register_own_subjects()
