from django.apps import AppConfig


class StandInConfig(AppConfig):
    name = "turbota.consultations.tests.standin"
    label = "consultations_standin"
    verbose_name = "план (замінник для тесту)"

    def ready(self) -> None:
        # Exactly what the strategy app will write in its own ready().
        from turbota.consultations import subjects
        from turbota.consultations.tests.standin.models import DraftPlan

        subjects.register(
            DraftPlan,
            label="проєкт плану",
            hromada=lambda plan: plan.hromada,
            title=str,
            public_url=lambda plan: f"/plans/{plan.pk}/" if plan.is_published else None,
            items=lambda plan: [(f"goal:{g.pk}", str(g)) for g in plan.goals.all()],
            of_hromada=lambda hromada: DraftPlan.objects.filter(hromada=hromada),
        )
