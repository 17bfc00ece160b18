"""Member Enquiries fixtures: the ``ashdown`` council, built at a fixed moment, with its routing table.

``world`` freezes the clock at 10:00 on Tuesday 9 March 2027 (a working day, in working hours) and
builds the persona council then, so every dated row is current at that moment. E-mail from the
outbox is delivered with Django's in-memory backend (``django.core.mail.outbox``) and attachments
are written to a temporary MEDIA_ROOT.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from nolan.directory import models as d
from nolan.enquiries import rules, services
from nolan.enquiries.models import Category, PortfolioLink, RoutingRule
from tests.personas import Council, build_council

LONDON = ZoneInfo("Europe/London")
NOW = datetime.datetime(2027, 3, 9, 10, 0, tzinfo=LONDON)


@dataclass
class World:
    ashdown: Council
    media: Path
    repairs_category: Category
    waste_category: Category
    other_category: Category

    def __getattr__(self, name):
        return getattr(self.ashdown, name)

    def member_of(self, user) -> d.Member:
        return d.Member.objects.get(user=user)

    def officer_of(self, user) -> d.Officer:
        return d.Officer.objects.get(user=user)


def seed_categories() -> None:
    """The categories the migrations seed. A test on a transactional database (the real worker's)
    starts after another has emptied the tables, so it puts them back the way the migration does."""
    seed = import_module("nolan.enquiries.migrations.0002_seed_categories")
    for position, name in enumerate(seed.CATEGORIES, start=1):
        Category.objects.get_or_create(name=name, defaults={"position": position * 10})


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=True) as traveller:
        yield traveller


@pytest.fixture
def world(db, frozen, settings, tmp_path, monkeypatch) -> World:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.NOLAN_DELIVERY_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.DEFAULT_FROM_EMAIL = "nolan@ashdown.test"
    # The personas sign in with passwords; a fast hasher (as NOLAN_MODE=test uses) saves ~3s a test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_world(Path(settings.MEDIA_ROOT))


def build_world(media: Path) -> World:
    """The persona council with the categories, routing table and portfolio links the enquiries need
    (for a fixture of another scope than ``world``'s, e.g. the visibility matrix's)."""
    rules.clear_cache()
    seed_categories()
    council = build_council()
    housing_repairs = Category.objects.get(name="Housing repairs")
    waste = Category.objects.get(name="Waste and recycling")
    other = Category.objects.get(name="Other")
    RoutingRule.objects.create(category=housing_repairs, service=council.housing)
    RoutingRule.objects.create(category=waste, service=council.waste)
    PortfolioLink.objects.create(service=council.housing, portfolio="Housing")
    return World(council, media, housing_repairs, waste, other)


def under_profile(world: World, slug: str) -> None:
    """Run the rest of the test under another council's protocol profile (the persona council uses
    Tower Hamlets'), e.g. Islington's for its 4.1(c) copies to the Executive Member."""
    world.council.protocol_profile = slug
    world.council.save(update_fields=["protocol_profile"])


def raise_one(world: World, actor=None, **values):
    """An enquiry from Cllr Aisha Rahman about a housing repair in Eastgate, unless told otherwise."""
    defaults = {
        "subject": "Damp in a council flat",
        "body": "A resident of Eastgate House reports black mould in the bedroom. When will it be treated?",
        "category": world.repairs_category,
        "ward": world.east_ward,
        "resident": {"name": "Mary Jones", "address": "12 Eastgate House", "asked_member_to_act": True},
    }
    defaults.update(values)
    return services.raise_enquiry(actor=actor or world.councillor, **defaults)


def triaged(world: World, **values):
    """An enquiry raised and triaged as a Member enquiry: with Sam Lee, Housing Management."""
    enquiry = raise_one(world, **values)
    services.triage(actor=world.member_enquiries, enquiry=enquiry, classification="member_enquiry")
    enquiry.refresh_from_db()
    return enquiry


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def pdf(size: int = 2000) -> bytes:
    body = b"%PDF-1.7\n" + b"0" * max(size - 20, 0) + b"\n%%EOF\n"
    return body


def png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def docx() -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def files_on_disk(world: World) -> list[Path]:
    return [p for p in world.media.rglob("*") if p.is_file()] if world.media.exists() else []
