from django.urls import path

from nolan.directory import views

app_name = "directory"
urlpatterns = [
    path("", views.index, name="index"),
    # Members
    path("members/", views.member_list, name="member_list"),
    path("members/add/", views.member_add, name="member_add"),
    path("members/import/", views.member_import, name="member_import"),
    path("members/import/example.csv", views.member_import_example, name="member_import_example"),
    path("members/<int:pk>/", views.member_detail, name="member_detail"),
    path("members/<int:pk>/edit/", views.member_edit, name="member_edit"),
    path("members/<int:pk>/end-term/", views.member_end_term, name="member_end_term"),
    path("members/<int:pk>/group/", views.member_change_group, name="member_change_group"),
    path("members/<int:pk>/ward/", views.member_add_ward, name="member_add_ward"),
    path("members/<int:pk>/group-office/", views.member_group_office, name="member_group_office"),
    path("members/<int:pk>/role/", views.member_role, name="member_role"),
    path("members/<int:pk>/committee/", views.member_committee, name="member_committee"),
    path("members/<int:pk>/account/", views.member_account, name="member_account"),
    # Wards
    path("wards/", views.ward_list, name="ward_list"),
    path("wards/add/", views.ward_add, name="ward_add"),
    path("wards/<int:pk>/", views.ward_detail, name="ward_detail"),
    path("wards/<int:pk>/edit/", views.ward_edit, name="ward_edit"),
    # Political groups
    path("groups/", views.group_list, name="group_list"),
    path("groups/add/", views.group_add, name="group_add"),
    path("groups/<int:pk>/", views.group_detail, name="group_detail"),
    path("groups/<int:pk>/edit/", views.group_edit, name="group_edit"),
    # Committees
    path("committees/", views.committee_list, name="committee_list"),
    path("committees/add/", views.committee_add, name="committee_add"),
    path("committees/<int:pk>/", views.committee_detail, name="committee_detail"),
    path("committees/<int:pk>/edit/", views.committee_edit, name="committee_edit"),
    # Directorates and services
    path("directorates/", views.directorate_list, name="directorate_list"),
    path("directorates/add/", views.directorate_add, name="directorate_add"),
    path("directorates/<int:pk>/edit/", views.directorate_edit, name="directorate_edit"),
    path("services/add/", views.service_add, name="service_add"),
    path("services/<int:pk>/edit/", views.service_edit, name="service_edit"),
    # Officers
    path("officers/", views.officer_list, name="officer_list"),
    path("officers/add/", views.officer_add, name="officer_add"),
    path("officers/import/", views.officer_import, name="officer_import"),
    path("officers/import/example.csv", views.officer_import_example, name="officer_import_example"),
    path("officers/<int:pk>/", views.officer_detail, name="officer_detail"),
    path("officers/<int:pk>/edit/", views.officer_edit, name="officer_edit"),
    path("officers/<int:pk>/post/", views.officer_new_post, name="officer_new_post"),
    path("officers/<int:pk>/leave/", views.officer_leave, name="officer_leave"),
    path("officers/<int:pk>/statutory-role/", views.officer_statutory_role, name="officer_statutory_role"),
    path("officers/<int:pk>/account/", views.officer_account, name="officer_account"),
    path("statutory-officers/", views.statutory_officers, name="statutory_officers"),
]
