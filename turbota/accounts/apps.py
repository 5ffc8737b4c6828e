from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "turbota.accounts"
    verbose_name = "Користувачі та доступ"
