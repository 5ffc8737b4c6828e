from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "turbota.people"
    verbose_name = "Отримувачі та особи в групах ризику"
