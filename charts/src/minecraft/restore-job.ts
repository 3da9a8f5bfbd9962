import {
  clusterSecrets,
  type Network,
  type ServerSpec,
  standardLabels,
  worldClaimName,
} from "@mc-infra/config";
import { App, Chart } from "cdk8s";
import { k8s } from "cdk8s-plus-33";
import { Construct } from "constructs";
import type { ManifestObject } from "../lib/kinds.ts";
import { toYaml } from "../serialize.ts";
import { awayFromPaper, opsPodLabels, opsPodSpec } from "./ops-pod.ts";
import { DATA_DIR } from "./paper-server.ts";

export interface RestoreJobProps {
  readonly network: Network;
  readonly server: ServerSpec;
  /** `latest`, a backup id (20250102T030405Z) or an ISO time, as `pnpm restore --at` takes it. */
  readonly at: string;
}

/**
 * A one-off Job that restores a backup into a server's world volume, replacing what it holds
 * (`restore --force`: the old world is removed only after the download verified). Not part of
 * `pnpm synth`: `pnpm restore:job` renders it for `kubectl apply` during the runbook in the
 * README, with the server's StatefulSet scaled to 0.
 */
export class RestoreJob extends Construct {
  readonly name: string;

  constructor(scope: Construct, id: string, props: RestoreJobProps) {
    super(scope, id);
    const { network, server, at } = props;
    const component = {
      name: "world-restore",
      instance: `world-restore-${server.name}`,
      component: "backup",
    };
    this.name = `restore-${server.name}-${at.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`
      .slice(0, 63)
      .replace(/-+$/, "");
    new k8s.KubeJob(this, "job", {
      metadata: { name: this.name, labels: standardLabels(network, component) },
      spec: {
        backoffLimit: 0,
        activeDeadlineSeconds: 6 * 3600,
        // Kept a week so the operator can read its log after the fact.
        ttlSecondsAfterFinished: 7 * 86400,
        template: {
          metadata: { labels: opsPodLabels(network, component, false) },
          spec: opsPodSpec({
            network,
            name: "restore",
            args: ["restore", "--server", server.name, "--to", DATA_DIR, "--at", at, "--force"],
            storage: clusterSecrets(network).backupStorage,
            affinity: awayFromPaper(server),
            fsGroup: true,
            resources: { requestCpu: "500m", requestMemory: "256Mi", limitCpu: "2", limitMemory: "512Mi" },
            volumes: [{ name: "world", persistentVolumeClaim: { claimName: worldClaimName(server) } }],
            volumeMounts: [{ name: "world", mountPath: DATA_DIR }],
          }),
        },
      },
    });
  }
}

/** The restore Job for `server` as YAML, or an Error naming what is wrong with the request. */
export function renderRestoreJob(network: Network, serverName: string, at: string): string {
  const server = network.servers.find((candidate) => candidate.name === serverName);
  if (!server) {
    throw new Error(
      `no server "${serverName}" in the config; servers: ${network.servers.map((s) => s.name).join(", ")}`,
    );
  }
  if (at !== "latest" && !/^\d{8}T\d{6}Z$/.test(at) && Number.isNaN(Date.parse(at))) {
    throw new Error(`--at "${at}" is neither latest, a backup id such as 20250102T030405Z nor an ISO time`);
  }
  const chart = new Chart(new App(), "restore", { namespace: network.cluster.namespaces.minecraft });
  new RestoreJob(chart, "restore", { network, server, at });
  const [job] = chart.toJson() as ManifestObject[];
  return `# Restore ${server.name} to ${at}: apply only with its StatefulSet scaled to 0 (README runbook).\n${toYaml(job)}`;
}
