"""The individual life project: goals by domain with milestones, the administrative checklist,
the approval history and the snapshots kept at each submission."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from casework.centre_copies import CopiesPersonCentre

from .reference import ChecklistItem, Domain


class ProjectStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("life project status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("life project status", "Submitted for approval")
    RETURNED = "returned", pgettext_lazy("life project status", "Returned for changes")
    APPROVED = "approved", pgettext_lazy("life project status", "Approved")
    ACTIVE = "active", pgettext_lazy("life project status", "Active")
    COMPLETED = "completed", pgettext_lazy("life project status", "Completed")
    CLOSED = "closed", pgettext_lazy("life project status", "Closed")


FINISHED_STATUSES = (ProjectStatus.COMPLETED, ProjectStatus.CLOSED)
# Goals may be added, removed and reworded only while the caseworker is preparing the plan.
EDITABLE_STATUSES = (ProjectStatus.DRAFT, ProjectStatus.RETURNED)
# Progress, milestones and the checklist are kept up to date until the plan ends (also while a supervisor
# reviews it: the submitted version is kept as it was in its revision).
TRACKABLE_STATUSES = (
    ProjectStatus.DRAFT,
    ProjectStatus.SUBMITTED,
    ProjectStatus.RETURNED,
    ProjectStatus.APPROVED,
    ProjectStatus.ACTIVE,
)
APPROVED_STATUSES = (ProjectStatus.APPROVED, ProjectStatus.ACTIVE, ProjectStatus.COMPLETED)


class LifeProject(CopiesPersonCentre):
    """مشروع الحياة الفردي: prepared with the person after release, approved by a supervisor."""

    # The person's centre is copied on each row (casework.centre_copies.CopiesPersonCentre): the access
    # policy scopes these rows on their own indexes, without a join through the people.

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    beneficiary = models.ForeignKey(
        "beneficiaries.Beneficiary",
        on_delete=models.PROTECT,
        related_name="life_projects",
        verbose_name=_("person"),
    )
    status = models.CharField(_("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.DRAFT)
    version = models.PositiveIntegerField(_("version"), default=1)
    summary = models.TextField(_("the person's aspirations"), blank=True)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("prepared by")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    activated_on = models.DateField(_("active since"), null=True, blank=True)
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    # The review date a reminder was last sent for (keeps the reminder task idempotent).
    review_reminded_on = models.DateField(null=True, blank=True, editable=False)
    closed_reason = models.TextField(_("reason for closing"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("life project")
        verbose_name_plural = _("life projects")
        constraints = [
            models.UniqueConstraint(
                fields=["beneficiary"],
                condition=~Q(status__in=FINISHED_STATUSES),
                name="plans_one_open_project_per_person",
                violation_error_message=_("This person already has a life project in progress."),
            ),
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("prepared_by")),
                name="plans_no_self_approval_preparer",
            ),
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True)
                | Q(submitted_by__isnull=True)
                | ~Q(approved_by=F("submitted_by")),
                name="plans_no_self_approval_submitter",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=APPROVED_STATUSES)
                | (Q(approved_by__isnull=False) & Q(approved_at__isnull=False)),
                name="plans_approved_has_approver",
            ),
            models.CheckConstraint(
                condition=~Q(status=ProjectStatus.CLOSED) | ~Q(closed_reason=""),
                name="plans_closed_has_reason",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="plans_version_positive"),
        ]
        indexes = [
            models.Index(fields=["status", "-updated_at"], name="plans_project_status"),
            models.Index(fields=["-updated_at", "id"], name="plans_project_updated"),
            models.Index(fields=["status", "next_review_on"], name="plans_project_review"),
            models.Index(fields=["prepared_by", "status"], name="plans_project_preparer"),
            models.Index(fields=["beneficiary", "-created_at"], name="plans_project_person"),
            # A centre's plans by status (home pages' figures and lists) and in the lists' order.
            models.Index(fields=["centre", "status", "-updated_at"], name="plans_project_centre_status"),
            models.Index(fields=["centre", "-updated_at", "id"], name="plans_project_centre_updated"),
            # Plans awaiting approval, oldest first (the supervisor's home page): the first few are read off
            # this index instead of sorting every submitted plan of the region.
            models.Index(
                fields=["submitted_at", "id"],
                condition=Q(status=ProjectStatus.SUBMITTED),
                name="plans_project_submitted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.beneficiary.file_number} — v{self.version}"

    @property
    def is_open(self) -> bool:
        return self.status not in FINISHED_STATUSES

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_trackable(self) -> bool:
        return self.status in TRACKABLE_STATUSES


class GoalStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    ACHIEVED = "achieved", _("Achieved")
    ABANDONED = "abandoned", _("Abandoned")


class Goal(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    project = models.ForeignKey(LifeProject, on_delete=models.CASCADE, related_name="goals", verbose_name=_("project"))
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="goals", verbose_name=_("domain"))
    description = models.TextField(_("goal"))
    target_date = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=GoalStatus.choices, default=GoalStatus.PLANNED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    progress_measure = models.CharField(
        _("how progress is measured"), max_length=300, blank=True, help_text=_("e.g. number of sessions attended")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.CheckConstraint(condition=Q(progress__gte=0) & Q(progress__lte=100), name="plans_goal_progress"),
            models.CheckConstraint(
                condition=~Q(status=GoalStatus.ACHIEVED) | Q(progress=100), name="plans_goal_achieved_is_100"
            ),
        ]
        indexes = [
            models.Index(fields=["project", "domain"], name="plans_goal_project_domain"),
            models.Index(fields=["status", "target_date"], name="plans_goal_status_target"),
        ]

    def __str__(self) -> str:
        return self.description[:80]


class Milestone(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("goal"))
    description = models.CharField(_("milestone"), max_length=300)
    due_on = models.DateField(_("due"), null=True, blank=True)
    done_on = models.DateField(_("reached on"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "due_on", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        indexes = [models.Index(fields=["goal", "position"], name="plans_milestone_goal")]

    def __str__(self) -> str:
        return self.description


class ChecklistStatus(models.TextChoices):
    TO_DO = "to_do", _("To do")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class ChecklistEntry(models.Model):
    """Where the person stands on one administrative checklist item."""

    project = models.ForeignKey(
        LifeProject, on_delete=models.CASCADE, related_name="checklist", verbose_name=_("project")
    )
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="+", verbose_name=_("item"))
    status = models.CharField(
        _("status"), max_length=20, choices=ChecklistStatus.choices, default=ChecklistStatus.TO_DO
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("checklist entry")
        verbose_name_plural = _("checklist entries")
        constraints = [models.UniqueConstraint(fields=["project", "item"], name="plans_checklist_item_once")]

    def __str__(self) -> str:
        return f"{self.item}: {self.get_status_display()}"


class ProjectAction(models.TextChoices):
    CREATE = "create", _("create")
    SUBMIT = "submit", _("submit")
    APPROVE = "approve", _("approve")
    RETURN = "return", _("return for changes")
    ACTIVATE = "activate", _("activate")
    REVISE = "revise", _("reopen for revision")
    REVIEW = "review", _("record the periodic review of")
    COMPLETE = "complete", _("complete")
    CLOSE = "close", _("close")


class ProjectTransition(models.Model):
    """One step of the project's history: who moved it from what to what, when, and why."""

    id = models.BigAutoField(primary_key=True)
    project = models.ForeignKey(
        LifeProject, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("project")
    )
    action = models.CharField(_("action"), max_length=20, choices=ProjectAction.choices)
    from_status = models.CharField(_("from"), max_length=20, choices=ProjectStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=ProjectStatus.choices)
    version = models.PositiveIntegerField(_("version"))
    comment = models.TextField(_("comment"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("project history entry")
        verbose_name_plural = _("project history")
        indexes = [models.Index(fields=["project", "at"], name="plans_transition_project")]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.action} v{self.version}"


class ProjectRevision(models.Model):
    """What was submitted: goals, milestones and checklist as they stood, kept for every version."""

    id = models.BigAutoField(primary_key=True)
    project = models.ForeignKey(
        LifeProject, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("project")
    )
    version = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("content"), default=dict)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("submitted by")
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("project revision")
        verbose_name_plural = _("project revisions")
        constraints = [models.UniqueConstraint(fields=["project", "version"], name="plans_revision_once_per_version")]

    def __str__(self) -> str:
        return f"{self.project_id} v{self.version}"
