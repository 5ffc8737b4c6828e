from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "turbota.strategy"
    verbose_name = "Стратегія розвитку системи соціальних послуг"

    def ready(self) -> None:
        from turbota.strategy import imports, permissions  # noqa: F401  (registration)
        from turbota.strategy.consultation_subject import register_strategy_subject

        register_strategy_subject()
