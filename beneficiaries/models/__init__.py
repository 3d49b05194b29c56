"""The person followed by the programme, what hangs off their file, cohorts, and the per-file grants.

A package of small modules; everything is importable from `beneficiaries.models` as before."""

from .cohorts import Attendance, Cohort, CohortSession, Membership, Module
from .file_parts import (
    Consent,
    ConsentPurpose,
    Document,
    DocumentKind,
    FamilyMember,
    Partner,
    Relation,
    Transfer,
    TransferStatus,
    _document_path,
)
from .person import (
    Beneficiary,
    EducationLevel,
    MaritalStatus,
    ReleaseType,
    Sex,
    Status,
    StatusChange,
    validate_cin,
)
from .sharing import BeneficiaryGroupObjectPermission, BeneficiaryUserObjectPermission, FileGrantFields

__all__ = [
    "Attendance",
    "Beneficiary",
    "BeneficiaryGroupObjectPermission",
    "BeneficiaryUserObjectPermission",
    "Cohort",
    "CohortSession",
    "Consent",
    "ConsentPurpose",
    "Document",
    "DocumentKind",
    "EducationLevel",
    "FamilyMember",
    "FileGrantFields",
    "MaritalStatus",
    "Membership",
    "Module",
    "Partner",
    "Relation",
    "ReleaseType",
    "Sex",
    "Status",
    "StatusChange",
    "Transfer",
    "TransferStatus",
    "_document_path",
    "validate_cin",
]
