from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "turbota.strategy"
    verbose_name = "Стратегія розвитку системи соціальних послуг"
