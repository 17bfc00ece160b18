"""A workflow that exists only in the tests: a Member raises a "concern" with an officer, the officer is
chased when it is late, and each step e-mails the people in its circle.

It is here to show that a new workflow is its own rules, models and texts, and borrows everything else
from ``nolan.casework`` and ``nolan.mail``: its references, its timeline with ``record_step``, who may
see it (``circles``), the council's chasing ladder, and composed, confidential e-mail through the
outbox. Nothing in it is copied from Member Enquiries, and it imports nothing of enquiries.
"""
