import * as z from "zod";
import { checkNetwork } from "../semantic.ts";
import { clusterSchema } from "./cluster.ts";
import { edgeSchema, ingressNodesSchema } from "./edge.ts";
import { monitoringSchema } from "./monitoring.ts";
import { alertsSchema, argocdSchema, backupsSchema, logsSchema, skriptSchema } from "./operations.ts";
import { opsSchema } from "./ops.ts";
import { dnsLabel, hostname } from "./primitives.ts";
import { proxySchema } from "./proxy.ts";
import { resourcePackSchema } from "./resource-pack.ts";
import { serversSchema } from "./server.ts";
import { tunnelSchema } from "./tunnel.ts";

export const networkShape = z.strictObject({
  /** Short name of the network; prefixes Cloudflare resources so two networks in one account never collide. */
  name: dnsLabel,
  /** The Cloudflare zone every public hostname lives under. */
  domain: hostname,
  cluster: clusterSchema,
  proxy: proxySchema,
  servers: serversSchema,
  skript: skriptSchema,
  edge: edgeSchema,
  ingressNodes: ingressNodesSchema,
  tunnel: tunnelSchema.default(() => tunnelSchema.parse({})),
  backups: backupsSchema.default(() => backupsSchema.parse({})),
  logs: logsSchema.default(() => logsSchema.parse({})),
  alerts: alertsSchema.default(() => alertsSchema.parse({})),
  monitoring: monitoringSchema.default(() => monitoringSchema.parse({})),
  argocd: argocdSchema,
  resourcePack: resourcePackSchema.default(() => resourcePackSchema.parse({})),
  ops: opsSchema.default(() => opsSchema.parse({})),
});

/** The schema with the cross-field rules (VIP in range, heap vs limit, hostnames under the domain, …). */
export const networkSchema = networkShape.superRefine(checkNetwork, { when: () => true });

/** What the operator writes: defaults may be left out. */
export type NetworkInput = z.input<typeof networkShape>;
/** What every renderer reads: defaults filled in, everything checked. */
export type NetworkSpec = z.output<typeof networkShape>;
export type ServerSpec = NetworkSpec["servers"][number];
