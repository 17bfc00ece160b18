"""Files attached to a case: refused when too large before any of it is written to disk, and stored
all or none."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.test import RequestFactory

from nolan.casework import attachments

PDF = b"%PDF-1.7\n" + b"0" * 2000 + b"\n%%EOF\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.NOLAN_ENQUIRY_ATTACHMENT_MAX_BYTES = 1024 * 1024
    return tmp_path / "media"


def stored_files(media) -> list:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


def posted(data: dict):
    """The request as Django parses it, with the upload handlers the settings name."""
    return RequestFactory().post("/", data)


def test_an_attachment_past_the_limit_arrives_as_its_name_and_size_only(media):
    request = posted({"attachments": [SimpleUploadedFile("survey.pdf", PDF + b"0" * (3 * 1024 * 1024))]})
    (refused,) = request.FILES.getlist("attachments")
    assert isinstance(refused, attachments.RefusedUpload)
    assert refused.size == len(PDF) + 3 * 1024 * 1024
    assert refused.read() == b""
    with pytest.raises(ValidationError) as error:
        attachments.check(refused)
    assert error.value.message_dict == {
        "attachments": ["survey.pdf: the file is 3 MB; files must be no larger than 1 MB"]
    }


def test_an_attachment_within_the_limit_arrives_whole_and_passes_the_checks(media):
    request = posted({"attachments": [SimpleUploadedFile("letter.pdf", PDF)]})
    (letter,) = request.FILES.getlist("attachments")
    checked = attachments.check(letter)
    assert (checked.original_name, checked.size, checked.content) == ("letter.pdf", len(PDF), PDF)


def test_other_uploads_are_left_to_djangos_own_handlers(media, settings, tmp_path):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    big = b"name,email\n" + b"a,b@example.org\n" * 200_000  # a directory import, 3 MB
    request = posted({"file": [SimpleUploadedFile("people.csv", big)]})
    (csv,) = request.FILES.getlist("file")
    assert isinstance(csv, TemporaryUploadedFile)
    assert csv.read() == big


def test_too_many_files_are_refused_for_their_number_and_none_is_kept_past_it(media):
    request = posted({"attachments": [SimpleUploadedFile(f"page{n}.pdf", PDF) for n in range(14)]})
    files = request.FILES.getlist("attachments")
    assert len(files) == 14
    assert all(isinstance(f, attachments.RefusedUpload) for f in files[attachments.MAX_FILES + 1 :])
    with pytest.raises(ValidationError) as error:
        attachments.check_all(files, case="request")
    assert error.value.message_dict == {"attachments": ["Attach no more than 10 files to one request."]}


def test_files_are_stored_all_or_none(media):
    checked = [attachments.check(SimpleUploadedFile(f"page{n}.pdf", PDF)) for n in range(3)]
    with pytest.raises(RuntimeError), attachments.storing(folder="cases") as store:
        names = [store(item) for item in checked]
        assert all(default_storage.exists(name) for name in names)
        raise RuntimeError("the step's row could not be written")
    assert stored_files(media) == []

    with attachments.storing(folder="cases") as store:
        names = [store(item) for item in checked]
    assert sorted(p.name for p in stored_files(media)) == sorted(n.removeprefix("cases/") for n in names)
    assert all(n.startswith("cases/") and n.endswith(".pdf") and "page" not in n for n in names)
