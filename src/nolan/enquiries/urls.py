from django.urls import path

from nolan.enquiries import views

app_name = "enquiries"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.raise_enquiry, name="raise"),
    path("triage/", views.triage, name="triage"),
    path("worklist/", views.worklist, name="worklist"),
    path("overdue/", views.overdue, name="overdue"),
    path("export.csv", views.export, name="export"),
    path("<str:reference>/", views.detail, name="detail"),
    path("<str:reference>/files/<int:pk>/", views.attachment, name="attachment"),
    path("<str:reference>/<slug:slug>/", views.step, name="step"),
]
