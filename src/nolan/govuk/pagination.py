"""The page of a list a page shows, from its ``?page=``: a page number that is not one is not an error
page, it is the first page with a message saying why; a page past the end is the last page, saying so."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Page, Paginator

from nolan.core.page_numbers import SHOWN, NoSuchPage, page_number


def page_of(request, items, per_page: int) -> Page:
    paginator = Paginator(items, per_page)
    asked = request.GET.get("page")
    try:
        number = page_number(asked)
    except NoSuchPage as problem:
        messages.warning(request, f"{problem} This is the first page.")
        return paginator.page(1)
    if number > paginator.num_pages:
        last = paginator.num_pages
        shown = asked.strip()[:SHOWN]
        pages = f"{last} page" + ("s" if last != 1 else "")
        messages.warning(request, f"There is no page {shown}: the list has {pages}. This is the last.")
        return paginator.page(last)
    return paginator.page(number)
