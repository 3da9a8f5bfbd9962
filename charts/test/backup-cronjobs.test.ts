import { join } from "node:path";
import {
  backupMetricsUrl,
  clusterSecrets,
  loadNetwork,
  type Network,
  OPS_POD_LABEL,
  PORTS,
  paperService,
  worldClaimName,
} from "@mc-infra/config";
import { CronJob } from "kubernetes-models/batch/v1/CronJob";
import { Job } from "kubernetes-models/batch/v1/Job";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { ManifestObject } from "../src/lib/kinds.ts";
import { renderRestoreJob } from "../src/minecraft/restore-job.ts";
import { renderNetwork } from "../src/render.ts";

const CONFIG = join(import.meta.dirname, "../../network.config.ts");

type Pod = {
  metadata: { labels: Record<string, string> };
  spec: {
    affinity?: Record<string, { requiredDuringSchedulingIgnoredDuringExecution: unknown[] }>;
    securityContext: Record<string, unknown>;
    automountServiceAccountToken: boolean;
    containers: {
      image: string;
      args: string[];
      env: { name: string; valueFrom: { secretKeyRef: { name: string; key: string } } }[];
      resources: { limits: Record<string, string>; requests: Record<string, string> };
      securityContext: Record<string, unknown>;
      volumeMounts: { name: string; mountPath: string; readOnly?: boolean; subPath?: string }[];
    }[];
    volumes: { name: string; persistentVolumeClaim?: { claimName: string; readOnly?: boolean } }[];
  };
};

describe("backup and log CronJobs", () => {
  let network: Network;
  let cronJobs: Map<string, ManifestObject>;
  const pod = (name: string) =>
    (cronJobs.get(name)!.spec as { jobTemplate: { spec: { template: Pod } } }).jobTemplate.spec.template;
  const jobSpec = (name: string) =>
    (cronJobs.get(name)!.spec as { jobTemplate: { spec: Record<string, unknown> } }).jobTemplate.spec;

  beforeAll(async () => {
    network = await loadNetwork({ configFile: CONFIG });
    const tree = renderNetwork(network, {
      configFile: "network.config.ts",
      environment: network.environment,
    });
    const objects = tree.objects.get("apps/minecraft") ?? [];
    cronJobs = new Map(objects.filter((o) => o.kind === "CronJob").map((o) => [o.metadata.name, o]));
  });

  it("are valid Kubernetes CronJobs", () => {
    expect([...cronJobs.keys()].sort()).toEqual([
      "backup-lobby",
      "backup-prune",
      "backup-survival",
      "backup-verify",
      "logs-lobby",
      "logs-survival",
    ]);
    for (const object of cronJobs.values())
      expect(() => new CronJob(object as never).validate()).not.toThrow();
  });

  it("back up each server on the configured schedule, never two at once, and clean up after themselves", () => {
    for (const server of network.servers) {
      const spec = cronJobs.get(`backup-${server.name}`)!.spec as Record<string, unknown>;
      expect(spec).toMatchObject({
        schedule: network.backups.schedule,
        concurrencyPolicy: "Forbid",
        timeZone: "Etc/UTC",
      });
      expect(jobSpec(`backup-${server.name}`).ttlSecondsAfterFinished).toBeGreaterThan(0);
    }
    expect((cronJobs.get("backup-prune")!.spec as { schedule: string }).schedule).toBe(
      network.backups.pruneSchedule,
    );
    expect((cronJobs.get("backup-verify")!.spec as { schedule: string }).schedule).toBe(
      network.backups.verifySchedule,
    );
    expect((cronJobs.get("logs-lobby")!.spec as { schedule: string }).schedule).toBe(network.logs.schedule);
  });

  it("read the world volume read-only on the Paper pod's node, pausing saves over RCON from the Secret", () => {
    for (const server of network.servers) {
      const template = pod(`backup-${server.name}`);
      const [container] = template.spec.containers;
      expect(template.spec.volumes).toContainEqual({
        name: "world",
        persistentVolumeClaim: { claimName: worldClaimName(server), readOnly: true },
      });
      expect(container!.volumeMounts).toContainEqual({ name: "world", mountPath: "/data", readOnly: true });
      expect(template.spec.affinity!.podAffinity!.requiredDuringSchedulingIgnoredDuringExecution).toEqual([
        {
          labelSelector: { matchLabels: { "statefulset.kubernetes.io/pod-name": `${server.name}-0` } },
          topologyKey: "kubernetes.io/hostname",
        },
      ]);
      expect(container!.args).toEqual(
        expect.arrayContaining([
          "--rcon",
          `${paperService(network, server).host}:${PORTS.rcon}`,
          "--world",
          "/data",
        ]),
      );
      const metrics = container!.args.indexOf("--metrics-url");
      expect(container!.args[metrics + 1]).toBe(backupMetricsUrl(network, server));
      expect(template.metadata.labels[OPS_POD_LABEL.key]).toBe(OPS_POD_LABEL.value);
      const secrets = clusterSecrets(network);
      expect(container!.env).toContainEqual({
        name: "RCON_PASSWORD",
        valueFrom: { secretKeyRef: { name: secrets.rcon.name, key: "password" } },
      });
      for (const key of secrets.backupStorage.keys) {
        expect(container!.env).toContainEqual({
          name: key,
          valueFrom: { secretKeyRef: { name: secrets.backupStorage.name, key } },
        });
      }
    }
  });

  it("let every ops pod out to R2 over HTTPS, and only the backup pods to the Pushgateway", async () => {
    const tree = renderNetwork(network, { configFile: CONFIG, environment: network.environment });
    const policies = new Map(
      (tree.objects.get("apps/minecraft") ?? [])
        .filter((o) => o.kind === "NetworkPolicy")
        .map((o) => [o.metadata.name, o.spec as { podSelector: { matchLabels: Record<string, string> } }]),
    );
    const storage = policies.get("ops-object-storage")!;
    for (const name of cronJobs.keys()) {
      const labels = pod(name).metadata.labels;
      for (const [key, value] of Object.entries(storage.podSelector.matchLabels))
        expect(labels[key]).toBe(value);
    }
    expect(policies.get("ops-pushgateway")!.podSelector.matchLabels).toEqual({
      [OPS_POD_LABEL.key]: OPS_POD_LABEL.value,
    });
  });

  it("only the backup pods may speak RCON", () => {
    const labelled = [...cronJobs.keys()].filter((name) => pod(name).metadata.labels[OPS_POD_LABEL.key]);
    expect(labelled.sort()).toEqual(network.servers.map((server) => `backup-${server.name}`).sort());
  });

  it("run non-root under the restricted Pod Security profile, with resource limits", () => {
    for (const name of cronJobs.keys()) {
      const { spec } = pod(name);
      expect(spec.automountServiceAccountToken).toBe(false);
      expect(spec.securityContext).toMatchObject({
        runAsNonRoot: true,
        seccompProfile: { type: "RuntimeDefault" },
      });
      expect(spec.securityContext.runAsUser).not.toBe(0);
      for (const container of spec.containers) {
        expect(container.image).toBe(network.ops.image);
        expect(container.securityContext).toEqual({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ["ALL"] },
        });
        expect(Object.keys(container.resources.limits).sort()).toEqual(["cpu", "memory"]);
      }
    }
  });

  it("prune with the configured retention and verify every server", () => {
    const prune = pod("backup-prune").spec.containers[0]!.args;
    expect(prune).toEqual(
      expect.arrayContaining(["backup:prune", "--keep-days", String(network.backups.retentionDays)]),
    );
    const verify = pod("backup-verify").spec.containers[0]!.args;
    for (const server of network.servers) {
      expect(prune).toEqual(expect.arrayContaining(["--server", server.name]));
      expect(verify).toEqual(expect.arrayContaining(["--server", server.name]));
    }
  });

  it("ship logs from each server's logs folder, beside its Paper pod, with the logs bucket's credentials", () => {
    for (const server of network.servers) {
      const template = pod(`logs-${server.name}`);
      const [container] = template.spec.containers;
      expect(container!.volumeMounts).toContainEqual({ name: "world", mountPath: "/data" });
      expect(container!.args).toEqual(["logs:ship", "--server", server.name, "--logs", "/data/logs"]);
      expect(template.spec.affinity!.podAffinity).toBeDefined();
      expect(container!.env.map((env) => env.valueFrom.secretKeyRef.name)).toEqual(
        clusterSecrets(network).logStorage.keys.map(() => clusterSecrets(network).logStorage.name),
      );
    }
  });
});

describe("pnpm restore:job", () => {
  it("renders a valid one-off Job that restores into the world volume, never beside a running Paper pod", async () => {
    const network = await loadNetwork({ configFile: CONFIG });
    const yaml = renderRestoreJob(network, "survival", "20250102T030405Z");
    const job = parse(yaml) as ManifestObject & { spec: { template: Pod } };
    expect(() => new Job(job as never).validate()).not.toThrow();
    expect(job.metadata).toMatchObject({ name: "restore-survival-20250102t030405z", namespace: "minecraft" });
    const { spec } = job.spec.template;
    expect(spec.containers[0]!.args).toEqual([
      "restore",
      "--server",
      "survival",
      "--to",
      "/data",
      "--at",
      "20250102T030405Z",
      "--force",
    ]);
    expect(spec.volumes).toContainEqual({
      name: "world",
      persistentVolumeClaim: { claimName: "world-survival-0" },
    });
    expect(spec.affinity!.podAntiAffinity).toBeDefined();
    expect(yaml).not.toMatch(/password|secretAccessKey/i);
  });

  it("refuses an unknown server or timestamp", async () => {
    const network = await loadNetwork({ configFile: CONFIG });
    expect(() => renderRestoreJob(network, "nether", "latest")).toThrow(/no server "nether"/);
    expect(() => renderRestoreJob(network, "survival", "yesterday-ish")).toThrow(/neither latest/);
  });
});
