from django.urls import path

from nolan.calendar import views

app_name = "calendar"
urlpatterns = [
    path("", views.index, name="index"),
    path("changes/add/", views.override_add, name="override_add"),
    path("changes/<int:pk>/remove/", views.override_remove, name="override_remove"),
]
