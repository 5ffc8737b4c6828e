from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from turbota.core.demo import HROMADA_CODE, USERS, load_demo
from turbota.territories.models import Territory


class Command(BaseCommand):
    help = (
        "Завантажує демонстраційну громаду (Селидівська МТГ, дані стратегії 2021-2026), її "
        "надавачів, синтетичних отримувачів і по одному користувачу на кожну роль. Наявні дані "
        "не перезаписує."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="видати демо-користувачам нові паролі (старі перестануть діяти)",
        )

    def handle(self, *args: Any, reset_passwords: bool = False, **options: Any) -> None:
        if not Territory.objects.filter(code=HROMADA_CODE).exists():
            raise CommandError("Спершу завантажте довідники: turbota load_reference")
        result = load_demo(reset_passwords=reset_passwords)
        if result.profile_created:
            self.stdout.write("Демо-громаду створено: Селидівська міська територіальна громада.")
        else:
            self.stdout.write("Демо-громада вже є; її дані не змінено.")
        if result.providers_created:
            self.stdout.write(f"Додано надавачів: {result.providers_created}.")
        if result.study_created:
            self.stdout.write("Додано оприлюднене визначення потреб на 2021 рік.")
        if result.strategy_created:
            self.stdout.write(
                "Додано стратегію 2021-2026 (з документа громади) з демонстраційним "
                "моніторингом за 2021 рік."
            )
        if result.consultation_created:
            self.stdout.write(
                "Додано демонстраційну консультацію з громадськістю щодо проєкту стратегії "
                "(до її затвердження) зі звітом."
            )
        if result.survey_created:
            self.stdout.write("Додано демонстраційне опитування (234 вигадані анкети).")
        if result.synthetic_people:
            self.stdout.write(
                f"Додано синтетичних отримувачів (вигадані особи): {result.synthetic_people}, "
                f"епізодів надання послуг: {result.synthetic_episodes}."
            )
        if result.oblast and result.oblast.synthetic_hromadas:
            self.stdout.write(
                f"Донецьку область заповнено синтетичними громадами: "
                f"{result.oblast.synthetic_hromadas} (осіб: {result.oblast.synthetic_people})."
            )
        if result.oblast and result.oblast.protocol:
            self.stdout.write(
                "Внесено протокол № 2 обласної робочої групи Дніпропетровської області "
                "від 20.03.2024 з вісьмома дорученнями."
            )
        descriptions = {user.username: user.description for user in USERS}
        if result.passwords:
            self.stdout.write("\nДемо-користувачі (збережіть паролі — вони показуються один раз):")
            for username, password in result.passwords.items():
                self.stdout.write(f"  {username:<20} {password:<18} {descriptions[username]}")
        if result.existing_users:
            self.stdout.write(
                "\nДемо-користувачі вже існують, паролі не змінено: "
                + ", ".join(result.existing_users)
                + ".\nНові паролі: turbota load_demo --reset-passwords"
            )
