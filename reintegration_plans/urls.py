from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("awaiting-approval/", views.awaiting_approval, name="awaiting"),
    path("follow-ups/", views.follow_up_overview, name="follow_up_overview"),
    path("follow-ups/<uuid:pk>/", views.follow_up_detail, name="follow_up"),
    path("follow-ups/<uuid:pk>/correct/", views.follow_up_correct, name="follow_up_correct"),
    path("follow-ups/<uuid:pk>/missed/", views.follow_up_missed, name="follow_up_missed"),
    path("follow-ups/<uuid:pk>/cancel/", views.follow_up_cancel, name="follow_up_cancel"),
    path("referrals/<uuid:pk>/answer/", views.referral_update, name="referral_update"),
    path("people/<uuid:pk>/", views.person_plans, name="person"),
    path("people/<uuid:pk>/new/", views.project_create, name="create"),
    path("people/<uuid:pk>/follow-ups/", views.person_follow_ups, name="follow_ups"),
    path("people/<uuid:pk>/follow-ups/new/", views.follow_up_record, name="follow_up_record"),
    path("people/<uuid:pk>/follow-ups/plan/", views.follow_up_plan, name="follow_up_plan"),
    path("people/<uuid:pk>/referrals/", views.person_referrals, name="referrals"),
    path("people/<uuid:pk>/referrals/new/", views.referral_create, name="referral_create"),
    path("people/<uuid:pk>/timeline/", views.person_timeline_page, name="timeline"),
    path("<uuid:pk>/", views.project_detail, name="project"),
    path("<uuid:pk>/edit/", views.project_edit, name="edit"),
    path("<uuid:pk>/goals/add/", views.goal_add, name="goal_add"),
    path("<uuid:pk>/goals/<uuid:goal_pk>/", views.goal_edit, name="goal_edit"),
    path("<uuid:pk>/goals/<uuid:goal_pk>/remove/", views.goal_remove, name="goal_remove"),
    path("<uuid:pk>/goals/<uuid:goal_pk>/milestones/add/", views.milestone_add, name="milestone_add"),
    path("<uuid:pk>/milestones/<uuid:milestone_pk>/", views.milestone_edit, name="milestone_edit"),
    path("<uuid:pk>/milestones/<uuid:milestone_pk>/remove/", views.milestone_remove, name="milestone_remove"),
    path("<uuid:pk>/checklist/", views.checklist_edit, name="checklist"),
    path("<uuid:pk>/submit/", views.project_submit, name="submit"),
    path("<uuid:pk>/activate/", views.project_activate, name="activate"),
    path("<uuid:pk>/decide/", views.project_decide, name="decide"),
    path("<uuid:pk>/close/", views.project_close, name="close"),
    path("<uuid:pk>/<slug:action>/", views.project_step, name="step"),
]
