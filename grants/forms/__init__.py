"""Forms: they validate input and hand it to one service; none of them saves anything itself."""

from .deliveries import DeliveryForm, VisitForm
from .management import (
    AllocationForm,
    EnvelopeForm,
    EventAssignForm,
    EventForm,
    OfficialFormSet,
    officials_initial,
)
from .proposals import (
    DecisionForm,
    EquipmentLineFormSet,
    ProposalCreateForm,
    ProposalForm,
    ScoringForm,
    lines_initial,
)
from .reference import CatalogueItemForm, CriterionForm, SectorForm

__all__ = [
    "AllocationForm",
    "CatalogueItemForm",
    "CriterionForm",
    "DecisionForm",
    "DeliveryForm",
    "EnvelopeForm",
    "EquipmentLineFormSet",
    "EventAssignForm",
    "EventForm",
    "OfficialFormSet",
    "ProposalCreateForm",
    "ProposalForm",
    "ScoringForm",
    "SectorForm",
    "VisitForm",
    "lines_initial",
    "officials_initial",
]
