"""The deadlines of art. 20 of the Law "Про соціальні послуги" in force when this was
written, with their basis. An administrator corrects them in the admin (decision 30)."""

import datetime

from django.db import migrations

LAW = "ст. 20 Закону України «Про соціальні послуги» від 17.01.2019 № 2671-VIII"
MARTIAL_LAW_FROM = datetime.date(2022, 2, 24)  # Указ Президента України № 64/2022

ASSESSMENT_NOTE = (
    "Оцінювання індивідуальних потреб — протягом 5 робочих днів з дня надходження заяви, "
    "звернення або повідомлення; для всіх послуг. Нова редакція закону набирає чинності "
    "16.07.2026: звірте строк і, якщо він змінився, закрийте це правило й додайте нове."
)
DECISION_NOTE = (
    "В умовах воєнного стану рішення про надання догляду вдома, денного догляду, "
    "паліативного догляду і підтриманого проживання — протягом 1 робочого дня з дня "
    "звернення (перевірити: акт, що встановив правило, дату, з якої воно діє, і від чого "
    "відлічується строк; тут — з дня введення воєнного стану 24.02.2022). Коли воєнний стан "
    "припинять, закрийте правило датою «чинне до». Коди 015.3.1 (денний догляд дітей з "
    "інвалідністю, назву не підтверджено), 009.2 (підтримане проживання бездомних осіб, назву "
    "не підтверджено) і 009.3 (назва невідома) не вдалося визначити як ці послуги: правил для "
    "них немає; якщо правило їх охоплює, додайте рядки."
)
DECISION_SERVICES = {
    "015.1": "догляд вдома",
    "015.3": "денний догляд",
    "015.4": "паліативний догляд (назву коду в класифікаторі ще не підтверджено)",
    "009.1": "підтримане проживання осіб похилого віку та осіб з інвалідністю",
}


def rules() -> list[dict[str, object]]:
    assessment = {
        "kind": "assessment",
        "service_code": "",
        "working_days": 5,
        "valid_from": datetime.date(2020, 1, 1),
        "legal_basis": LAW,
        "note": ASSESSMENT_NOTE,
    }
    decisions = [
        {
            "kind": "decision",
            "service_code": code,
            "working_days": 1,
            "valid_from": MARTIAL_LAW_FROM,
            "legal_basis": f"{LAW} (в умовах воєнного стану)",
            "note": f"Послуга: {name}. {DECISION_NOTE}",
        }
        for code, name in DECISION_SERVICES.items()
    ]
    return [assessment, *decisions]


def seed(apps, schema_editor):
    DeadlineRule = apps.get_model("catalog", "DeadlineRule")
    for rule in rules():
        DeadlineRule.objects.get_or_create(
            kind=rule["kind"],
            service_code=rule["service_code"],
            valid_from=rule["valid_from"],
            defaults=rule,
        )


def unseed(apps, schema_editor):
    DeadlineRule = apps.get_model("catalog", "DeadlineRule")
    for rule in rules():
        DeadlineRule.objects.filter(
            kind=rule["kind"], service_code=rule["service_code"], valid_from=rule["valid_from"]
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_deadline_rule")]

    operations = [migrations.RunPython(seed, unseed)]
