import {
  clusterSecrets,
  IMAGES,
  type Network,
  PAPER_METRICS,
  PORTS,
  paperService,
  type ServerSpec,
  WORLD_VOLUME,
  worldClaimName,
} from "@mc-infra/config";
import { k8s } from "cdk8s-plus-33";
import { Construct } from "constructs";
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from "../lib/pod-security.ts";
import { resources } from "../lib/resources.ts";
import { immutableLabels, paperLabels, paperSelector } from "./labels.ts";
import type { PaperPatches } from "./paper-patches.ts";
import { mergePaperPod, type PaperPodExtension } from "./paper-pod-extension.ts";

/** uid/gid of the image's `minecraft` user; also the fsGroup that owns the world volume. */
export const PAPER_USER = { user: 1000, group: 1000 };
/** Where the image keeps the server: the world volume's mount point. */
export const DATA_DIR = "/data";
/** Seconds the pod gets beyond the image's own STOP_DURATION: JVM exit, sidecars, the kubelet's SIGKILL slack. */
export const STOP_MARGIN_SECONDS = 30;
/** A first start downloads Paper and the plugins and generates the world; allow this long. */
export const STARTUP_BUDGET_SECONDS = 15 * 60;
/**
 * Consecutive seconds without a status answer before the server is restarted. Saving a large world
 * (autosave, `save-all`, the backup's flush) can stall the server for minutes on slow disks, and
 * Paper's own watchdog already kills a truly hung main thread after 60 s; liveness only catches a
 * JVM that is gone for good, so it waits well past both.
 */
export const LIVENESS_TOLERANCE_SECONDS = 5 * 60;

export interface PaperServerProps {
  readonly network: Network;
  readonly server: ServerSpec;
  readonly patches: PaperPatches;
  /** What other concerns add to the pod (Skript sync, resource pack, metrics), merged in order. */
  readonly extensions?: readonly PaperPodExtension[];
}

/** The image's environment for one server: type, version, memory, proxy forwarding, RCON, properties, plugins. */
export function paperEnvironment(network: Network, server: ServerSpec): k8s.EnvVar[] {
  const secrets = clusterSecrets(network);
  const { properties } = server;
  const modrinth = server.plugins.flatMap((plugin) =>
    "modrinth" in plugin ? [`${plugin.modrinth}:${plugin.version}`] : [],
  );
  // Every server also runs the Prometheus exporter the monitoring app scrapes (TPS, tick times, JVM).
  const urls = [
    ...server.plugins.flatMap((plugin) => ("url" in plugin ? [plugin.url] : [])),
    PAPER_METRICS.pluginUrl,
  ];
  const fromSecret = (name: string, secret: { name: string; keys: readonly string[] }): k8s.EnvVar => ({
    name,
    valueFrom: { secretKeyRef: { name: secret.name, key: secret.keys[0]! } },
  });
  return [
    // The schema only admits `eula: true`: the operator's own acceptance, never a default of ours.
    { name: "EULA", value: server.eula ? "TRUE" : "FALSE" },
    { name: "TYPE", value: "PAPER" },
    { name: "VERSION", value: server.paperVersion },
    // -Xms = -Xmx = heap; the config checks it stays within 80% of the container limit.
    { name: "MEMORY", value: server.memory.heap },
    { name: "USE_AIKAR_FLAGS", value: "true" },
    { name: "SERVER_PORT", value: String(PORTS.paper) },
    // Velocity authenticates players; Paper trusts the forwarded identity instead.
    { name: "ONLINE_MODE", value: "false" },
    fromSecret("PAPER_VELOCITY_SECRET", secrets.velocityForwarding),
    { name: "ENABLE_RCON", value: "true" },
    { name: "RCON_PORT", value: String(PORTS.rcon) },
    fromSecret("RCON_PASSWORD", secrets.rcon),
    { name: "STOP_DURATION", value: String(server.stopDurationSeconds) },
    { name: "MOTD", value: properties.motd },
    { name: "DIFFICULTY", value: properties.difficulty },
    { name: "MODE", value: properties.gamemode },
    { name: "VIEW_DISTANCE", value: String(properties.viewDistance) },
    { name: "SIMULATION_DISTANCE", value: String(properties.simulationDistance) },
    { name: "MAX_PLAYERS", value: String(properties.maxPlayers) },
    { name: "PVP", value: String(properties.pvp) },
    ...(properties.seed === undefined ? [] : [{ name: "SEED", value: properties.seed }]),
    ...(modrinth.length > 0 ? [{ name: "MODRINTH_PROJECTS", value: modrinth.join(",") }] : []),
    { name: "PLUGINS", value: urls.join(",") },
  ];
}

/**
 * One Paper server: a single-replica StatefulSet with its world on a Longhorn volume, a headless
 * Service for the pod's stable DNS name, and the ClusterIP Service Velocity forwards players to.
 */
export class PaperServer extends Construct {
  readonly statefulSet: k8s.KubeStatefulSet;
  /** The PVC the StatefulSet creates for its world; backups and restores find it by this name. */
  readonly worldClaimName: string;
  readonly selector: Record<string, string>;

  constructor(scope: Construct, id: string, props: PaperServerProps) {
    super(scope, id);
    const { network, server, patches } = props;
    const labels = paperLabels(network, server);
    this.selector = paperSelector(server);
    this.worldClaimName = worldClaimName(server);
    const service = paperService(network, server);
    const headlessName = `${server.name}-headless`;

    const pod = mergePaperPod(
      {
        name: "paper",
        env: paperEnvironment(network, server),
        volumeMounts: [
          { name: WORLD_VOLUME, mountPath: DATA_DIR },
          { name: "tmp", mountPath: "/tmp" },
        ],
        volumes: [{ name: "tmp", emptyDir: { sizeLimit: k8s.Quantity.fromString("1Gi") } }],
      },
      [patches.extension(), ...(props.extensions ?? [])],
    );
    if (pod.volumes.some((volume) => volume.name === WORLD_VOLUME)) {
      throw new Error(`Paper pod: volume "${WORLD_VOLUME}" is the world's volumeClaimTemplate`);
    }

    const health: k8s.Probe = { exec: { command: ["mc-health"] }, timeoutSeconds: 10 };
    const paper: k8s.Container = {
      name: "paper",
      image: IMAGES.paper,
      env: pod.env,
      ports: [
        { name: "minecraft", containerPort: PORTS.paper, protocol: "TCP" },
        { name: "rcon", containerPort: PORTS.rcon, protocol: "TCP" },
        // The PodMonitor scrapes this port by name; a container without it is never a target.
        { name: PAPER_METRICS.portName, containerPort: PAPER_METRICS.port, protocol: "TCP" },
      ],
      resources: resources({ cpu: server.cpu, memory: { limit: server.memory.limit } }),
      startupProbe: { ...health, periodSeconds: 10, failureThreshold: STARTUP_BUDGET_SECONDS / 10 },
      readinessProbe: { ...health, periodSeconds: 10, failureThreshold: 3 },
      livenessProbe: { ...health, periodSeconds: 30, failureThreshold: LIVENESS_TOLERANCE_SECONDS / 30 },
      securityContext: restrictedContainerSecurityContext(),
      volumeMounts: pod.volumeMounts,
    };

    this.statefulSet = new k8s.KubeStatefulSet(this, "stateful-set", {
      metadata: { name: server.name, labels },
      spec: {
        serviceName: headlessName,
        replicas: 1,
        selector: { matchLabels: this.selector },
        // Deleting or scaling the StatefulSet must never take the world with it.
        persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
        template: {
          metadata: { labels, annotations: pod.podAnnotations },
          spec: {
            automountServiceAccountToken: false,
            // A Service named like one of the image's variables (RCON, SERVER, …) would inject <NAME>_PORT.
            enableServiceLinks: false,
            terminationGracePeriodSeconds: server.stopDurationSeconds + STOP_MARGIN_SECONDS,
            securityContext: restrictedPodSecurityContext(PAPER_USER, PAPER_USER.group),
            initContainers: pod.initContainers.length > 0 ? pod.initContainers : undefined,
            containers: [paper, ...pod.sidecars],
            volumes: pod.volumes,
          },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: WORLD_VOLUME, labels: immutableLabels(labels) },
            spec: {
              accessModes: ["ReadWriteOnce"],
              storageClassName: network.cluster.longhorn.storageClassName,
              resources: { requests: { storage: k8s.Quantity.fromString(server.disk) } },
            },
          },
        ],
      },
    });

    new k8s.KubeService(this, "headless-service", {
      metadata: { name: headlessName, labels },
      spec: {
        clusterIp: "None",
        // The pod's DNS name must exist while it starts, so the backup and ops tools can find it by name.
        publishNotReadyAddresses: true,
        selector: this.selector,
        ports: [
          { name: "minecraft", port: PORTS.paper, targetPort: k8s.IntOrString.fromString("minecraft") },
        ],
      },
    });

    new k8s.KubeService(this, "service", {
      metadata: { name: service.name, labels },
      spec: {
        type: "ClusterIP",
        selector: this.selector,
        ports: [
          {
            name: "minecraft",
            port: service.port,
            targetPort: k8s.IntOrString.fromString("minecraft"),
            protocol: "TCP",
          },
          // Reachable only by ops pods in this namespace (NetworkPolicy); never part of a LoadBalancer.
          { name: "rcon", port: PORTS.rcon, targetPort: k8s.IntOrString.fromString("rcon"), protocol: "TCP" },
          ...pod.servicePorts,
        ],
      },
    });
  }
}
