"""Pages of 50 (PAGE_SIZE), numbered from 1, with a message that says what went wrong.

``?page=`` is read as the web pages read it (``nolan.core.page_numbers``): one that is not a page
number (no value, a word, zero, a negative number) is a 400 naming ``page``; a page past the last is
a 404 that says so.
"""

from __future__ import annotations

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

from nolan.core.page_numbers import NoSuchPage, page_number


class Pages(PageNumberPagination):
    invalid_page_message = (
        "There is no page {page_number} ({message}). Pages are numbered from 1; "
        "follow the response's next and previous links."
    )

    def get_page_number(self, request, paginator):
        value = request.query_params.get(self.page_query_param)
        if value in self.last_page_strings:
            return paginator.num_pages
        try:
            return page_number(value)
        except NoSuchPage as problem:
            raise ValidationError({self.page_query_param: [str(problem)]}) from None
