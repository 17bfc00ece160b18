"""Who is whose, as every workflow asks it: the management line, the Director, the Executive Member for
a portfolio and the statutory officers (``nolan.directory.line``)."""

from __future__ import annotations

import datetime

import pytest

from nolan.directory import line
from nolan.directory import models as d

pytestmark = pytest.mark.django_db


def officer(user) -> d.Officer:
    return d.Officer.objects.get(user=user)


def corporate_director_of_place(ashdown, *, start=datetime.date(2020, 1, 1)) -> d.Officer:
    """Cora Reid, Corporate Director of Place from ``start``, between Daniel Price (Director) and the
    Chief Executive: Daniel's post ends that day and his next one, reporting to her, starts."""
    cora = d.Officer.objects.create(first_name="Cora", last_name="Reid", email="cora.reid@ashdown.test")
    d.Post.objects.create(
        officer=cora,
        title="Corporate Director of Place",
        seniority=d.Seniority.CORPORATE_DIRECTOR,
        directorate=ashdown.place,
        line_manager=officer(ashdown.chief_executive),
        start=start,
    )
    post = d.Post.objects.get(officer=officer(ashdown.director))
    d.Post.objects.filter(pk=post.pk).update(end=start)
    post.pk, post.start, post.end, post.line_manager = None, start, None, cora
    post.save()
    return cora


def test_the_line_goes_up_to_the_director_and_never_to_the_chief_executive(ashdown):
    sam, daniel = officer(ashdown.officer), officer(ashdown.director)
    assert line.management_line(sam.pk, ashdown.housing.pk) == [sam.pk, daniel.pk]
    assert line.director_of(sam.pk, ashdown.housing.pk) == daniel
    assert line.director_of(daniel.pk) == daniel  # a Director is their own


def test_past_the_first_director_to_the_corporate_director_whose_director_stays_the_first(ashdown):
    sam, daniel = officer(ashdown.officer), officer(ashdown.director)
    cora = corporate_director_of_place(ashdown)
    assert line.management_line(sam.pk) == [sam.pk, daniel.pk, cora.pk]
    assert line.director_of(sam.pk) == daniel
    assert officer(ashdown.chief_executive).pk not in line.service_line(ashdown.housing)


def test_the_line_is_the_directorys_on_the_day_asked(ashdown):
    """A Corporate Director whose post starts next month is in the line from that day, not before."""
    sam, daniel = officer(ashdown.officer), officer(ashdown.director)
    today = datetime.date(2027, 3, 1)
    cora = corporate_director_of_place(ashdown, start=datetime.date(2027, 4, 1))
    assert line.management_line(sam.pk, today=today) == [sam.pk, daniel.pk]
    assert line.management_line(sam.pk, today=datetime.date(2027, 4, 1)) == [sam.pk, daniel.pk, cora.pk]


def test_an_officer_who_has_left_has_no_post_and_no_director(ashdown):
    sam = officer(ashdown.officer)
    d.Officer.objects.filter(pk=sam.pk).update(end=datetime.date(2027, 1, 1))
    on = datetime.date(2027, 1, 2)
    assert line.post_of(sam.pk, today=on) is None
    assert line.management_line(sam.pk, today=on) == [sam.pk]
    assert line.director_of(sam.pk, today=on) is None


def test_the_service_line_is_its_managers_and_directors_and_no_one_from_elsewhere(ashdown):
    daniel = officer(ashdown.director)
    assert line.service_line(ashdown.housing) == [daniel.pk]
    legal = line.service_line(ashdown.legal)
    assert officer(ashdown.monitoring_officer).pk in legal and officer(ashdown.member_services).pk in legal
    assert daniel.pk not in legal and officer(ashdown.other_service_officer).pk not in legal


def test_the_executive_member_is_whoever_holds_the_portfolio_on_the_day(ashdown):
    priya = d.Member.objects.get(user=ashdown.cabinet_member)
    assert line.executive_member_for(" housing ") == priya
    assert line.executive_member_for("Waste") is None
    d.MemberRole.objects.filter(member=priya).update(end=datetime.date(2027, 1, 1))
    assert line.executive_member_for("Housing", today=datetime.date(2026, 12, 31)) == priya
    assert line.executive_member_for("Housing", today=datetime.date(2027, 1, 1)) is None


def test_the_statutory_officers_are_found_by_their_role(ashdown):
    [mo] = line.statutory_officer_posts(d.StatutoryRoleKind.MONITORING_OFFICER)
    assert mo.officer == officer(ashdown.monitoring_officer)
    [head] = line.statutory_officer_posts(d.StatutoryRoleKind.HEAD_OF_PAID_SERVICE)
    assert head.officer == officer(ashdown.chief_executive)
    assert line.statutory_officer_posts(d.StatutoryRoleKind.SECTION_151_OFFICER) == []
