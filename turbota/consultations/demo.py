"""The demo consultation: Selydove hromada consults the public on the draft of its
strategy (the demo strategy of seed 004, imported as a draft by ``strategy.demo`` and
adopted only after this consultation), the way seed 000's Melitopol announcement does —
topic, a public meeting with registration by phone, written proposals by post and e-mail, a
responsible person, the report within 10 calendar days of the decision. Proposals are on
the strategy's goals, tasks and measures (or on the whole document). It has gone the whole
way: announced, proposals received (one spam rejected by the moderator), a decision on
each, the decision on results, the report published.

Everything in it is marked as demonstration: the people, addresses and contacts are
invented (e-mail at a reserved ``.example`` domain)."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AnonymousUser

from turbota.consultations import actions
from turbota.consultations.enums import Channel, Decision
from turbota.consultations.models import Consultation, Meeting
from turbota.strategy.consultation_subject import item_key
from turbota.strategy.models import Strategy
from turbota.territories.models import Territory

D = datetime.date
USZN = "м. Селидове, вул. Пушкіна, 8"
STARTS, ENDS = D(2021, 1, 11), D(2021, 1, 29)
MEETING_DAY = D(2021, 1, 26)
DECIDED, PUBLISHED = D(2021, 2, 5), D(2021, 2, 12)

# (channel, received on, number of the goal, task or measure as written ("" for the whole
# document), text, decision, reason)
PROPOSALS = [
    (
        Channel.WEB,
        D(2021, 1, 14),
        "2.1.5",
        "Передбачити соціальне таксі для людей похилого віку з сіл Григорівка, Петрівка та "
        "Пустинка, щоб вони могли дістатися до центру надання послуг у Селидовому.",
        Decision.ACCEPTED,
        "",
    ),
    (
        Channel.EMAIL,
        D(2021, 1, 18),
        "2.1",
        "Відкрити відділення денного догляду для дітей з інвалідністю в місті Українськ.",
        Decision.PARTLY,
        "Денний догляд запроваджується в м. Селидове з підвезенням дітей з Українська; окреме "
        "відділення в Українську розглянуть після визначення потреб 2022 року.",
    ),
    (
        Channel.POST,
        D(2021, 1, 20),
        "1.3",
        "Встановити безкоштовний Wi-Fi на вулицях усіх старостинських округів.",
        Decision.REJECTED,
        "Не стосується системи соціальних послуг; пропозицію передано відділу цифрового "
        "розвитку міської ради.",
    ),
    (
        Channel.MEETING,
        MEETING_DAY,
        "2.4.4",
        "Друкувати інформацію про соціальні послуги великим шрифтом і поширювати її через "
        "листонош і старост.",
        Decision.ACCEPTED,
        "",
    ),
    (
        Channel.WEB,
        D(2021, 1, 27),
        "",
        "Включити до робочої групи з моніторингу стратегії представника громадської "
        "організації людей з інвалідністю.",
        Decision.ACCEPTED,
        "",
    ),
    (
        Channel.WEB,
        D(2021, 1, 28),
        "3.2.4",
        "Оголосити конкурс соціального замовлення для громадських організацій на догляд вдома.",
        Decision.PARTLY,
        "Соціальне замовлення передбачено з 2023 року, після затвердження порядку; у 2022 році — "
        "пілот в одному старостинському окрузі.",
    ),
]
# The working group's recommendations (the staff's decision may differ): proposal № → ….
RECOMMENDATIONS = {
    2: (Decision.ACCEPTED, "Потреба в денному догляді в Українську підтверджується зверненнями."),
    6: (Decision.PARTLY, "Підтримати після затвердження порядку соціального замовлення."),
}
SPAM = "Найкращі кредити онлайн без довідок!!! Переходьте за посиланням."


def _announce(hromada: Territory, strategy: Strategy) -> Consultation:
    nobody = AnonymousUser()
    consultation = Consultation(
        hromada=hromada,
        topic="Проєкт Стратегії розвитку системи соціального захисту і надання соціальних "
        "послуг Селидівської міської територіальної громади на 2021-2026 роки",
        description="Пропонуємо ознайомитися з проєктом Стратегії: місією, стратегічними та "
        "операційними цілями, завданнями й заходами — і висловити пропозиції та зауваження "
        "до документа загалом або до кожного з пунктів.",
        organiser="Управління соціального захисту населення Селидівської міської ради спільно "
        "з Територіальним центром соціального обслуговування (демонстрація)",
        starts_on=STARTS,
        ends_on=ENDS,
        email="consult@selydove.example",
        postal_address=f"{USZN}, приймальня управління соціального захисту населення",
        responsible_person="Олена Демченко, головний спеціаліст УСЗН (вигадана особа)",
        responsible_contacts="тел. 000 000 00 00 (демо), consult@selydove.example",
        enquiries=f"{USZN}, кабінет 5, у робочі дні з 9:00 до 16:00",
        is_demonstration=True,
    )
    actions.save_consultation(consultation=consultation, subject=strategy, by=nobody)
    meeting = Meeting(
        consultation=consultation,
        date=MEETING_DAY,
        starts_at=datetime.time(14, 0),
        address=f"{USZN}, актова зала",
        registration_info="За попередньою усною заявкою за телефоном 000 000 00 00 (демо) або "
        "на сайті. Письмова реєстрація учасників — у день обговорення з 13:45.",
        capacity=40,
        online_registration=True,
    )
    actions.save_meeting(meeting=meeting)
    actions.announce(consultation=consultation, by=nobody)
    for number in range(1, 4):
        actions.register_for_meeting(
            meeting=meeting,
            name=f"Учасник {number} (демо)",
            contact=f"participant{number}@selydove.example",
            channel=Channel.PHONE,
            by=nobody,
            today=D(2021, 1, 20),
        )
    return consultation


def _node_keys(strategy: Strategy) -> dict[str, str]:
    """Number as written → item key of the first node with it (the seed repeats "2.1.11";
    the demo's proposals are on numbers it does not repeat)."""
    keys: dict[str, str] = {}
    for node in strategy.nodes.in_order():
        keys.setdefault(node.number, item_key(node))
    return keys


def _proposals(consultation: Consultation, strategy: Strategy) -> None:
    nobody = AnonymousUser()
    keys = _node_keys(strategy)
    actions.open_for_proposals(consultation=consultation, by=nobody, today=STARTS)
    for number, (channel, received, goal, text, _, _) in enumerate(PROPOSALS, start=1):
        contact = f"resident{number}@selydove.example"
        if channel == Channel.WEB:
            proposal = actions.submit_proposal(
                consultation=consultation,
                text=text,
                contact=contact,
                item_key=keys[goal] if goal else "",
                today=received,
            )
            actions.moderate(proposal=proposal, approve=True, by=nobody)
        else:
            actions.register_proposal(
                consultation=consultation,
                channel=channel,
                received_on=received,
                text=text,
                contact=contact,
                item_key=keys[goal] if goal else "",
                by=nobody,
            )
    spam = actions.submit_proposal(
        consultation=consultation, text=SPAM, contact="spam@spam.example", today=D(2021, 1, 22)
    )
    actions.moderate(proposal=spam, approve=False, note="спам, реклама", by=nobody)


def _decide(consultation: Consultation) -> None:
    nobody = AnonymousUser()
    actions.close_proposals(
        consultation=consultation, by=nobody, today=ENDS + datetime.timedelta(1)
    )
    for meeting in consultation.meetings.all():
        meeting.participants = 23  # by the sign-in sheet
        actions.save_meeting(meeting=meeting)
    approved = consultation.proposals.filter(moderation="approved").order_by("received_on", "pk")
    for number, (proposal, spec) in enumerate(zip(approved, PROPOSALS, strict=True), start=1):
        if number in RECOMMENDATIONS:
            recommended, why = RECOMMENDATIONS[number]
            actions.recommend(proposal=proposal, decision=recommended, reason=why, by=nobody)
        actions.decide(proposal=proposal, decision=spec[4], reason=spec[5], by=nobody)
    actions.record_decision(
        consultation=consultation,
        decided_on=DECIDED,
        decision_text="Проєкт Стратегії доопрацьовано з урахуванням пропозицій і подано на "
        "розгляд сесії міської ради (демонстрація).",
        by=nobody,
        today=DECIDED,
    )
    actions.publish_report(consultation=consultation, by=nobody, today=PUBLISHED)


def load_demo_consultation(hromada: Territory) -> bool:
    """The demo consultation on the hromada's first strategy, once: False when the hromada
    already has one, or has no strategy to consult on."""
    if Consultation.objects.filter(hromada=hromada, is_demonstration=True).exists():
        return False
    strategy = Strategy.objects.filter(hromada=hromada).order_by("period_start", "edition").first()
    if strategy is None:
        return False
    consultation = _announce(hromada, strategy)
    _proposals(consultation, strategy)
    _decide(consultation)
    return True
