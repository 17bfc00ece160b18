from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Nolan administration"
admin.site.site_title = "Nolan administration"

urlpatterns = [
    path("", include("nolan.web.urls")),
    path("directory/", include("nolan.directory.urls")),
    path("protocol/", include("nolan.protocols.urls")),
    path("calendar/", include("nolan.calendar.urls")),
    path("enquiries/", include("nolan.enquiries.urls")),
    path("account/", include("allauth.urls")),
    path("api/", include("nolan.api.urls")),
    path("system-admin/", admin.site.urls),
]

handler400 = "nolan.web.views.bad_request"
handler403 = "nolan.web.views.permission_denied"
handler404 = "nolan.web.views.page_not_found"
handler500 = "nolan.web.views.server_error"
