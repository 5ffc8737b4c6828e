"""Synthetic applications (звернення) for synthetic people, so the demo's needs study can
show how deadlines were kept: one application before each synthetic episode, and a few
refused ones.

Drawn from a generator of their own (seeded with the seed, the hromada's code and
"applications"), so the people and episodes of a seed stay what they were. Most
assessments fall within 5 working days, about one in eight later, a few have no date. All
are decided — granted or refused, never pending or on the waiting list, which would change
the needs table (waiting people count in the need). They are addressed to the hromada
(no provider), as an application to the social protection department is, so the quality
indicators of providers, which count applications to a provider, stay as they were.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence

from turbota.core.working_days import add_working_days
from turbota.people.enums import Decision
from turbota.people.models import Application, Person, ServiceEpisode

NOTE = "Синтетичне звернення (вигадане для демонстрації)"
REFUSED_SHARE = 0.04  # of people, one refused application each


class ApplicationDraw:
    def __init__(self, *, seed: int, hromada_code: str, as_of: datetime.date) -> None:
        self.rng = random.Random(f"{seed}:{hromada_code}:applications")  # noqa: S311
        self.as_of = as_of

    def applications(
        self, persons: Sequence[Person], episodes: Sequence[ServiceEpisode]
    ) -> list[Application]:
        result = [self._before(episode) for episode in episodes]
        served: dict[int, list[ServiceEpisode]] = {}
        for episode in episodes:
            served.setdefault(id(episode.person), []).append(episode)
        for person in persons:
            own = served.get(id(person))
            if own and self.rng.random() < REFUSED_SHARE:
                result.append(self._refused(person, self.rng.choice(own)))
        return result

    def _before(self, episode: ServiceEpisode) -> Application:
        applied = episode.start_date - datetime.timedelta(days=self.rng.randint(2, 14))
        assessed = self._assessed(applied)
        decided = self._until_today(
            add_working_days(assessed or applied, self.rng.choice((0, 1, 2)))
        )
        return Application(
            person=episode.person,
            service_id=episode.service_id,
            applied_on=applied,
            assessed_on=assessed,
            decision=Decision.GRANTED,
            decided_on=max(decided, applied),
            note=NOTE,
        )

    def _refused(self, person: Person, like: ServiceEpisode) -> Application:
        applied = like.start_date - datetime.timedelta(days=self.rng.randint(30, 120))
        assessed = self._assessed(applied) if self.rng.random() < 0.5 else None
        decided = self._until_today(add_working_days(assessed or applied, 1))
        return Application(
            person=person,
            service_id=like.service_id,
            applied_on=applied,
            assessed_on=assessed,
            decision=Decision.REFUSED,
            decided_on=max(decided, applied),
            note=NOTE,
        )

    def _assessed(self, applied: datetime.date) -> datetime.date | None:
        roll = self.rng.random()
        if roll < 0.83:
            days = self.rng.randint(1, 5)
        elif roll < 0.95:
            days = self.rng.randint(6, 12)
        else:
            return None
        assessed = add_working_days(applied, days)
        return assessed if assessed <= self.as_of else None

    def _until_today(self, day: datetime.date) -> datetime.date:
        return min(day, self.as_of)
