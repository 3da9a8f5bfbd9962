import {
  clusterSecrets,
  IMAGES,
  type Network,
  PORTS,
  velocityLanService,
  velocityService,
} from "@mc-infra/config";
import { k8s } from "cdk8s-plus-33";
import { Construct } from "constructs";
import { spreadAcrossNodes } from "../lib/affinity.ts";
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from "../lib/pod-security.ts";
import { resources } from "../lib/resources.ts";
import { VELOCITY_SELECTOR, velocityLabels } from "./labels.ts";
import { LanProxyRelay } from "./lan-proxy-relay.ts";
import { VELOCITY_TOML, type VelocityConfig } from "./velocity-config.ts";

/** uid/gid of the image's `bungeecord` user. */
const VELOCITY_USER = { user: 1000, group: 1000 };
/** Velocity's recommended JVM flags (PaperMC docs, "Tuning Velocity"). */
const VELOCITY_JVM_FLAGS = [
  "-XX:+UseG1GC",
  "-XX:G1HeapRegionSize=4M",
  "-XX:+UnlockExperimentalVMOptions",
  "-XX:+ParallelRefProcEnabled",
  "-XX:+AlwaysPreTouch",
  "-XX:MaxInlineLevel=15",
];

export interface VelocityProxyProps {
  readonly network: Network;
  readonly config: VelocityConfig;
}

/**
 * The probe command: a Server List Ping to Velocity itself. With `haproxy-protocol` on, Velocity
 * drops any connection that does not open with a PROXY header, so the ping must send one too.
 */
export function velocityStatusCommand(proxyProtocol: boolean): string[] {
  return [
    "mc-monitor",
    "status",
    "--host=127.0.0.1",
    `--port=${PORTS.velocity}`,
    "--timeout=5s",
    ...(proxyProtocol ? ["--use-proxy"] : []),
  ];
}

function velocityProbe(network: Network): Pick<k8s.Probe, "exec" | "tcpSocket"> {
  // mc-monitor reports "not ready" while the advertised player maximum is 0, so a network that shows
  // 0 can only be checked at the TCP level.
  if (network.proxy.showMaxPlayers === 0) {
    return { tcpSocket: { port: k8s.IntOrString.fromString("minecraft") } };
  }
  return { exec: { command: velocityStatusCommand(network.proxy.proxyProtocol) } };
}

/**
 * Velocity: a stateless Deployment behind two Services. `velocity` (ClusterIP) is where cloudflared
 * sends the tunnelled players; `velocity-lan` holds the MetalLB VIP for players at home.
 */
export class VelocityProxy extends Construct {
  readonly deployment: k8s.KubeDeployment;

  constructor(scope: Construct, id: string, props: VelocityProxyProps) {
    super(scope, id);
    const { network, config } = props;
    const { proxy } = network;
    const labels = velocityLabels(network);
    const forwardingSecret = clusterSecrets(network).velocityForwarding;
    const relay = proxy.proxyProtocol ? new LanProxyRelay(this, "lan-relay", { network }) : undefined;
    const probe = velocityProbe(network);

    const velocity: k8s.Container = {
      name: "velocity",
      image: IMAGES.velocity,
      env: [
        { name: "TYPE", value: "VELOCITY" },
        { name: "VELOCITY_VERSION", value: proxy.velocityVersion },
        { name: "VELOCITY_BUILD_ID", value: String(proxy.velocityBuild) },
        { name: "MEMORY", value: proxy.memory.heap },
        { name: "JVM_XX_OPTS", value: VELOCITY_JVM_FLAGS.join(" ") },
        // The image would otherwise download an RCON plugin and listen with a default password.
        { name: "ENABLE_RCON", value: "false" },
        // /server is an emptyDir, but a container restart keeps it: always take the ConfigMap's file.
        { name: "SYNC_SKIP_NEWER_IN_DESTINATION", value: "false" },
        {
          name: "VELOCITY_FORWARDING_SECRET",
          valueFrom: { secretKeyRef: { name: forwardingSecret.name, key: forwardingSecret.keys[0]! } },
        },
      ],
      ports: [{ name: "minecraft", containerPort: PORTS.velocity, protocol: "TCP" }],
      resources: resources({ cpu: proxy.cpu, memory: { limit: proxy.memory.limit } }),
      // Downloading the Velocity jar on a cold start takes a while.
      startupProbe: { ...probe, periodSeconds: 5, timeoutSeconds: 8, failureThreshold: 60 },
      readinessProbe: { ...probe, periodSeconds: 10, timeoutSeconds: 8, failureThreshold: 3 },
      livenessProbe: { ...probe, periodSeconds: 20, timeoutSeconds: 8, failureThreshold: 6 },
      securityContext: restrictedContainerSecurityContext(),
      volumeMounts: [
        { name: "config", mountPath: `/config/${VELOCITY_TOML}`, subPath: VELOCITY_TOML, readOnly: true },
        { name: "server", mountPath: "/server" },
        { name: "tmp", mountPath: "/tmp" },
      ],
    };

    this.deployment = new k8s.KubeDeployment(this, "deployment", {
      metadata: { name: "velocity", labels },
      spec: {
        replicas: proxy.replicas,
        selector: { matchLabels: { ...VELOCITY_SELECTOR } },
        // Never fewer proxies than configured while rolling.
        strategy: {
          type: "RollingUpdate",
          rollingUpdate: {
            maxSurge: k8s.IntOrString.fromNumber(1),
            maxUnavailable: k8s.IntOrString.fromNumber(0),
          },
        },
        template: {
          metadata: {
            labels,
            annotations: {
              "minecraft-infra/config-hash": config.hash,
              ...(relay ? { "minecraft-infra/relay-config-hash": relay.hash } : {}),
            },
          },
          spec: {
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: restrictedPodSecurityContext(VELOCITY_USER, VELOCITY_USER.group),
            affinity: spreadAcrossNodes(VELOCITY_SELECTOR),
            containers: relay ? [velocity, relay.container] : [velocity],
            volumes: [
              { name: "config", configMap: { name: config.configMapName } },
              { name: "server", emptyDir: { sizeLimit: k8s.Quantity.fromString("512Mi") } },
              { name: "tmp", emptyDir: { sizeLimit: k8s.Quantity.fromString("256Mi") } },
              ...(relay ? [relay.volume] : []),
            ],
          },
        },
      },
    });

    const tunnelTarget = velocityService(network);
    new k8s.KubeService(this, "service", {
      metadata: { name: tunnelTarget.name, labels },
      spec: {
        type: "ClusterIP",
        selector: { ...VELOCITY_SELECTOR },
        ports: [
          {
            name: "minecraft",
            port: tunnelTarget.port,
            targetPort: k8s.IntOrString.fromString("minecraft"),
            protocol: "TCP",
          },
        ],
      },
    });

    const lan = velocityLanService(network);
    new k8s.KubeService(this, "lan-service", {
      metadata: {
        name: lan.name,
        labels,
        annotations: { "metallb.io/loadBalancerIPs": network.cluster.metallb.proxyVip },
      },
      spec: {
        type: "LoadBalancer",
        // Keeps the player's address (no SNAT), which the NetworkPolicy's LAN rule and Velocity's logs need.
        externalTrafficPolicy: "Local",
        // MetalLB answers for the VIP itself; node ports would only open the game on every node address.
        allocateLoadBalancerNodePorts: false,
        selector: { ...VELOCITY_SELECTOR },
        ports: [
          {
            name: "minecraft",
            port: lan.port,
            targetPort: k8s.IntOrString.fromString(relay ? "lan" : "minecraft"),
            protocol: "TCP",
          },
        ],
      },
    });

    if (proxy.replicas > 1) {
      new k8s.KubePodDisruptionBudget(this, "pdb", {
        metadata: { name: "velocity", labels },
        spec: {
          maxUnavailable: k8s.IntOrString.fromNumber(1),
          selector: { matchLabels: { ...VELOCITY_SELECTOR } },
        },
      });
    }
  }
}
