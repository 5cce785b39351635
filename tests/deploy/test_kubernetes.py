"""The Kubernetes manifests (deploy/kubernetes), checked offline: every overlay renders with Kustomize
(kubectl's built-in), every object of a built-in kind validates against the Kubernetes schemas
(kubernetes-validate, strict: no unknown fields), the CloudNativePG Cluster is checked structurally, and
the architecture the README describes holds: probes on the health endpoints, one worker Deployment per
Celery queue (the queues of the settings), exactly one beat, migrations as a Job with the owner's
secret, no secret in a manifest, resources everywhere, and only web and workers reach PostgreSQL and
Redis."""

import shutil
import subprocess
from pathlib import Path

import kubernetes_validate
import pytest
import yaml
from django.conf import settings

KUBERNETES = Path(settings.BASE_DIR) / "deploy" / "kubernetes"
OVERLAYS = sorted(p.name for p in (KUBERNETES / "overlays").iterdir())
VERSIE = "1.30.0"  # the oldest Kubernetes version we support; the fields used exist in all later ones
CRD_KINDS = {"Cluster"}


def render(overlay: str) -> list[dict]:
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.skip(
            "kubectl (with its built-in kustomize) is not installed; the files are validated one by one"
        )
    uitvoer = subprocess.run(  # noqa: S603
        [kubectl, "kustomize", str(KUBERNETES / "overlays" / overlay)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return [doc for doc in yaml.safe_load_all(uitvoer.stdout) if doc]


def bestanden() -> list[dict]:
    """Every object in every manifest file, without rendering (also when kubectl is absent)."""
    docs = []
    for pad in sorted(KUBERNETES.rglob("*.yaml")):
        if pad.name == "kustomization.yaml":
            continue
        docs += [doc for doc in yaml.safe_load_all(pad.read_text()) if doc]
    return docs


def soort(docs, kind, name=None) -> list[dict]:
    return [d for d in docs if d["kind"] == kind and (name is None or d["metadata"]["name"] == name)]


def een(docs, kind, name) -> dict:
    [doc] = soort(docs, kind, name)
    return doc


def pods(docs):
    """(object, pod template spec) of every workload."""
    for doc in docs:
        if doc["kind"] in {"Deployment", "StatefulSet", "Job"}:
            yield doc, doc["spec"]["template"]


@pytest.fixture(scope="module", params=OVERLAYS)
def gerenderd(request):
    return render(request.param)


def test_every_file_validates_against_the_kubernetes_schemas():
    docs = bestanden()
    assert len(docs) > 20
    for doc in docs:
        if doc["kind"] in CRD_KINDS:
            continue
        kubernetes_validate.validate(doc, VERSIE, strict=True)


def test_every_rendered_overlay_validates_against_the_kubernetes_schemas(gerenderd):
    for doc in gerenderd:
        if doc["kind"] in CRD_KINDS:
            continue
        kubernetes_validate.validate(doc, VERSIE, strict=True)
    assert {d["metadata"].get("namespace") for d in gerenderd} <= {
        "babythuiszorg",
        "babythuiszorg-acceptatie",
    }


def test_the_cloudnativepg_cluster_is_highly_available_and_well_formed(gerenderd):
    cluster = een(gerenderd, "Cluster", "bz-db")
    assert cluster["apiVersion"] == "postgresql.cnpg.io/v1"
    spec = cluster["spec"]
    assert set(spec) <= {
        "instances", "imageName", "primaryUpdateStrategy", "minSyncReplicas", "maxSyncReplicas",
        "enableSuperuserAccess", "superuserSecret", "bootstrap", "managed", "postgresql", "storage",
        "walStorage", "resources", "affinity", "monitoring", "backup",
    }  # fmt: skip
    assert spec["instances"] >= 2
    assert spec["minSyncReplicas"] <= spec["maxSyncReplicas"] < spec["instances"]
    assert spec["bootstrap"]["initdb"]["owner"] == settings.DATABASE_ROL_EIGENAAR
    assert [r["name"] for r in spec["managed"]["roles"]] == [settings.DATABASE_ROL_APP]
    assert spec["postgresql"]["parameters"]["jit"] == "off"
    assert spec["storage"]["size"].endswith("Gi")
    assert all(isinstance(v, str) for v in spec["postgresql"]["parameters"].values())


def test_web_has_probes_on_the_health_endpoints_resources_an_autoscaler_and_a_disruption_budget(gerenderd):
    web = een(gerenderd, "Deployment", "bz-web")
    [container] = web["spec"]["template"]["spec"]["containers"]
    assert container["readinessProbe"]["httpGet"]["path"] == "/gezondheid/gereed/"
    assert container["livenessProbe"]["httpGet"]["path"] == "/gezondheid/leeft/"
    hosts = {h["value"] for h in container["readinessProbe"]["httpGet"]["httpHeaders"] if h["name"] == "Host"}
    toegestaan = een(gerenderd, "ConfigMap", "bz-config")["data"]["DJANGO_ALLOWED_HOSTS"].split(",")
    assert hosts <= set(toegestaan)  # or the probe gets a 400 (DisallowedHost)
    hpa = een(gerenderd, "HorizontalPodAutoscaler", "bz-web")
    assert hpa["spec"]["scaleTargetRef"]["name"] == "bz-web"
    pdb = een(gerenderd, "PodDisruptionBudget", "bz-web")
    assert pdb["spec"]["minAvailable"] < hpa["spec"]["minReplicas"]  # a node drain can always proceed
    assert (
        pdb["spec"]["selector"]["matchLabels"].items()
        <= web["spec"]["template"]["metadata"]["labels"].items()
    )
    # Users reach port 8000 only; the metrics port is not in the Service.
    service = een(gerenderd, "Service", "bz-web")
    assert [p["targetPort"] for p in service["spec"]["ports"]] == ["http"]


def test_one_worker_deployment_per_celery_queue_and_exactly_one_beat(gerenderd):
    wachtrijen = {}
    for doc, template in pods(gerenderd):
        for container in template["spec"]["containers"]:
            commando = container.get("command", [])
            if commando[:4] == ["celery", "-A", "config", "worker"]:
                [q] = [a.split("=", 1)[1] for a in commando if a.startswith("--queues=")]
                wachtrijen[doc["metadata"]["name"]] = q
    assert sorted(wachtrijen.values()) == sorted(["celery", "rapporten"])  # each queue its own Deployment
    configmap = een(gerenderd, "ConfigMap", "bz-config")["data"]
    assert set(wachtrijen.values()) == {configmap["CELERY_WACHTRIJ"], configmap["CELERY_WACHTRIJ_RAPPORTEN"]}
    assert wachtrijen["bz-worker-rapporten"] == configmap["CELERY_WACHTRIJ_RAPPORTEN"]
    assert soort(gerenderd, "HorizontalPodAutoscaler", "bz-worker-rapporten")
    beats = [
        doc
        for doc, template in pods(gerenderd)
        if any(
            c.get("command", [])[:4] == ["celery", "-A", "config", "beat"]
            for c in template["spec"]["containers"]
        )
    ]
    assert [b["metadata"]["name"] for b in beats] == ["bz-beat"]
    assert beats[0]["spec"]["replicas"] == 1
    assert beats[0]["spec"]["strategy"]["type"] == "Recreate"  # never two during a rollout
    assert not [
        h
        for h in soort(gerenderd, "HorizontalPodAutoscaler")
        if h["spec"]["scaleTargetRef"]["name"] == "bz-beat"
    ]


def test_migrations_run_as_a_job_with_the_owner_role_and_only_it_gets_the_owners_secret(gerenderd):
    job = een(gerenderd, "Job", "bz-migrate")
    [container] = job["spec"]["template"]["spec"]["containers"]
    assert container["command"] == ["scripts/migrate"]
    assert job["spec"]["template"]["spec"]["restartPolicy"] == "Never"
    geheimen = {e["valueFrom"]["secretKeyRef"]["name"] for e in container.get("env", []) if "valueFrom" in e}
    assert geheimen == {"bz-migrate-secrets"}
    for doc, template in pods(gerenderd):
        if doc["kind"] == "Job":
            continue
        assert "bz-migrate-secrets" not in str(template), doc["metadata"]["name"]


def test_no_secret_values_in_the_manifests_and_configuration_from_configmap_and_secrets(gerenderd):
    assert not soort(gerenderd, "Secret")
    configmap = een(gerenderd, "ConfigMap", "bz-config")["data"]
    for sleutel in configmap:
        assert not any(w in sleutel for w in ("SECRET", "PASSWORD", "WACHTWOORD", "KEY", "SALT")), sleutel
    assert "DATABASE_URL" not in configmap
    assert "CELERY_BROKER_URL" not in configmap
    for doc, template in pods(gerenderd):
        for container in template["spec"]["containers"]:
            if container["image"].startswith("registry.example.nl/babythuiszorg/app"):
                bronnen = container.get("envFrom", [])
                assert {"configMapRef": {"name": "bz-config"}} in bronnen, doc["metadata"]["name"]
                assert {"secretRef": {"name": "bz-secrets"}} in bronnen, doc["metadata"]["name"]


def test_every_container_has_resources_and_runs_without_root(gerenderd):
    for doc, template in pods(gerenderd):
        spec = template["spec"]
        assert spec["securityContext"]["runAsNonRoot"] is True, doc["metadata"]["name"]
        for container in spec["containers"]:
            assert container["resources"]["requests"]["memory"], doc["metadata"]["name"]
            assert container["resources"]["limits"]["memory"], doc["metadata"]["name"]
            assert container["securityContext"]["allowPrivilegeEscalation"] is False
            assert container["securityContext"]["readOnlyRootFilesystem"] is True


def test_only_web_and_workers_reach_the_database_and_redis(gerenderd):
    beleid = {n["metadata"]["name"]: n["spec"] for n in soort(gerenderd, "NetworkPolicy")}
    assert beleid["bz-standaard-geen-toegang"] == {"podSelector": {}, "policyTypes": ["Ingress"]}
    toegang = {
        "bz-database": ("bz/database-toegang", 5432),
        "bz-redis": ("bz/redis-toegang", 6379),
    }
    for naam, (label, poort) in toegang.items():
        regels = [r for r in beleid[naam]["ingress"] if any(p["port"] == poort for p in r["ports"])]
        for regel in regels:
            for bron in regel["from"]:
                # A pod label of ours, the database's own instances, or the operator's namespace.
                assert bron.get("podSelector", {}).get("matchLabels", {}).keys() <= {label, "cnpg.io/cluster"}
                if "namespaceSelector" in bron:
                    assert bron["namespaceSelector"]["matchLabels"] == {
                        "kubernetes.io/metadata.name": "cnpg-system"
                    }
    met_toegang = {
        label: sorted(
            doc["metadata"]["name"]
            for doc, template in pods(gerenderd)
            if template["metadata"]["labels"].get(label) == "ja"
        )
        for label in ("bz/database-toegang", "bz/redis-toegang")
    }
    assert met_toegang["bz/database-toegang"] == [
        "bz-migrate",
        "bz-web",
        "bz-worker-kort",
        "bz-worker-rapporten",
    ]
    assert met_toegang["bz/redis-toegang"] == [
        "bz-beat", "bz-celery-exporter", "bz-web", "bz-worker-kort", "bz-worker-rapporten",
    ]  # fmt: skip
    # Users reach the web's port 8000 through the ingress controller only; metrics from monitoring only.
    poorten = {p["port"] for r in beleid["bz-web"]["ingress"] for p in r["ports"]}
    assert poorten == {8000, 9100}


def test_the_web_command_and_the_probes_match_the_application():
    """The gunicorn config the Deployment names exists, and the probe paths are the health URLs."""
    from django.urls import reverse

    assert (Path(settings.BASE_DIR) / "config" / "gunicorn.py").is_file()
    assert reverse("core:gezondheid_gereed") == "/gezondheid/gereed/"
    assert reverse("core:gezondheid_leeft") == "/gezondheid/leeft/"
