"""What the generators share: the seed, the clock, the counts, and the rows later tables point to.

Each table draws from its own `Random(seed, table)` so adding a table never changes the others' rows.
People are kept as small records (100,000 of them), not model instances.
"""

from __future__ import annotations

import datetime
import hashlib
import zoneinfo
from dataclasses import dataclass, field
from random import Random

from django.conf import settings
from django.utils import timezone

TZ = zoneinfo.ZoneInfo(settings.TIME_ZONE)


@dataclass
class Person:
    id: object
    centre: int  # index into Context.centres
    caseworker: int  # user id of the caseworker responsible
    sex: str
    status: str
    release_date: datetime.date | None
    project: object = None  # id of the open (or last) life project
    project_status: str = ""
    goals: list = field(default_factory=list)
    follow_ups: int = 0
    cin: str = ""
    grant: bool = False
    referrals: int = 0
    member: bool = False  # of a cohort


@dataclass
class Centre:
    id: int
    code: str
    region_id: int
    group_id: int
    weight: int
    caseworkers: list[int] = field(default_factory=list)


@dataclass
class Context:
    size: int
    seed: int
    counts: dict
    today: datetime.date = field(default_factory=timezone.localdate)
    now: datetime.datetime = field(default_factory=timezone.now)
    centres: list[Centre] = field(default_factory=list)
    supervisors: dict[int, list[int]] = field(default_factory=dict)  # region id -> user ids; 0 = national
    administrators: list[int] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    fixtures: dict = field(default_factory=dict)

    def rng(self, table: str) -> Random:
        digest = hashlib.sha256(f"{self.seed}:{table}".encode()).digest()
        return Random(int.from_bytes(digest[:8], "big"))

    def at(self, day: datetime.date, rng: Random) -> datetime.datetime:
        """A time during office hours on `day`, in the project's time zone."""
        return datetime.datetime(
            day.year, day.month, day.day, 8 + int(rng.random() * 9), int(rng.random() * 60), tzinfo=TZ
        )

    def supervisor_for(self, region_id: int, rng: Random) -> int:
        pool = self.supervisors.get(region_id) or self.supervisors[0]
        return rng.choice(pool)
