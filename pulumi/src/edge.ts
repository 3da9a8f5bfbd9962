import {
  type KvNamespaceKey,
  kvNamespaceTitles,
  type Network,
  type WorkerName,
  type WorkerSyncEntry,
  workerSyncEntry,
  workerWiring,
} from "@mc-infra/config";
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { generatedSecret } from "./generated-secrets.ts";

export interface EdgeArgs {
  readonly network: Network;
  readonly accountId: string;
  readonly zoneId: string;
  readonly tunnelId: pulumi.Input<string>;
}

/** DNS for the Tunnel's hostnames, the Workers' KV namespaces, and the Workers' wiring. */
export class Edge extends pulumi.ComponentResource {
  readonly kvNamespaceIds: Record<KvNamespaceKey, pulumi.Output<string>>;
  readonly workers: pulumi.Output<Record<WorkerName, WorkerSyncEntry>>;
  /** Per Worker, the secrets to `wrangler secret put` (e.g. ADMIN_TOKEN), generated here. */
  readonly workerSecrets: Record<WorkerName, Record<string, pulumi.Output<string>>>;

  constructor(name: string, args: EdgeArgs, opts?: pulumi.ComponentResourceOptions) {
    super("mc-infra:edge:Edge", name, {}, opts);
    const { network, accountId, zoneId } = args;

    // Proxied: Access only guards hostnames whose traffic passes through Cloudflare.
    const tunnelHostnames = [
      network.edge.tunnelHostname,
      ...network.tunnel.httpRoutes.map((route) => route.hostname),
    ];
    for (const hostname of tunnelHostnames) {
      new cloudflare.DnsRecord(
        `${name}-${hostname}`,
        {
          zoneId,
          name: hostname,
          type: "CNAME",
          content: pulumi.interpolate`${args.tunnelId}.cfargotunnel.com`,
          proxied: true,
          ttl: 1,
          comment: `Cloudflare Tunnel of ${network.name} (managed by Pulumi)`,
        },
        { parent: this },
      );
    }

    const titles = kvNamespaceTitles(network);
    const namespace = (key: KvNamespaceKey) =>
      new cloudflare.WorkersKvNamespace(`${name}-${key}`, { accountId, title: titles[key] }, { parent: this })
        .id;
    this.kvNamespaceIds = {
      resourcePackIndex: namespace("resourcePackIndex"),
      statusCache: namespace("statusCache"),
    };

    const ids = pulumi.output(this.kvNamespaceIds);
    const wiring = workerWiring(network);
    this.workers = ids.apply((kvIds) => ({
      "resource-pack": workerSyncEntry(wiring["resource-pack"], kvIds),
      status: workerSyncEntry(wiring.status, kvIds),
    }));

    // One admin token per Worker: a leaked status token cannot replace the resource pack.
    const workerSecrets = (worker: WorkerName) =>
      Object.fromEntries(
        wiring[worker].secrets.map((secret) => [
          secret,
          generatedSecret(`${name}-${worker}-${secret.toLowerCase().replaceAll("_", "-")}`, this),
        ]),
      );
    this.workerSecrets = { "resource-pack": workerSecrets("resource-pack"), status: workerSecrets("status") };

    this.registerOutputs({ kvNamespaceIds: this.kvNamespaceIds, workers: this.workers });
  }
}
