import { clusterSecrets, IMAGES, type Network, standardLabels } from "@mc-infra/config";
import { k8s } from "cdk8s-plus-33";
import { Construct } from "constructs";
import { spreadAcrossNodes } from "../lib/affinity.ts";
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from "../lib/pod-security.ts";
import { resources } from "../lib/resources.ts";
import { CLOUDFLARED_SELECTOR } from "./labels.ts";

/** cloudflared's metrics server: `/ready` answers 200 once the connector holds a connection to the edge. */
export const CLOUDFLARED_METRICS_PORT = 2000;
/** The image's `nonroot` user (distroless). */
const CLOUDFLARED_USER = { user: 65532, group: 65532 };

export interface CloudflaredTunnelProps {
  readonly network: Network;
  /** @default 2: one connector can restart or move while the other carries the tunnel. */
  readonly replicas?: number;
}

/**
 * The tunnel connector: a remotely-managed tunnel (its ingress rules live at Cloudflare, set by
 * Pulumi), so the pod needs nothing but the token. Each replica opens its own connections to the
 * edge; Cloudflare spreads the players over them.
 */
export class CloudflaredTunnel extends Construct {
  constructor(scope: Construct, id: string, props: CloudflaredTunnelProps) {
    super(scope, id);
    const { network } = props;
    const replicas = props.replicas ?? 2;
    const version = IMAGES.cloudflared.split(":")[1];
    const labels = standardLabels(network, {
      name: "cloudflared",
      instance: "cloudflared",
      component: "tunnel-connector",
      ...(version ? { version } : {}),
    });
    const token = clusterSecrets(network).tunnelToken;
    const ready: k8s.Probe = {
      httpGet: { path: "/ready", port: k8s.IntOrString.fromString("metrics") },
      periodSeconds: 10,
    };

    new k8s.KubeDeployment(this, "deployment", {
      metadata: { name: "cloudflared", labels },
      spec: {
        replicas,
        selector: { matchLabels: { ...CLOUDFLARED_SELECTOR } },
        strategy: {
          type: "RollingUpdate",
          rollingUpdate: {
            maxSurge: k8s.IntOrString.fromNumber(1),
            maxUnavailable: k8s.IntOrString.fromNumber(0),
          },
        },
        template: {
          metadata: { labels },
          spec: {
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: restrictedPodSecurityContext(CLOUDFLARED_USER),
            affinity: spreadAcrossNodes(CLOUDFLARED_SELECTOR),
            containers: [
              {
                name: "cloudflared",
                image: IMAGES.cloudflared,
                args: [
                  "tunnel",
                  // The image tag is the version; an in-place self-update would defeat the pin.
                  "--no-autoupdate",
                  "--metrics",
                  `0.0.0.0:${CLOUDFLARED_METRICS_PORT}`,
                  "run",
                ],
                env: [
                  {
                    name: "TUNNEL_TOKEN",
                    valueFrom: { secretKeyRef: { name: token.name, key: token.keys[0]! } },
                  },
                ],
                ports: [{ name: "metrics", containerPort: CLOUDFLARED_METRICS_PORT, protocol: "TCP" }],
                resources: resources({
                  cpu: { request: "50m", limit: "500m" },
                  memory: { request: "64Mi", limit: "256Mi" },
                }),
                readinessProbe: { ...ready, failureThreshold: 3 },
                // A connector that has lost the edge for a minute is restarted: a fresh one reconnects.
                livenessProbe: { ...ready, initialDelaySeconds: 10, failureThreshold: 6 },
                securityContext: restrictedContainerSecurityContext(),
              },
            ],
          },
        },
      },
    });

    new k8s.KubePodDisruptionBudget(this, "pdb", {
      metadata: { name: "cloudflared", labels },
      spec: {
        maxUnavailable: k8s.IntOrString.fromNumber(1),
        selector: { matchLabels: { ...CLOUDFLARED_SELECTOR } },
      },
    });
  }
}
