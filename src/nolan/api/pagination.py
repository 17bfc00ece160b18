"""Pages of 50 (PAGE_SIZE), numbered from 1, with a message that says what went wrong."""

from __future__ import annotations

from rest_framework.pagination import PageNumberPagination


class Pages(PageNumberPagination):
    invalid_page_message = (
        "There is no page {page_number} ({message}). Pages are numbered from 1; "
        "follow the response's next and previous links."
    )
