from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Nolan administration"
admin.site.site_title = "Nolan administration"
# The administration's own sign-in page takes a password alone. Send it to Nolan's sign-in instead
# (coming back to the page asked for), which asks for the code from the authenticator app; someone
# already signed in without the right to administer gets the "not allowed" page.
admin.site.login = secure_admin_login(admin.site.login)

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
