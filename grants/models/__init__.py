"""Income-generating project grants: budget envelopes, proposals with equipment lines, distribution
events, deliveries with a signed receipt, and post-delivery monitoring.

Money is Decimal MAD (max_digits=14, decimal_places=2). An envelope's committed and spent amounts are
counters kept by the services under a row lock; a CheckConstraint makes over-commitment impossible
even for a write that bypassed them.
"""

from .deliveries import (
    DUE_SOON_DAYS,
    MONITORING_MONTHS,
    Delivery,
    MonitoringVisit,
    SurvivalStatus,
    receipt_upload_to,
)
from .envelopes import Envelope, EnvelopeAllocation
from .events import DistributionEvent, EventOfficial
from .grants import (
    ACTIVE_STATUSES,
    COMMITTED_STATUSES,
    EDITABLE_STATUSES,
    GOAL_DOMAINS,
    EquipmentLine,
    Grant,
    GrantScore,
    GrantStatus,
)
from .reference import ZERO, EquipmentItem, ScoringCriterion, Sector, money_field

# A visit counts a project as alive when it is running, with or without difficulties.
ALIVE_STATUSES = (SurvivalStatus.RUNNING, SurvivalStatus.STRUGGLING)

__all__ = [
    "ACTIVE_STATUSES",
    "ALIVE_STATUSES",
    "COMMITTED_STATUSES",
    "DUE_SOON_DAYS",
    "EDITABLE_STATUSES",
    "GOAL_DOMAINS",
    "MONITORING_MONTHS",
    "ZERO",
    "Delivery",
    "DistributionEvent",
    "Envelope",
    "EnvelopeAllocation",
    "EquipmentItem",
    "EquipmentLine",
    "EventOfficial",
    "Grant",
    "GrantScore",
    "GrantStatus",
    "MonitoringVisit",
    "ScoringCriterion",
    "Sector",
    "SurvivalStatus",
    "money_field",
    "receipt_upload_to",
]
