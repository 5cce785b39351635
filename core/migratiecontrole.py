"""Zero-downtime migrations (README "Productie op Kubernetes" → Upgraden): during a rolling upgrade the
previous version keeps running against the migrated database, so a migration may only *expand* (add what
the old code does not see or can live with); the *contract* step (remove or rename what the old code
still uses) comes in a later release, when no old pod runs any more.

``problemen()`` checks every migration added after the baseline (the migrations that existed when this
rule was introduced, issue 14) and names each operation that would break the running previous version:

- removing or renaming a model, field or table (RemoveField, DeleteModel, RenameField, RenameModel,
  AlterModelTable): the old code still reads and writes it;
- a new NOT NULL column without a database default (AddField without ``null=True`` or ``db_default``):
  the old code's INSERTs leave it out and fail; a Python-side ``default`` does not help them;
- a column made NOT NULL (AlterField from null=True): the old code may still write NULL;
- a new index built with a lock on writes (AddIndex): use AddIndexConcurrently in a non-atomic migration;
- raw SQL that drops, renames, changes a column's type or makes it NOT NULL.

A contract migration in a later release says so explicitly with a class attribute
``stilstandvrij = "why this is safe now"`` (for instance: the field has not been used since release X).
"""

import re

from django.db import migrations
from django.db.migrations.loader import MigrationLoader

# The last migration per app when the rule was introduced: these and older are not checked.
BASISLIJN = {
    "accounts": "0003",
    "bewaring": "0001",
    "core": "0006",
    "herinneringen": "0001",
    "indicaties": "0006",
    "ketenpartners": "0005",
    "rapportage": "0002",
    "trajecten": "0013",
}

ONVEILIGE_OPERATIES = {
    migrations.RemoveField: "removes a column the previous version still uses (contract in a later release)",
    migrations.DeleteModel: "removes a table the previous version still uses (contract in a later release)",
    migrations.RenameField: "renames a column the previous version still uses (add, copy, remove later)",
    migrations.RenameModel: "renames a table the previous version still uses (add, copy, remove later)",
    migrations.AlterModelTable: "renames a table the previous version still uses",
    migrations.AddIndex: "builds an index while blocking writes: use AddIndexConcurrently (atomic = False)",
}
ONVEILIGE_SQL = re.compile(
    r"\b(DROP\s+(TABLE|COLUMN)|RENAME\s|ALTER\s+COLUMN\s+\S+\s+(SET\s+DATA\s+)?TYPE\b|SET\s+NOT\s+NULL)",
    re.IGNORECASE,
)


def _na_basislijn(app: str, naam: str) -> bool:
    if app not in BASISLIJN:
        return False  # third-party apps: their upgrades are reviewed on their own
    return naam[:4].isdigit() and naam[:4] > BASISLIJN[app]


def _sql_teksten(operatie) -> list[str]:
    sql = operatie.sql
    if isinstance(sql, str):
        return [sql]
    return [s if isinstance(s, str) else s[0] for s in sql]


def operatie_problemen(operatie, oud_veld=None) -> list[str]:
    """What is unsafe about one operation; ``oud_veld`` is the field before an AlterField."""
    for soort, uitleg in ONVEILIGE_OPERATIES.items():
        if type(operatie) is soort:
            return [f"{soort.__name__}: {uitleg}"]
    if isinstance(operatie, migrations.AddField):
        veld = operatie.field
        if not veld.many_to_many and not veld.null and not veld.has_db_default():
            return [
                f"AddField {operatie.name}: NOT NULL without db_default; the previous version's INSERTs fail "
                "(give it db_default=… or null=True)"
            ]
    if isinstance(operatie, migrations.AlterField) and oud_veld is not None:
        if oud_veld.null and not operatie.field.null:
            return [f"AlterField {operatie.name}: made NOT NULL while the previous version may write NULL"]
    if isinstance(operatie, migrations.RunSQL):
        for tekst in _sql_teksten(operatie):
            if gevonden := ONVEILIGE_SQL.search(tekst):
                return [f"RunSQL: {gevonden.group(0).strip()} breaks the previous version"]
    return []


def problemen(loader: MigrationLoader | None = None) -> list[str]:
    loader = loader or MigrationLoader(None, ignore_no_migrations=True)
    gevonden = []
    for (app, naam), migratie in sorted(loader.disk_migrations.items()):
        if not _na_basislijn(app, naam) or getattr(migratie, "stilstandvrij", ""):
            continue
        staat = loader.project_state((app, naam), at_end=False)
        for operatie in migratie.operations:
            oud_veld = None
            if isinstance(operatie, migrations.AlterField):
                model = staat.models.get((app, operatie.model_name_lower))
                oud_veld = model.fields.get(operatie.name) if model else None
            gevonden += [f"{app}.{naam}: {p}" for p in operatie_problemen(operatie, oud_veld)]
            operatie.state_forwards(app, staat)
    return gevonden
