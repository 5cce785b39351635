"""The private storage in PostgreSQL (core.opslag): what every web and worker instance reads and writes
instead of a local directory. Saving overwrites, a file appears with the transaction that writes it, a
name cannot leave its place, there is no URL, and core migration 0008 moves the files of an older
version from disk into the table."""

import hashlib
from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction

from core.models import PriveBestand
from core.opslag import DatabaseOpslag, prive_opslag

pytestmark = pytest.mark.django_db


@pytest.fixture
def opslag() -> DatabaseOpslag:
    return prive_opslag()


def test_a_saved_file_reads_back_and_a_second_save_replaces_it(opslag):
    assert opslag.save("rapporten/a.pdf", ContentFile(b"%PDF-1.7 eerste")) == "rapporten/a.pdf"
    assert opslag.save("rapporten/a.pdf", ContentFile(b"%PDF-1.7 tweede versie")) == "rapporten/a.pdf"
    assert PriveBestand.objects.count() == 1
    assert opslag.lees("rapporten/a.pdf") == b"%PDF-1.7 tweede versie"
    with opslag.open("rapporten/a.pdf") as bestand:
        assert bestand.read() == b"%PDF-1.7 tweede versie"
    assert opslag.size("rapporten/a.pdf") == len(b"%PDF-1.7 tweede versie")
    rij = PriveBestand.objects.get()
    assert rij.sha256 == hashlib.sha256(b"%PDF-1.7 tweede versie").hexdigest()
    assert opslag.get_modified_time("rapporten/a.pdf") == rij.gewijzigd_op


def test_listing_and_removing(opslag):
    for naam in ("rapporten/a.pdf", "rapporten/a.csv", "rapporten/oud/b.pdf", "ander/c.txt"):
        opslag.save(naam, ContentFile(b"x"))
    assert opslag.listdir("rapporten") == (["oud"], ["a.csv", "a.pdf"])
    assert opslag.listdir("") == (["ander", "rapporten"], [])
    opslag.delete("rapporten/a.pdf")
    opslag.delete("rapporten/bestaat-niet.pdf")  # nothing to remove is no error
    assert not opslag.exists("rapporten/a.pdf")
    assert opslag.lees("rapporten/a.pdf") is None
    with pytest.raises(FileNotFoundError):
        opslag.open("rapporten/a.pdf")
    with pytest.raises(FileNotFoundError):
        opslag.size("rapporten/a.pdf")


def test_a_file_exists_only_when_its_transaction_commits(opslag):
    with transaction.atomic():
        opslag.save("rapporten/half.pdf", ContentFile(b"%PDF"))
        transaction.set_rollback(True)  # the worker died before the report was marked ready
    assert not opslag.exists("rapporten/half.pdf")


@pytest.mark.parametrize("naam", ["", "/etc/passwd", "../buiten.pdf", "rapporten/../../x", "a\\b", "a\x00b"])
def test_a_name_cannot_leave_its_place(opslag, naam):
    with pytest.raises(SuspiciousFileOperation):
        opslag.save(naam, ContentFile(b"x"))
    assert not PriveBestand.objects.exists()


def test_the_database_refuses_such_a_name_too():
    with pytest.raises(IntegrityError), transaction.atomic():
        PriveBestand.objects.create(naam="../buiten.pdf", inhoud=b"x", grootte=1, sha256="")


def test_a_private_file_has_no_url(opslag):
    opslag.save("rapporten/a.pdf", ContentFile(b"x"))
    with pytest.raises(NotImplementedError):
        opslag.url("rapporten/a.pdf")


def test_opening_for_writing_is_refused(opslag):
    opslag.save("rapporten/a.pdf", ContentFile(b"x"))
    with pytest.raises(ValueError, match="read-only"):
        opslag.open("rapporten/a.pdf", "wb")


def test_content_is_stored_out_of_line_without_compression():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute WHERE attrelid = 'core_privebestand'::regclass "
            "AND attname = 'inhoud'"
        )
        assert cursor.fetchone() == ("e",)  # EXTERNAL: PDFs are compressed already


def test_migration_0008_moves_files_from_the_old_directory_into_the_table(tmp_path, settings):
    """An installation before issue 14 kept reports under PRIVATE_MEDIA_ROOT; migrating moves them in,
    skips temporary files of an interrupted write, and a second run adds nothing."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    (settings.PRIVATE_MEDIA_ROOT / "rapporten").mkdir(parents=True)
    (settings.PRIVATE_MEDIA_ROOT / "rapporten" / "a.pdf").write_bytes(b"%PDF-1.7 oud")
    (settings.PRIVATE_MEDIA_ROOT / "rapporten" / "a.csv").write_bytes(b"\xef\xbb\xbfsectie;waarde\n")
    (settings.PRIVATE_MEDIA_ROOT / "rapporten" / ".a.pdf.123.tmp").write_bytes(b"%PDF half")
    migratie = import_module("core.migrations.0008_h14_bestanden_naar_database")

    migratie.bestanden_importeren(apps, None)
    migratie.bestanden_importeren(apps, None)

    assert dict(PriveBestand.objects.values_list("naam", "grootte")) == {
        "rapporten/a.pdf": len(b"%PDF-1.7 oud"),
        "rapporten/a.csv": len(b"\xef\xbb\xbfsectie;waarde\n"),
    }
    assert prive_opslag().lees("rapporten/a.pdf") == b"%PDF-1.7 oud"


def test_migration_0008_without_an_old_directory_does_nothing(tmp_path, settings):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "bestaat-niet"
    import_module("core.migrations.0008_h14_bestanden_naar_database").bestanden_importeren(apps, None)
    assert not PriveBestand.objects.exists()
