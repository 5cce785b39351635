"""Private files in PostgreSQL (core.PriveBestand), as a Django storage: ``storages["prive"]``.

Why the database and not a directory or object storage (README "Productie op Kubernetes"): every web and
worker instance reaches it without a shared disk, the backup is one pg_dump, the database's high
availability covers the files, and reports are small (a few MB). There is no URL: files leave only
through permission-checked views.

Saving a name that exists overwrites it (one upsert), so a retried task replaces its file instead of
adding one; inside a transaction the file appears together with the row that names it, or not at all.
"""

import hashlib
from datetime import datetime

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.utils import timezone
from django.utils.deconstruct import deconstructible


@deconstructible
class DatabaseOpslag(Storage):
    def _model(self):
        from .models import PriveBestand  # storages are built before the app registry is ready

        return PriveBestand

    @staticmethod
    def _controleer(name: str) -> str:
        if not name or name.startswith("/") or ".." in name.split("/") or "\\" in name or "\x00" in name:
            raise SuspiciousFileOperation(f"Invalid private file name {name!r}")
        return name

    def get_available_name(self, name, max_length=None):
        # Overwrite, never invent "name_abc123.pdf": names follow from a report's key.
        self._controleer(name)
        if max_length is not None and len(name) > max_length:
            raise SuspiciousFileOperation(f"Private file name longer than {max_length}: {name!r}")
        return name

    def _save(self, name, content):
        if hasattr(content, "seek"):
            content.seek(0)
        data = b"".join(content.chunks()) if hasattr(content, "chunks") else content.read()
        if isinstance(data, str):
            data = data.encode("utf-8")
        model = self._model()
        model.objects.bulk_create(
            [
                model(
                    naam=self._controleer(name),
                    inhoud=data,
                    grootte=len(data),
                    sha256=hashlib.sha256(data).hexdigest(),
                    gewijzigd_op=timezone.now(),
                )
            ],
            update_conflicts=True,
            unique_fields=["naam"],
            update_fields=["inhoud", "grootte", "sha256", "gewijzigd_op"],
        )
        return name

    def _open(self, name, mode="rb"):
        if set(mode) - {"r", "b"}:
            raise ValueError("Private files are read-only when opened; save() replaces them.")
        inhoud = self.lees(name)
        if inhoud is None:
            raise FileNotFoundError(name)
        return ContentFile(inhoud, name=name)

    def lees(self, name: str) -> bytes | None:
        """The content, or None when there is no such file."""
        inhoud = self._model().objects.filter(naam=name).values_list("inhoud", flat=True).first()
        return None if inhoud is None else bytes(inhoud)

    def delete(self, name):
        self._model().objects.filter(naam=name).delete()

    def exists(self, name):
        return self._model().objects.filter(naam=name).exists()

    def size(self, name):
        grootte = self._model().objects.filter(naam=name).values_list("grootte", flat=True).first()
        if grootte is None:
            raise FileNotFoundError(name)
        return grootte

    def listdir(self, path):
        prefix = f"{path.strip('/')}/" if path.strip("/") else ""
        mappen, bestanden = set(), []
        for naam in self._model().objects.filter(naam__startswith=prefix).values_list("naam", flat=True):
            rest = naam[len(prefix) :]
            if "/" in rest:
                mappen.add(rest.split("/", 1)[0])
            else:
                bestanden.append(rest)
        return sorted(mappen), sorted(bestanden)

    def get_modified_time(self, name) -> datetime:
        moment = self._model().objects.filter(naam=name).values_list("gewijzigd_op", flat=True).first()
        if moment is None:
            raise FileNotFoundError(name)
        return moment

    get_created_time = get_modified_time

    def url(self, name):
        raise NotImplementedError("Private files have no URL; serve them through a permission-checked view.")


def prive_opslag() -> DatabaseOpslag:
    from django.core.files.storage import storages

    return storages["prive"]
