"""The first pass over an episode import file: who each row's person is, whether the row
repeats another, and whether its episode is already in the register.

Rows arrive in chunks; each chunk costs a handful of queries, and what is kept between
chunks is compact: one number per row (``decisions``) and a few keys per person. A
person is found by РНОКПП, else by document, else by full name and birth date within the
hromada (in the register first, then among the people the file itself adds).
"""

from __future__ import annotations

import datetime
from array import array
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from turbota.people.import_check import Entry
from turbota.people.models import PersonIdentity, ServiceEpisode
from turbota.reports.xlsx import FileProblem
from turbota.territories.models import Territory

MAX_PROBLEMS = 10_000  # kept for the report; the rest are only counted
SKIP = 0
"""A decision: 0 — write nothing (already imported, or the row is bad); n > 0 — an episode
for the existing person n; n < 0 — an episode for the -n-th person the file adds."""

Name = tuple[str, datetime.date]


class Mismatch(Exception):  # noqa: N818 (a finding, not an error of the program)
    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key
        self.message = message


@dataclass(frozen=True)
class Seen:
    """A person as the file first showed them, to hold the later rows to it."""

    row: int
    name: Name
    sex: str
    rnokpp: str | None


@dataclass
class Known:
    """What the register holds about the people of one chunk of rows."""

    rnokpp: dict[str, tuple[int, int | None, datetime.date]]  # → person, hromada, birth
    documents: dict[tuple[str, str], list[tuple[int, str | None, datetime.date]]]
    names: dict[Name, list[tuple[int, str | None]]]

    @classmethod
    def load(cls, entries: Sequence[Entry], hromada: Territory) -> Known:
        identities = PersonIdentity.objects
        in_hromada = identities.filter(person__hromada=hromada)
        rnokpps = {e.rnokpp for e in entries if e.rnokpp}
        numbers = {e.document_number for e in entries if e.document_number}
        names = {e.name[0] for e in entries}
        known = cls(rnokpp={}, documents=defaultdict(list), names=defaultdict(list))
        for code, person, home, birth in identities.filter(rnokpp__in=rnokpps).values_list(
            "rnokpp", "person_id", "person__hromada_id", "birth_date"
        ):
            known.rnokpp[str(code)] = (person, home, birth)
        for kind, number, person, code, birth in in_hromada.filter(
            document_number__in=numbers
        ).values_list("document_type", "document_number", "person_id", "rnokpp", "birth_date"):
            known.documents[kind, number].append((person, code, birth))
        for key, birth, person, code in in_hromada.filter(name_key__in=names).values_list(
            "name_key", "birth_date", "person_id", "rnokpp"
        ):
            known.names[key, birth].append((person, code))
        return known


def _compatible(one: str | None, other: str | None) -> bool:
    return not one or not other or one == other


@dataclass
class EpisodePlan:
    hromada: Territory
    decisions: array[int] = field(default_factory=lambda: array("q"))
    problems: list[FileProblem] = field(default_factory=list)
    problem_count: int = 0
    new_people: int = 0
    matched: set[int] = field(default_factory=set)
    skipped: int = 0
    _seen: dict[int, Seen] = field(default_factory=dict)
    _rnokpp: dict[str, int] = field(default_factory=dict)
    _documents: dict[tuple[str, str], int] = field(default_factory=dict)
    _names: dict[Name, list[int]] = field(default_factory=lambda: defaultdict(list))
    _episodes: dict[tuple[int, int, int, int], int] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return len(self.decisions)

    @property
    def episodes(self) -> int:
        return sum(1 for decision in self.decisions if decision != SKIP)

    def fail(self, *problems: FileProblem) -> None:
        self.problem_count += len(problems)
        self.problems.extend(problems[: max(0, MAX_PROBLEMS - len(self.problems))])

    def add_chunk(self, items: Sequence[Entry | None]) -> None:
        """Decide the rows of a chunk, in order (``None`` stands for a bad row)."""
        entries = [e for e in items if e is not None]
        known = Known.load(entries, self.hromada)
        refs = {e.number: self._person(e, known) for e in entries}
        existing = self._existing({ref for ref in refs.values() if ref and ref > 0})
        for item in items:
            ref = refs.get(item.number) if item else None
            self.decisions.append(self._decide(item, ref, existing) if item and ref else SKIP)

    # Who the person is

    def _person(self, entry: Entry, known: Known) -> int | None:
        try:
            found = self._find(entry, known)
            ref, rnokpp = found or (-(self.new_people + 1), entry.rnokpp)
            self._check_same(entry, ref, rnokpp)
        except Mismatch as mismatch:
            self.fail(entry.problem(mismatch.key, mismatch.message))
            return None
        if found is None:
            self.new_people += 1
            self._names[entry.name].append(ref)
        elif ref > 0:
            self.matched.add(ref)
        self._remember(entry, ref, rnokpp)
        return ref

    def _find(self, entry: Entry, known: Known) -> tuple[int, str | None] | None:
        """The person (and their РНОКПП, if known) a row names, or None for a new one."""
        if entry.rnokpp:
            hit = known.rnokpp.get(entry.rnokpp)
            if hit:
                person, home, birth = hit
                if home != self.hromada.pk:
                    raise Mismatch(
                        "rnokpp", "цей РНОКПП у реєстрі належить іншій особі: перевірте його"
                    )
                self._same_birth(entry, birth, "цим РНОКПП")
                return person, entry.rnokpp
            if entry.rnokpp in self._rnokpp:
                return self._rnokpp[entry.rnokpp], entry.rnokpp
        return self._by_document(entry, known) or self._by_name(entry, known)

    def _by_document(self, entry: Entry, known: Known) -> tuple[int, str | None] | None:
        if not entry.document:
            return None
        hits = known.documents.get(entry.document, [])
        if any(not _compatible(code, entry.rnokpp) for _, code, _ in hits):
            raise Mismatch("document_number", "цей документ має в реєстрі особа з іншим РНОКПП")
        if len(hits) > 1:
            raise Mismatch("document_number", "у реєстрі громади кілька осіб з цим документом")
        if hits:
            person, code, birth = hits[0]
            self._same_birth(entry, birth, "цим документом")
            return person, code
        ref = self._documents.get(entry.document)
        return (ref, self._seen[ref].rnokpp) if ref is not None else None

    def _by_name(self, entry: Entry, known: Known) -> tuple[int, str | None] | None:
        hits = [
            (person, code)
            for person, code in known.names.get(entry.name, [])
            if _compatible(code, entry.rnokpp)
        ]
        if len(hits) > 1:
            raise Mismatch(
                "last_name",
                "у реєстрі громади кілька осіб з таким ПІБ і датою народження: "
                "вкажіть РНОКПП або документ, за яким особу внесено",
            )
        if hits:
            return hits[0]
        for ref in self._names.get(entry.name, []):
            if _compatible(self._seen[ref].rnokpp, entry.rnokpp):
                return ref, self._seen[ref].rnokpp
        return None

    def _same_birth(self, entry: Entry, birth: datetime.date, by: str) -> None:
        if birth != entry.birth_date:
            raise Mismatch("birth_date", f"не збігається з датою народження особи з {by} в реєстрі")

    def _check_same(self, entry: Entry, ref: int, rnokpp: str | None) -> None:
        """Rows naming one person must agree on who that is."""
        seen = self._seen.get(ref)
        if seen is None:
            return
        for key, differs in (
            ("rnokpp", not _compatible(seen.rnokpp, rnokpp or entry.rnokpp)),
            ("last_name", seen.name[0] != entry.name[0]),
            ("birth_date", seen.name[1] != entry.birth_date),
            ("sex", seen.sex != entry.sex),
        ):
            if differs:
                raise Mismatch(key, f"не збігається з даними тієї ж особи в рядку {seen.row}")

    def _remember(self, entry: Entry, ref: int, rnokpp: str | None) -> None:
        seen = self._seen.get(ref)
        if seen is None or (not seen.rnokpp and (rnokpp or entry.rnokpp)):
            first = seen.row if seen else entry.number
            self._seen[ref] = Seen(first, entry.name, entry.sex, rnokpp or entry.rnokpp)
        if entry.rnokpp:
            self._rnokpp.setdefault(entry.rnokpp, ref)
        if entry.document:
            self._documents.setdefault(entry.document, ref)

    # Whether the episode is new

    def _existing(self, people: set[int]) -> set[tuple[object, ...]]:
        """Keys of the episodes these people already have: by import key and by content."""
        keys: set[tuple[object, ...]] = set()
        for person, source_key, service, provider, start in ServiceEpisode.objects.filter(
            person_id__in=people
        ).values_list("person_id", "source_key", "service_id", "provider_id", "start_date"):
            keys.add((person, source_key))
            keys.add((person, service, provider, start))
        return keys

    def _decide(self, entry: Entry, ref: int, existing: set[tuple[object, ...]]) -> int:
        key = (ref, entry.service_id, entry.provider_id, entry.start_date.toordinal())
        first = self._episodes.setdefault(key, entry.number)
        if first != entry.number:
            message = f"цей епізод (особа, послуга, надавач, дата початку) уже є в рядку {first}"
            self.fail(entry.problem("start_date", message))
            return SKIP
        if (ref, entry.source_key) in existing or (
            ref,
            entry.service_id,
            entry.provider_id,
            entry.start_date,
        ) in existing:
            self.skipped += 1
            return SKIP
        return ref
