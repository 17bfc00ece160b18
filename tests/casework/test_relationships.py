"""Routing asks casework who a Member has declared a close relationship with; the register answers."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured

from nolan.casework import relationships
from nolan.directory.models import Member, Officer
from nolan.register import services as register


def test_the_register_answers_with_each_relationship_in_plain_words(ashdown):
    member = Member.objects.get(user=ashdown.councillor)
    officer = Officer.objects.get(user=ashdown.officer)
    day = datetime.date(2026, 3, 9)
    assert relationships.related_officers(member_id=member.pk, on=day) == {}

    register.relationship_declare(
        actor=ashdown.monitoring_officer, member=member, officer=officer, nature="family", declared_on=day
    )

    assert relationships.related_officers(member_id=member.pk, on=day) == {officer.pk: "family"}


def test_with_nobody_to_answer_the_question_is_refused_not_answered_nobody(monkeypatch):
    monkeypatch.setattr(relationships, "_answer", None)
    with pytest.raises(ImproperlyConfigured, match="install nolan.register"):
        relationships.related_officers(member_id=1, on=datetime.date(2026, 3, 9))
