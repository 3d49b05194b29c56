"""Pages of the life project: the list, a person's plans, the plan with its goals, milestones, checklist,
history and revisions, and each workflow step."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from beneficiaries.protected_data import defer_encrypted

from .. import selectors, services
from ..access import can_approve, can_prepare
from ..forms import (
    ChecklistForm,
    CloseForm,
    CommentForm,
    DecisionForm,
    GoalForm,
    MilestoneForm,
    PlanFilterForm,
    ProjectForm,
)
from ..models import ProjectAction, ProjectStatus
from ..workflow import allowed_actions
from ._common import add_errors, paginate, person_or_404, require_prepare


@login_required
@require_GET
def plan_list(request):
    selectors.require_file_reader(request.user)
    form = PlanFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    projects = selectors.project_list(
        user=request.user,
        status=filters.get("status", ""),
        q=filters.get("file_number", ""),
        review_due=filters.get("review_due", False),
    )
    page, query = paginate(request, defer_encrypted(projects, "beneficiary__"))
    return render(request, "reintegration_plans/plan_list.html", {"form": form, "page": page, "query": query})


@login_required
@require_GET
def awaiting_approval(request):
    if not request.user.is_supervisor:
        raise PermissionDenied
    page, query = paginate(request, selectors.projects_awaiting_approval(user=request.user))
    return render(request, "reintegration_plans/plan_list.html", {"page": page, "query": query, "awaiting": True})


@login_required
@require_GET
def person_plans(request, pk):
    person = person_or_404(request, pk)
    projects = selectors.person_projects(user=request.user, beneficiary=person)
    services.file_read_record(actor=request.user, beneficiary=person, page="life projects")
    may_prepare = can_prepare(request.user, person)
    return render(
        request,
        "reintegration_plans/person_plans.html",
        {
            "person": person,
            "projects": projects,
            "may_create": may_prepare and not any(p.is_open for p in projects),
            "form": ProjectForm(),
        },
    )


@login_required
@require_POST
def project_create(request, pk):
    person = person_or_404(request, pk)
    require_prepare(request.user, person)
    form = ProjectForm(request.POST)
    if form.is_valid():
        try:
            project = services.life_project_create(actor=request.user, beneficiary=person, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The life project was opened as a draft. Add its goals."))
            return redirect("plans:project", pk=project.pk)
    return redirect("plans:person", pk=person.pk)


@login_required
@require_GET
def project_detail(request, pk):
    user = request.user
    project = selectors.project_get(user=user, pk=pk)
    services.life_project_record_view(actor=user, project=project)
    actions = allowed_actions(project.status)
    may_prepare = can_prepare(user, project.beneficiary)
    return render(
        request,
        "reintegration_plans/project_detail.html",
        {
            "project": project,
            "person": project.beneficiary,
            **selectors.project_detail(user=user, project=project),
            "may_edit": may_prepare and project.is_editable,
            "may_track": may_prepare and project.is_trackable,
            "may_submit": may_prepare and ProjectAction.SUBMIT in actions,
            "may_decide": ProjectAction.APPROVE in actions and can_approve(user, project),
            "may_activate": may_prepare and ProjectAction.ACTIVATE in actions,
            "steps": [a for a in (ProjectAction.REVIEW, ProjectAction.REVISE, ProjectAction.COMPLETE) if a in actions]
            if may_prepare
            else [],
            "may_close": may_prepare and ProjectAction.CLOSE in actions,
        },
    )


def _project_for_change(request, pk, *, editable=False, trackable=False):
    project = selectors.project_get(user=request.user, pk=pk)
    require_prepare(request.user, project.beneficiary)
    if (editable and not project.is_editable) or (trackable and not project.is_trackable):
        raise PermissionDenied
    return project


def _form_page(request, *, form, project, title, save, success):
    """Validate, call one service, go back to the plan; or show the form with the errors."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, success)
            return redirect("plans:project", pk=project.pk)
    return render(
        request,
        "reintegration_plans/project_form.html",
        {"form": form, "project": project, "person": project.beneficiary, "title": title},
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request, pk):
    project = _project_for_change(request, pk, editable=True)
    form = ProjectForm(request.POST or None, initial={"summary": project.summary})
    return _form_page(
        request,
        form=form,
        project=project,
        title=_("The person's aspirations"),
        save=lambda data: services.life_project_update(actor=request.user, project=project, **data),
        success=_("Saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_add(request, pk):
    project = _project_for_change(request, pk, editable=True)
    form = GoalForm(request.POST or None, tracking=False)
    return _form_page(
        request,
        form=form,
        project=project,
        title=_("Add a goal"),
        save=lambda data: services.goal_add(actor=request.user, project=project, **data),
        success=_("The goal was added."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request, pk, goal_pk):
    project = _project_for_change(request, pk, trackable=True)
    goal = selectors.goal_get(user=request.user, project=project, pk=goal_pk)
    initial = {
        "domain": goal.domain_id,
        "description": goal.description,
        "target_date": goal.target_date,
        "progress_measure": goal.progress_measure,
        "status": goal.status,
        "progress": goal.progress,
    }
    form = GoalForm(request.POST or None, initial=initial, structural=project.is_editable)
    return _form_page(
        request,
        form=form,
        project=project,
        title=_("Change a goal"),
        save=lambda data: services.goal_update(actor=request.user, goal=goal, **data),
        success=_("The goal was saved."),
    )


@login_required
@require_POST
def goal_remove(request, pk, goal_pk):
    project = _project_for_change(request, pk, editable=True)
    goal = selectors.goal_get(user=request.user, project=project, pk=goal_pk)
    services.goal_remove(actor=request.user, goal=goal)
    messages.success(request, _("The goal was removed."))
    return redirect("plans:project", pk=project.pk)


@login_required
@require_http_methods(["GET", "POST"])
def milestone_add(request, pk, goal_pk):
    project = _project_for_change(request, pk, trackable=True)
    goal = selectors.goal_get(user=request.user, project=project, pk=goal_pk)
    form = MilestoneForm(request.POST or None)
    del form.fields["done_on"]
    return _form_page(
        request,
        form=form,
        project=project,
        title=_("Add a milestone to “%(goal)s”") % {"goal": goal.description[:60]},
        save=lambda data: services.milestone_add(actor=request.user, goal=goal, **data),
        success=_("The milestone was added."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def milestone_edit(request, pk, milestone_pk):
    project = _project_for_change(request, pk, trackable=True)
    milestone = selectors.milestone_get(user=request.user, project=project, pk=milestone_pk)
    initial = {"description": milestone.description, "due_on": milestone.due_on, "done_on": milestone.done_on}
    form = MilestoneForm(request.POST or None, initial=initial)
    return _form_page(
        request,
        form=form,
        project=project,
        title=_("Change a milestone"),
        save=lambda data: services.milestone_update(actor=request.user, milestone=milestone, **data),
        success=_("The milestone was saved."),
    )


@login_required
@require_POST
def milestone_remove(request, pk, milestone_pk):
    project = _project_for_change(request, pk, editable=True)
    milestone = selectors.milestone_get(user=request.user, project=project, pk=milestone_pk)
    services.milestone_remove(actor=request.user, milestone=milestone)
    messages.success(request, _("The milestone was removed."))
    return redirect("plans:project", pk=project.pk)


@login_required
@require_http_methods(["GET", "POST"])
def checklist_edit(request, pk):
    project = _project_for_change(request, pk, trackable=True)
    entries = selectors.project_detail(user=request.user, project=project)["checklist"]
    form = ChecklistForm(request.POST or None, entries=entries)
    if request.method == "POST" and form.is_valid():
        try:
            services.checklist_update(actor=request.user, project=project, entries=form.values())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The administrative checklist was saved."))
            return redirect("plans:project", pk=project.pk)
    return render(
        request,
        "reintegration_plans/checklist_form.html",
        {"form": form, "project": project, "person": project.beneficiary},
    )


def _flash_step(request, project, call, success):
    try:
        call()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect("plans:project", pk=project.pk)


@login_required
@require_POST
def project_submit(request, pk):
    project = _project_for_change(request, pk)
    return _flash_step(
        request,
        project,
        lambda: services.life_project_submit(actor=request.user, project=project),
        _("The plan was submitted to the supervisor."),
    )


@login_required
@require_POST
def project_activate(request, pk):
    project = _project_for_change(request, pk)
    return _flash_step(
        request,
        project,
        lambda: services.life_project_activate(actor=request.user, project=project),
        _("The plan is now active. Its first review is planned."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_decide(request, pk):
    project = selectors.project_get(user=request.user, pk=pk)
    if not can_approve(request.user, project):
        raise PermissionDenied
    form = DecisionForm(request.POST or None)

    def save(data):
        if data["decision"] == "approve":
            services.life_project_approve(actor=request.user, project=project, comment=data["comment"])
        else:
            services.life_project_return(actor=request.user, project=project, comment=data["comment"])

    return _form_page(
        request,
        form=form,
        project=project,
        title=_("Decide on the life project"),
        save=save,
        success=_("Your decision was recorded and the caseworker told."),
    )


STEPS = {
    ProjectAction.REVIEW.value: (
        services.life_project_record_review,
        gettext_lazy("Record the periodic review"),
        gettext_lazy("The review was recorded and the next one planned."),
    ),
    ProjectAction.REVISE.value: (
        services.life_project_revise,
        gettext_lazy("Reopen the plan for revision"),
        gettext_lazy("The plan is a draft again: revise it and submit it for approval."),
    ),
    ProjectAction.COMPLETE.value: (
        services.life_project_complete,
        gettext_lazy("Complete the plan"),
        gettext_lazy("The plan is completed."),
    ),
}


@login_required
@require_http_methods(["GET", "POST"])
def project_step(request, pk, action):
    if action not in STEPS:
        raise Http404
    project = _project_for_change(request, pk)
    service, title, success = STEPS[action]
    form = CommentForm(request.POST or None)
    if action == ProjectAction.COMPLETE:
        form.fields["comment"].required = False
    return _form_page(
        request,
        form=form,
        project=project,
        title=title,
        save=lambda data: service(actor=request.user, project=project, comment=data["comment"]),
        success=success,
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_close(request, pk):
    project = _project_for_change(request, pk)
    if project.status in (ProjectStatus.COMPLETED, ProjectStatus.CLOSED):
        raise PermissionDenied
    form = CloseForm(request.POST or None)
    return _form_page(
        request,
        form=form,
        project=project,
        title=_("Close the plan"),
        save=lambda data: services.life_project_close(actor=request.user, project=project, reason=data["reason"]),
        success=_("The plan was closed."),
    )
