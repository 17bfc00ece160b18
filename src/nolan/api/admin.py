"""API tokens are not in the system administration pages.

Django REST framework lists every token there with its key, so whoever runs the system could act as
any councillor or officer through the API. A person creates and revokes their own token
(/api/v1/token/); the audit trail records both, by account, never the key.
"""

from django.contrib import admin
from rest_framework.authtoken.models import TokenProxy

admin.site.unregister(TokenProxy)
