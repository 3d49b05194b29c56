"""Forms: they validate input and hand it to one service; none of them saves anything itself."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.models import Role, User

from .models import (
    ChecklistStatus,
    FollowUpKind,
    FollowUpStatus,
    GoalStatus,
    ProjectStatus,
    ReferralStatus,
)
from .selectors import domains, partners

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _date(label, required=True, help_text=""):
    return forms.DateField(label=label, required=required, widget=DATE, help_text=help_text)


def _text(label, rows=3, required=True, help_text=""):
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}), help_text=help_text
    )


class ProjectForm(forms.Form):
    summary = _text(
        _("The person's aspirations"),
        required=False,
        help_text=_("In the person's words: what they want their life to look like in a year."),
    )


class GoalForm(forms.Form):
    domain = forms.ModelChoiceField(label=_("Domain"), queryset=None)
    description = _text(_("Goal"), rows=2)
    target_date = _date(_("Target date"), required=False)
    progress_measure = forms.CharField(
        label=_("How progress is measured"),
        max_length=300,
        required=False,
        help_text=_("e.g. number of training sessions attended, documents obtained"),
    )
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices, initial=GoalStatus.PLANNED)
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100, initial=0)

    STRUCTURAL = ("domain", "description", "target_date")
    TRACKING = ("status", "progress")

    def __init__(self, *args, structural: bool = True, tracking: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].queryset = domains()
        for name in () if structural else self.STRUCTURAL:
            del self.fields[name]
        for name in () if tracking else self.TRACKING:
            del self.fields[name]


class MilestoneForm(forms.Form):
    description = forms.CharField(label=_("Milestone"), max_length=300)
    due_on = _date(_("Due"), required=False)
    done_on = _date(_("Reached on"), required=False)


class ChecklistForm(forms.Form):
    """One status and one note per checklist entry of the plan."""

    def __init__(self, *args, entries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.entries = list(entries)
        for entry in self.entries:
            self.fields[f"status_{entry.pk}"] = forms.ChoiceField(
                label=entry.item.name, choices=ChecklistStatus.choices, initial=entry.status
            )
            self.fields[f"note_{entry.pk}"] = forms.CharField(
                label=_("Note"), max_length=300, required=False, initial=entry.note
            )

    def rows(self):
        return [(entry, self[f"status_{entry.pk}"], self[f"note_{entry.pk}"]) for entry in self.entries]

    def values(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {entry.pk: (data[f"status_{entry.pk}"], data[f"note_{entry.pk}"]) for entry in self.entries}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve the plan")), ("return", _("Return it for changes"))],
        widget=forms.RadioSelect,
    )
    comment = _text(
        _("Comment"),
        rows=4,
        required=False,
        help_text=_("Required when you return the plan: say what must change."),
    )


class CommentForm(forms.Form):
    comment = _text(_("Comment"), rows=4)


class CloseForm(forms.Form):
    reason = _text(_("Reason for closing"), rows=3)


class FollowUpForm(forms.Form):
    """Record a follow-up that took place (new, or fulfilling a planned one)."""

    occurred_on = _date(_("Date"))
    domain = forms.ModelChoiceField(label=_("Domain"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=FollowUpKind.choices)
    attendees = forms.CharField(
        label=_("Who attended"), max_length=300, required=False, help_text=_("e.g. the person, his mother")
    )
    summary = _text(_("Summary"), rows=4)
    outcome = _text(_("Outcome"), rows=2, required=False)
    health_note = _text(
        _("Health note"),
        rows=2,
        required=False,
        help_text=_("Visible only to the caseworkers and supervisors who follow this person."),
    )
    goals = forms.ModelMultipleChoiceField(
        label=_("Goals worked on"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    next_due_on = _date(
        _("Next follow-up due"), required=False, help_text=_("A planned follow-up is added for this date.")
    )

    def __init__(self, *args, goals=None, health: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].queryset = domains()
        self.fields["goals"].queryset = goals
        self.fields["goals"].label_from_instance = lambda goal: f"{goal.domain} — {goal.description[:80]}"
        if not health:
            del self.fields["health_note"]


class CorrectionForm(FollowUpForm):
    reason = forms.CharField(label=_("Reason for the correction"), max_length=300)
    field_order = ["reason"]

    def __init__(self, *args, done: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["next_due_on"].help_text = _("Changing it here does not plan another follow-up.")
        if not done:  # a missed or cancelled one: there is no date it took place, nor a summary of it
            for name in ("occurred_on", "summary"):
                self.fields[name].required = False


class FollowUpPlanForm(forms.Form):
    due_on = _date(_("Due"))
    domain = forms.ModelChoiceField(label=_("Domain"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=FollowUpKind.choices)
    assigned_to = forms.ModelChoiceField(label=_("Caseworker responsible"), queryset=None, required=False)
    summary = _text(_("Purpose"), rows=2, required=False)

    def __init__(self, *args, beneficiary=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].queryset = domains()
        self.fields["assigned_to"].queryset = User.objects.filter(
            is_active=True, role=Role.CASEWORKER, centre_id=beneficiary.centre_id
        ).order_by("last_name", "username")


class MissedForm(forms.Form):
    outcome = _text(_("What happened"), rows=2, help_text=_("e.g. not at home, phone switched off"))


class ReferralForm(forms.Form):
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=None)
    domain = forms.ModelChoiceField(label=_("Domain"), queryset=None, required=False)
    reason = _text(_("Reason"), rows=3)
    sent_on = _date(_("Sent on"))
    consent_attested = forms.BooleanField(
        label=_("The person agreed in writing to this referral"),
        required=False,
        help_text=_(
            "Needed only for partners the consent form does not list; for the others, the sharing consent "
            "recorded on the file is checked."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners()
        self.fields["domain"].queryset = domains()


class ReferralStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("New status"),
        choices=[(s.value, s.label) for s in ReferralStatus if s != ReferralStatus.SENT],
    )
    outcome = _text(_("Outcome"), rows=2, required=False)
    on = _date(_("Date"))


class PlanFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All"))] + ProjectStatus.choices, required=False)
    file_number = forms.CharField(label=_("File number"), max_length=20, required=False)
    review_due = forms.BooleanField(label=_("Review due"), required=False)


class FollowUpFilterForm(forms.Form):
    STATES = [
        ("", _("All")),
        ("overdue", _("Overdue")),
        ("due", _("Due within a week")),
        ("open", _("All planned")),
    ]
    state = forms.ChoiceField(label=_("Due"), choices=STATES, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All"))] + FollowUpStatus.choices, required=False)
    domain = forms.ModelChoiceField(label=_("Domain"), queryset=None, required=False)
    mine = forms.BooleanField(label=_("Assigned to me"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].queryset = domains()


class TimelineFilterForm(forms.Form):
    domain = forms.ModelChoiceField(label=_("Domain"), queryset=None, required=False, empty_label=_("All domains"))
    newest_first = forms.BooleanField(label=_("Newest first"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].queryset = domains()
