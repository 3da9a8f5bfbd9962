import * as z from "zod";
import { dnsLabel, ipv4 } from "./primitives.ts";

/** `192.168.1.240-192.168.1.250` or `192.168.1.240/28`: the two forms MetalLB's IPAddressPool takes. */
const addressRange = z
  .string()
  .regex(
    /^(\d{1,3}\.){3}\d{1,3}(-(\d{1,3}\.){3}\d{1,3}|\/([0-9]|[12][0-9]|3[0-2]))$/,
    "must be an IPv4 range a.b.c.d-e.f.g.h or a CIDR a.b.c.d/nn",
  );

export const clusterSchema = z.strictObject({
  /** Namespaces, one per ArgoCD application that owns workloads. */
  namespaces: z.strictObject({
    minecraft: dnsLabel.default("minecraft"),
    cloudflared: dnsLabel.default("cloudflared"),
    metallb: dnsLabel.default("metallb-system"),
    longhorn: dnsLabel.default("longhorn-system"),
    monitoring: dnsLabel.default("monitoring"),
  }),
  metallb: z.strictObject({
    /** Addresses MetalLB may hand out on the LAN. */
    addresses: z.array(addressRange).min(1, "needs at least one range"),
    /** The LoadBalancer IP of the Velocity Service; must lie inside `addresses`. */
    proxyVip: ipv4,
  }),
  longhorn: z.strictObject({
    storageClassName: dnsLabel.default("minecraft-worlds"),
    /**
     * The class of volumes that are not worlds (monitoring, the verify's scratch restore): deleted
     * with their claims and never in the worlds' snapshot and backup jobs.
     * @default "minecraft-scratch"
     */
    scratchStorageClassName: dnsLabel.default("minecraft-scratch"),
    /** Replicas per volume; more than the node count leaves volumes degraded. */
    replicaCount: z.number().int().min(1).max(5),
    /** @default "best-effort" keeps one replica on the node running the pod: fast local reads. */
    dataLocality: z.enum(["disabled", "best-effort", "strict-local"]).default("best-effort"),
  }),
  /** CIDR of the home LAN, allowed to reach Velocity directly (players at home, monitoring). */
  lanCidr: z
    .string()
    .regex(
      /^(\d{1,3}\.){3}\d{1,3}\/([0-9]|[12][0-9]|3[0-2])$/,
      "must be an IPv4 CIDR such as 192.168.1.0/24",
    ),
});
