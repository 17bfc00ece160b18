"""Reads of the register of close relationships.

Routing asks who a Member has a current declaration with, and of what nature; the details of a
declaration are never part of the answer.
"""

from __future__ import annotations

import datetime

from django.db.models import Q

from nolan.register.models import DeclaredRelationship, RelationshipNature


def related_officers(*, member_id: int, on: datetime.date) -> dict[int, RelationshipNature]:
    """The officers with a declared close relationship with the Member on ``on`` (declared on or
    before that day and not ended by it), each with the nature of the relationship."""
    rows = DeclaredRelationship.objects.filter(member_id=member_id, declared_on__lte=on).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=on)
    )
    return {
        officer_id: RelationshipNature(nature)
        for officer_id, nature in rows.values_list("officer_id", "nature")
    }


def natures_in_words(member_id: int, on: datetime.date) -> dict[int, str]:
    """``related_officers`` with each nature in plain words ("family member"): the register's answer
    to casework's question (``nolan.casework.relationships``), registered in ``RegisterConfig.ready``."""
    return {
        officer_id: nature.label.lower()
        for officer_id, nature in related_officers(member_id=member_id, on=on).items()
    }
