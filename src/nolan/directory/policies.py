"""The protocol's rules about the directory, as pure decisions with their citations."""

from __future__ import annotations

from nolan.core.citations import Citation
from nolan.core.decisions import Decision, Reason

MEMBERS_CANNOT_BE_EMPLOYED = Citation("Haringey", "7.03")


def may_be_officer(*, person: str, is_current_member: bool) -> Decision:
    """A Member cannot also be an officer of the same council."""
    if is_current_member:
        return Decision.refuse(
            Reason(
                f"{person} is a Member of the council, and by law Members cannot be employed by the council",
                MEMBERS_CANNOT_BE_EMPLOYED,
            )
        )
    return Decision.allow(Reason(f"{person} is not a Member of the council"))


def may_be_member(*, person: str, is_current_officer: bool) -> Decision:
    """An officer of the council cannot also be one of its Members."""
    if is_current_officer:
        return Decision.refuse(
            Reason(
                f"{person} is employed by the council, and by law Members cannot be employed by the council",
                MEMBERS_CANNOT_BE_EMPLOYED,
            )
        )
    return Decision.allow(Reason(f"{person} is not employed by the council"))
