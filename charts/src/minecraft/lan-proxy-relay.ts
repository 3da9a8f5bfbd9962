import { IMAGES, type Network, PORTS } from "@mc-infra/config";
import { k8s } from "cdk8s-plus-33";
import { Construct } from "constructs";
import { contentHash } from "../lib/content-hash.ts";
import { restrictedContainerSecurityContext } from "../lib/pod-security.ts";
import { resources } from "../lib/resources.ts";
import { velocityLabels } from "./labels.ts";

/** The relay's own HTTP endpoint, answered by HAProxy itself: probing the game port would log a fake player. */
export const RELAY_HEALTH_PORT = 8404;
const CONFIG_DIR = "/usr/local/etc/haproxy";

/**
 * haproxy.cfg: accept LAN players on the VIP's port and hand each connection to Velocity on
 * localhost with a PROXY v2 header carrying the player's address (the Service keeps it with
 * `externalTrafficPolicy: Local`).
 */
export function relayConfig(): string {
  return [
    "global",
    "  log stdout format raw local0 notice",
    "",
    "defaults",
    "  mode tcp",
    "  log global",
    "  timeout connect 5s",
    // Minecraft sends a keep-alive every 15 s; two minutes of silence is a dead connection.
    "  timeout client 2m",
    "  timeout server 2m",
    "",
    "frontend health",
    "  mode http",
    `  bind :${RELAY_HEALTH_PORT}`,
    "  monitor-uri /healthz",
    "",
    "frontend lan",
    `  bind :${PORTS.velocityLan}`,
    "  default_backend velocity",
    "",
    "backend velocity",
    `  server velocity 127.0.0.1:${PORTS.velocity} send-proxy-v2`,
    "",
  ].join("\n");
}

export interface LanProxyRelayProps {
  readonly network: Network;
}

/**
 * The LAN path into a Velocity that requires PROXY headers (`proxy.proxyProtocol`). Players on the
 * tunnel path arrive with the relay's header already; players at home dial the MetalLB VIP directly
 * and have none, so this HAProxy sidecar adds it. See docs/adr/0006-proxy-protocol-and-lan-players.md.
 */
export class LanProxyRelay extends Construct {
  readonly configMapName = "velocity-lan-relay";
  readonly hash: string;
  readonly container: k8s.Container;
  readonly volume: k8s.Volume;

  constructor(scope: Construct, id: string, props: LanProxyRelayProps) {
    super(scope, id);
    const config = relayConfig();
    this.hash = contentHash(config);
    new k8s.KubeConfigMap(this, "config-map", {
      metadata: { name: this.configMapName, labels: velocityLabels(props.network) },
      data: { "haproxy.cfg": config },
    });
    this.volume = { name: "lan-relay-config", configMap: { name: this.configMapName } };
    const health = { path: "/healthz", port: k8s.IntOrString.fromString("relay-health") };
    this.container = {
      name: "lan-relay",
      image: IMAGES.haproxy,
      ports: [
        { name: "lan", containerPort: PORTS.velocityLan, protocol: "TCP" },
        { name: "relay-health", containerPort: RELAY_HEALTH_PORT, protocol: "TCP" },
      ],
      resources: resources({
        cpu: { request: "25m", limit: "500m" },
        memory: { request: "32Mi", limit: "128Mi" },
      }),
      readinessProbe: { httpGet: health, periodSeconds: 10, failureThreshold: 3 },
      livenessProbe: { httpGet: health, periodSeconds: 20, failureThreshold: 3 },
      securityContext: restrictedContainerSecurityContext(),
      volumeMounts: [{ name: this.volume.name, mountPath: CONFIG_DIR, readOnly: true }],
    };
  }
}
