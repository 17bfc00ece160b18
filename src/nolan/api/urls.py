"""/api/: the REST API (v1), its OpenAPI 3 schema and the docs page, both for signed-in people only.

The docs page works with no internet (councils' networks may block CDNs): the settings serve
Swagger UI from the drf-spectacular-sidecar package. It works under the Content-Security-Policy too:
the split view serves its start-up script from the same address (``?script``) instead of inline.
"""

from django.contrib.auth.decorators import login_required
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import IsAuthenticated

from nolan.api import account, directory, enquiries, errors

v1 = [
    path("me/", account.MeApi.as_view(), name="me"),
    path("token/", account.TokenApi.as_view(), name="token"),
    path("wards/", directory.WardListApi.as_view(), name="ward-list"),
    path("groups/", directory.GroupListApi.as_view(), name="group-list"),
    path("members/", directory.MemberListApi.as_view(), name="member-list"),
    path("members/<int:pk>/", directory.MemberDetailApi.as_view(), name="member-detail"),
    path("committees/", directory.CommitteeListApi.as_view(), name="committee-list"),
    path("committees/<int:pk>/", directory.CommitteeDetailApi.as_view(), name="committee-detail"),
    path("directorates/", directory.DirectorateListApi.as_view(), name="directorate-list"),
    path("services/", directory.ServiceListApi.as_view(), name="service-list"),
    path("officers/", directory.OfficerListApi.as_view(), name="officer-list"),
    path("officers/<int:pk>/", directory.OfficerDetailApi.as_view(), name="officer-detail"),
    path("enquiries/", enquiries.EnquiryListApi.as_view(), name="enquiry-list"),
    path("enquiries/counts/", enquiries.EnquiryCountsApi.as_view(), name="enquiry-counts"),
    path("enquiries/<str:reference>/", enquiries.EnquiryDetailApi.as_view(), name="enquiry-detail"),
    *(
        path(f"enquiries/<str:reference>/{step}/", view.as_view(), name=f"enquiry-{step}")
        for step, view in enquiries.ACTIONS.items()
    ),
]

urlpatterns = [
    path("v1/", include((v1, "api"))),
    path("schema/", SpectacularAPIView.as_view(permission_classes=[IsAuthenticated]), name="api-schema"),
    path(
        "docs/",
        login_required(
            SpectacularSwaggerSplitView.as_view(url_name="api-schema", template_name="api/docs.html")
        ),
        name="api-docs",
    ),
    # Anything else under /api/: a JSON 404 (or the redirect that adds a missing final slash).
    re_path(r"^.*$", errors.not_found),
]
