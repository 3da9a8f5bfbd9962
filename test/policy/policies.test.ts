import { describe, expect, it } from "vitest";
import { committedManifests } from "../support/rendered.ts";
import type { Manifest } from "../support/validate-manifest.ts";
import {
  noPlaintextSecrets,
  POLICIES,
  pinnedImages,
  probesOnLongRunning,
  requestsAndLimits,
  STANDARD_LABELS,
  standardLabels,
  violations,
} from "./policies.ts";

const labels = Object.fromEntries(STANDARD_LABELS.map((label) => [label, "x"]));
const resources = { requests: { cpu: "100m", memory: "64Mi" }, limits: { cpu: "1", memory: "64Mi" } };
const probe = { tcpSocket: { port: 25565 } };

function deployment(container: Record<string, unknown>, extra: Record<string, unknown> = {}): Manifest {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", labels },
    spec: { template: { spec: { containers: [{ name: "main", ...container }], ...extra } } },
  };
}

const good = {
  image: "itzg/mc-proxy:2025.10.1-java21",
  resources,
  readinessProbe: probe,
  livenessProbe: probe,
};

describe("policy: images are pinned", () => {
  it.each([
    ["untagged", "itzg/minecraft-server"],
    ["latest", "itzg/minecraft-server:latest"],
    ["latest with a registry port", "registry.local:5000/paper:latest"],
    ["untagged with a registry port", "registry.local:5000/paper"],
  ])("flags an %s image", (_, image) => {
    expect(pinnedImages(deployment({ ...good, image }))).toHaveLength(1);
  });

  it("accepts a tag, and a tag with a digest", () => {
    expect(pinnedImages(deployment(good))).toEqual([]);
    expect(
      pinnedImages(deployment({ ...good, image: `registry.local:5000/paper:1.0@sha256:${"a".repeat(64)}` })),
    ).toEqual([]);
  });
});

describe("policy: requests and limits", () => {
  it("flags a container without limits, and an init container without requests", () => {
    expect(requestsAndLimits(deployment({ ...good, resources: { requests: resources.requests } }))).toEqual([
      "container main: no cpu limits",
      "container main: no memory limits",
    ]);
    const withInit = deployment(good, {
      initContainers: [{ name: "init", image: "busybox:1.36", resources: { limits: resources.limits } }],
    });
    expect(requestsAndLimits(withInit)).toEqual([
      "container init: no cpu requests",
      "container init: no memory requests",
    ]);
  });
});

describe("policy: probes", () => {
  it("flags a long-running container and a native sidecar without probes", () => {
    expect(probesOnLongRunning(deployment({ ...good, livenessProbe: undefined }))).toEqual([
      "container main: no livenessProbe",
    ]);
    const sidecar = deployment(good, {
      initContainers: [{ name: "sync", image: "a:1", restartPolicy: "Always" }],
    });
    expect(probesOnLongRunning(sidecar)).toEqual([
      "container sync: no readinessProbe",
      "container sync: no livenessProbe",
    ]);
  });

  it("does not ask a Job or a one-shot init container for probes", () => {
    const job: Manifest = {
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name: "backup", labels },
      spec: {
        jobTemplate: { spec: { template: { spec: { containers: [{ name: "backup", image: "a:1" }] } } } },
      },
    };
    expect(probesOnLongRunning(job)).toEqual([]);
    expect(
      probesOnLongRunning(deployment(good, { initContainers: [{ name: "init", image: "a:1" }] })),
    ).toEqual([]);
  });
});

describe("policy: standard labels", () => {
  it("names each missing app.kubernetes.io label", () => {
    const manifest: Manifest = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "x", labels: { "app.kubernetes.io/name": "x" } },
    };
    expect(standardLabels(manifest)).toHaveLength(4);
  });
});

describe("policy: no plaintext secrets", () => {
  const configMap = (data: Record<string, string>): Manifest => ({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "c", labels },
    data,
  });

  it("flags a Secret with data", () => {
    const secret: Manifest = {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "s", labels },
      stringData: { password: "x" },
    };
    expect(noPlaintextSecrets(secret)).toHaveLength(1);
  });

  it("flags a literal value on a secret-named env var, but not a secretKeyRef or a file path", () => {
    const env = [
      { name: "RCON_PASSWORD", value: "hunter2" },
      {
        name: "VELOCITY_FORWARDING_SECRET",
        valueFrom: { secretKeyRef: { name: "velocity-forwarding", key: "secret" } },
      },
      { name: "RCON_PASSWORD_FILE", value: "/run/secrets/rcon/password" },
    ];
    expect(noPlaintextSecrets(deployment({ ...good, env }))).toEqual([
      "container main: env RCON_PASSWORD has a literal value; use valueFrom.secretKeyRef",
    ]);
  });

  it.each([
    ["an AWS key", "key = AKIAIOSFODNN7EXAMPLE"],
    ["a tunnel token", "token: eyJhIjoiNWFiNGU5ZjQ4YjQ4In0sInQiOiJmYWtlIn0"],
    ["a PEM key", "-----BEGIN OPENSSH PRIVATE KEY-----"],
    ["a webhook URL", "https://discord.com/api/webhooks/123456/abcdefABCDEF"],
    ["credentials in a URL", "https://git:ghp_token@github.com/example/skript.git"],
    ["a random base64 key", "forwarding-secret = q8Zr1vXK0pL3mN7bT2wY9cF5hJ4gD6sA+eR/uI0o"],
  ])("flags %s in any string", (_, text) => {
    expect(noPlaintextSecrets(configMap({ "velocity.toml": text })).length).toBeGreaterThan(0);
  });

  it("passes ordinary config, names and image digests", () => {
    const text = `bind = "0.0.0.0:25577"\nmotd = "<green>craftnet</green>"\nimage: a@sha256:${"0123456789abcdef".repeat(4)}\nname: minecraft-worlds-longhorn-best-effort-replicas`;
    expect(noPlaintextSecrets(configMap({ "velocity.toml": text }))).toEqual([]);
  });
});

describe("the committed rendered output", () => {
  const manifests = committedManifests().map((file) => file.manifest);

  it("is not empty", () => {
    expect(manifests.length).toBeGreaterThan(0);
  });

  for (const [name, policy] of Object.entries(POLICIES)) {
    it(`obeys: ${name}`, () => {
      expect(violations(policy, manifests)).toEqual([]);
    });
  }
});
