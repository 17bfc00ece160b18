"""``?page=``: a whole number from 1, or left out for the first page; anything else says why."""

from __future__ import annotations

import pytest

from nolan.core.page_numbers import NoSuchPage, page_number


@pytest.mark.parametrize(("value", "page"), [(None, 1), ("1", 1), ("2", 2), (" 3 ", 3), ("9" * 30, 10**18)])
def test_a_page_number_is_a_whole_number_from_one(value, page):
    assert page_number(value) == page


def test_page_with_no_value_asks_for_a_number():
    with pytest.raises(NoSuchPage) as problem:
        page_number("")
    assert str(problem.value) == (
        "Give a page number, a whole number from 1, or leave page out for the first page."
    )


@pytest.mark.parametrize("value", ["0", "-1", "abc", "1.5", "1e3", "²", "١", "\x00"])
def test_anything_else_is_no_page(value):
    with pytest.raises(NoSuchPage) as problem:
        page_number(value)
    assert str(problem.value) == f"There is no page “{value}”: pages are numbered from 1."


def test_a_long_value_is_quoted_short():
    with pytest.raises(NoSuchPage) as problem:
        page_number("x" * 5000)
    assert str(problem.value) == f"There is no page “{'x' * 20}…”: pages are numbered from 1."
