from django.urls import path

from nolan.protocols import views

app_name = "protocols"
urlpatterns = [
    path("", views.index, name="index"),
    path("search/", views.search, name="search"),
    path("compare/", views.compare_list, name="compare_list"),
    path("compare/<str:key>/", views.compare, name="compare"),
    path("<slug:slug>/", views.protocol, name="protocol"),
    path("<slug:slug>/<str:paragraph>/", views.paragraph, name="paragraph"),
]
