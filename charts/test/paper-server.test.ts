import {
  clusterSecrets,
  heapBytes,
  IMAGES,
  MAX_HEAP_FRACTION,
  type Network,
  PAPER_METRICS,
  PORTS,
  paperService,
  quantityBytes,
  type ServerSpec,
  WORLD_VOLUME,
  worldClaimName,
} from "@mc-infra/config";
import type { IStatefulSet } from "kubernetes-models/apps/v1/StatefulSet";
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IService } from "kubernetes-models/v1/Service";
import { describe, expect, it } from "vitest";
import type { ManifestObject } from "../src/lib/kinds.ts";
import { PaperPatches, paperPatchSet } from "../src/minecraft/paper-patches.ts";
import type { PaperPodExtension } from "../src/minecraft/paper-pod-extension.ts";
import { LIVENESS_TOLERANCE_SECONDS, PaperServer } from "../src/minecraft/paper-server.ts";
import { exampleNetwork } from "./support/network.ts";
import { restrictedViolations } from "./support/pod-security.ts";
import { find, ofKind, synthConstruct } from "./support/synth.ts";
import { schemaProblems } from "./support/validate.ts";

function render(network: Network, extensions: (server: ServerSpec) => PaperPodExtension[] = () => []) {
  return synthConstruct((scope) => {
    const patches = new PaperPatches(scope, "patches", { network });
    for (const server of network.servers) {
      new PaperServer(scope, server.name, { network, server, patches, extensions: extensions(server) });
    }
  }, network.cluster.namespaces.minecraft);
}

const statefulSet = (objects: readonly ManifestObject[], name: string) =>
  find<IStatefulSet>(objects, "StatefulSet", name);
const paperContainer = (set: IStatefulSet): IContainer =>
  set.spec!.template.spec!.containers.find((c) => c.name === "paper")!;
const env = (c: IContainer, name: string) => c.env?.find((variable) => variable.name === name);

describe("PaperServer", () => {
  const network = exampleNetwork();
  const objects = render(network);

  it("renders only documents that pass their Kubernetes schemas", () => {
    expect(objects.flatMap(schemaProblems)).toEqual([]);
  });

  it("runs one single-replica StatefulSet per configured server, named after it", () => {
    expect(
      ofKind<IStatefulSet>(objects, "StatefulSet").map((s) => [s.metadata?.name, s.spec?.replicas]),
    ).toEqual([
      ["lobby", 1],
      ["survival", 1],
    ]);
  });

  it("runs the pinned java21 image as Paper at the configured version", () => {
    for (const server of network.servers) {
      const paper = paperContainer(statefulSet(objects, server.name));
      expect(paper.image).toBe(IMAGES.paper);
      expect(IMAGES.paper).toMatch(/-java21$/);
      expect(env(paper, "TYPE")?.value).toBe("PAPER");
      expect(env(paper, "VERSION")?.value).toBe(server.paperVersion);
    }
  });

  it("accepts the EULA only because the config says so", () => {
    expect(env(paperContainer(statefulSet(objects, "lobby")), "EULA")?.value).toBe("TRUE");
    const withoutEula = () =>
      exampleNetwork({
        servers: [
          { name: "lobby", paperVersion: "1.21.4", memory: { limit: "2Gi", heap: "1G" }, disk: "5Gi" },
        ],
        proxy: { try: ["lobby"], forcedHosts: {} },
      } as never);
    expect(withoutEula).toThrow(/eula/);
  });

  it("keeps each world on a Longhorn volume of the configured size, under the name backups look for", () => {
    for (const server of network.servers) {
      const set = statefulSet(objects, server.name);
      const [template, ...others] = set.spec!.volumeClaimTemplates!;
      expect(others).toEqual([]);
      expect(template!.metadata?.name).toBe(WORLD_VOLUME);
      expect(template!.spec?.storageClassName).toBe(network.cluster.longhorn.storageClassName);
      expect(template!.spec?.resources?.requests?.storage).toBe(server.disk);
      expect(template!.spec?.accessModes).toEqual(["ReadWriteOnce"]);
      // The StatefulSet controller names the claim <template>-<statefulset>-<ordinal>.
      expect(`${template!.metadata?.name}-${set.metadata?.name}-0`).toBe(worldClaimName(server));
      expect(paperContainer(set).volumeMounts).toContainEqual({ name: WORLD_VOLUME, mountPath: "/data" });
    }
  });

  it("never deletes a world with its StatefulSet, and its claim template survives an upgrade", () => {
    const set = statefulSet(objects, "survival");
    expect(set.spec?.persistentVolumeClaimRetentionPolicy).toEqual({
      whenDeleted: "Retain",
      whenScaled: "Retain",
    });
    // volumeClaimTemplates are immutable: a label that follows the Paper version would block upgrades.
    const upgraded = render(
      exampleNetwork({ servers: network.servers.map((s) => ({ ...s, paperVersion: "1.21.8" })) }),
    );
    expect(statefulSet(upgraded, "survival").spec?.volumeClaimTemplates).toEqual(
      set.spec?.volumeClaimTemplates,
    );
  });

  it("never gives the heap more than 80% of the memory limit, and requests all of it", () => {
    for (const server of network.servers) {
      const paper = paperContainer(statefulSet(objects, server.name));
      const limit = quantityBytes(String(paper.resources?.limits?.memory));
      expect(heapBytes(env(paper, "MEMORY")!.value!)).toBeLessThanOrEqual(limit * MAX_HEAP_FRACTION);
      expect(paper.resources?.limits?.memory).toBe(server.memory.limit);
      expect(paper.resources?.requests?.memory).toBe(paper.resources?.limits?.memory);
      expect(env(paper, "USE_AIKAR_FLAGS")?.value).toBe("true");
    }
  });

  it("trusts only Velocity's modern forwarding, with the secret taken by reference", () => {
    const paper = paperContainer(statefulSet(objects, "lobby"));
    const secret = clusterSecrets(network).velocityForwarding;
    expect(env(paper, "ONLINE_MODE")?.value).toBe("false");
    expect(env(paper, "PAPER_VELOCITY_SECRET")?.valueFrom?.secretKeyRef).toEqual({
      name: secret.name,
      key: "secret",
    });
    const patch = JSON.parse(paperPatchSet()) as {
      patches: { file: string; ops: { $set: { path: string; value: unknown } }[] }[];
    };
    const sets = patch.patches.flatMap((p) => p.ops.map((op) => [p.file, op.$set.path, op.$set.value]));
    expect(sets).toEqual([
      ["/data/config/paper-global.yml", "$.proxies.velocity.enabled", true],
      ["/data/config/paper-global.yml", "$.proxies.velocity['online-mode']", true],
      ["/data/spigot.yml", "$.settings.bungeecord", false],
      ["/data/plugins/PrometheusExporter/config.yml", "$.host", "0.0.0.0"],
      ["/data/plugins/PrometheusExporter/config.yml", "$.port", 9940],
    ]);
    // PATCH_DEFINITIONS names the PatchSet file itself (a directory would be read as PatchDefinitions).
    const file = env(paper, "PATCH_DEFINITIONS")!.value!;
    const mount = paper.volumeMounts?.find((candidate) => candidate.mountPath === file);
    expect(mount?.subPath).toBe("paper-config.json");
    const configMap = find<{ data: Record<string, string> }>(objects, "ConfigMap", "paper-patches");
    expect(configMap.data["paper-config.json"]).toBe(paperPatchSet());
  });

  it("enables RCON with the Secret's password and never exposes it outside the namespace", () => {
    const paper = paperContainer(statefulSet(objects, "lobby"));
    expect(env(paper, "ENABLE_RCON")?.value).toBe("true");
    expect(env(paper, "RCON_PORT")?.value).toBe(String(PORTS.rcon));
    expect(env(paper, "RCON_PASSWORD")?.valueFrom?.secretKeyRef?.name).toBe(
      clusterSecrets(network).rcon.name,
    );
    for (const service of ofKind<IService>(objects, "Service")) {
      expect(service.spec?.type ?? "ClusterIP").toBe("ClusterIP");
    }
  });

  it("gives Velocity a ClusterIP Service per server that leads to its game port", () => {
    for (const server of network.servers) {
      const ref = paperService(network, server);
      const service = find<IService>(objects, "Service", ref.name);
      const set = statefulSet(objects, server.name);
      const minecraft = service.spec?.ports?.find((port) => port.name === "minecraft");
      expect(minecraft?.port).toBe(PORTS.paper);
      const target = paperContainer(set).ports?.find((port) => port.name === minecraft?.targetPort);
      expect(target?.containerPort).toBe(PORTS.paper);
      for (const [key, value] of Object.entries(service.spec!.selector!)) {
        expect(set.spec!.template.metadata!.labels![key]).toBe(value);
      }
    }
  });

  it("gives each pod a stable DNS name through its headless Service", () => {
    const set = statefulSet(objects, "lobby");
    const headless = find<IService>(objects, "Service", set.spec!.serviceName);
    expect(headless.spec?.clusterIP).toBe("None");
    expect(headless.spec?.selector).toEqual(set.spec?.selector?.matchLabels);
  });

  it("probes readiness and liveness with mc-health and waits out a first world generation", () => {
    const paper = paperContainer(statefulSet(objects, "survival"));
    for (const probe of [paper.startupProbe, paper.readinessProbe, paper.livenessProbe]) {
      expect(probe?.exec?.command).toEqual(["mc-health"]);
    }
    const startup = paper.startupProbe!;
    expect(startup.periodSeconds! * startup.failureThreshold!).toBeGreaterThanOrEqual(10 * 60);
  });

  it("does not kill a server that is saving: liveness waits minutes, far longer than readiness", () => {
    const paper = paperContainer(statefulSet(objects, "survival"));
    const live = paper.livenessProbe!;
    const ready = paper.readinessProbe!;
    const livenessWindow = live.periodSeconds! * live.failureThreshold!;
    expect(livenessWindow).toBeGreaterThanOrEqual(LIVENESS_TOLERANCE_SECONDS);
    expect(livenessWindow).toBeGreaterThanOrEqual(5 * 60);
    expect(livenessWindow).toBeGreaterThan(4 * ready.periodSeconds! * ready.failureThreshold!);
  });

  it("lets the server save and stop: the grace period outlasts STOP_DURATION with margin", () => {
    for (const server of network.servers) {
      const set = statefulSet(objects, server.name);
      const stop = Number(env(paperContainer(set), "STOP_DURATION")?.value);
      expect(stop).toBe(server.stopDurationSeconds);
      expect(set.spec!.template.spec!.terminationGracePeriodSeconds!).toBeGreaterThanOrEqual(stop + 30);
    }
  });

  it("runs as uid/gid 1000 with an fsGroup, no capabilities, RuntimeDefault seccomp and a read-only root", () => {
    const pod = statefulSet(objects, "survival").spec!.template.spec!;
    expect(pod.securityContext).toMatchObject({
      runAsUser: 1000,
      runAsGroup: 1000,
      fsGroup: 1000,
      runAsNonRoot: true,
    });
    expect(pod.securityContext?.seccompProfile?.type).toBe("RuntimeDefault");
    expect(restrictedViolations(pod)).toEqual([]);
    const paper = paperContainer(statefulSet(objects, "survival"));
    expect(paper.securityContext?.readOnlyRootFilesystem).toBe(true);
    // Everything the image writes lives on a volume: the world and the JVM's temp files.
    expect(paper.volumeMounts?.map((mount) => mount.mountPath)).toEqual(
      expect.arrayContaining(["/data", "/tmp"]),
    );
  });

  it("installs the configured plugins and sets the server.properties basics", () => {
    const survival = paperContainer(statefulSet(objects, "survival"));
    expect(env(survival, "MODRINTH_PROJECTS")?.value).toBe("luckperms:v5.4.145-bukkit,skript:2.9.5");
    expect(env(survival, "DIFFICULTY")?.value).toBe("hard");
    expect(env(survival, "VIEW_DISTANCE")?.value).toBe("12");
    expect(env(survival, "MAX_PLAYERS")?.value).toBe("100");
    expect(env(survival, "MOTD")?.value).toBe("craftnet survival");
    const lobby = paperContainer(statefulSet(objects, "lobby"));
    expect(env(lobby, "MODE")?.value).toBe("adventure");
    expect(env(lobby, "PVP")?.value).toBe("false");
    expect(env(lobby, "SEED")).toBeUndefined();

    const seeded = exampleNetwork({
      servers: network.servers.map((s) => ({
        ...s,
        properties: { ...s.properties, seed: "-4172144997902289642" },
        plugins: [{ url: "https://example.net/plugins/Foo-1.2.3.jar" }],
      })),
    });
    const seededLobby = paperContainer(statefulSet(render(seeded), "lobby"));
    expect(env(seededLobby, "SEED")?.value).toBe("-4172144997902289642");
    // The operator's jars, then the metrics exporter every server runs.
    expect(env(seededLobby, "PLUGINS")?.value).toBe(
      `https://example.net/plugins/Foo-1.2.3.jar,${PAPER_METRICS.pluginUrl}`,
    );
    expect(env(seededLobby, "MODRINTH_PROJECTS")).toBeUndefined();
  });

  describe("extensions", () => {
    const resourcePack: PaperPodExtension = {
      name: "resource-pack",
      initContainers: [{ name: "pack-properties", image: "busybox:1.37.0", command: ["true"] }],
      sidecars: [{ name: "exporter", image: "example/exporter:1.0.0" }],
      env: [{ name: "RESOURCE_PACK", value: "https://rp.example.net/pack.zip" }],
      volumes: [{ name: "pack", emptyDir: {} }],
      volumeMounts: [{ name: "pack", mountPath: "/pack" }],
      servicePorts: [{ name: "metrics", port: 9100 }],
      podAnnotations: { "example/hash": "abc" },
    };

    it("add init containers, sidecars, environment, volumes and Service ports to the pod", () => {
      const extended = render(network, () => [resourcePack]);
      const set = statefulSet(extended, "lobby");
      const pod = set.spec!.template.spec!;
      expect(pod.initContainers?.map((c) => c.name)).toEqual(["paper-config-seed", "pack-properties"]);
      expect(pod.containers.map((c) => c.name)).toEqual(["paper", "exporter"]);
      expect(env(paperContainer(set), "RESOURCE_PACK")?.value).toBe("https://rp.example.net/pack.zip");
      expect(paperContainer(set).volumeMounts).toContainEqual({ name: "pack", mountPath: "/pack" });
      expect(pod.volumes?.map((v) => v.name)).toContain("pack");
      expect(set.spec!.template.metadata!.annotations!["example/hash"]).toBe("abc");
      expect(find<IService>(extended, "Service", "lobby").spec?.ports?.map((p) => p.name)).toContain(
        "metrics",
      );
    });

    it("may not redefine what the server or another extension already set", () => {
      const clash = { name: "clumsy", env: [{ name: "MEMORY", value: "64G" }] };
      expect(() => render(network, () => [clash])).toThrow(
        /env "MEMORY" of extension "clumsy" is already used by "paper"/,
      );
      const twice = { name: "again", sidecars: [{ name: "exporter", image: "x/y:1" }] };
      expect(() => render(network, () => [resourcePack, twice])).toThrow(/"exporter".*"resource-pack"/);
    });

    it("may not take the world volume's name", () => {
      const world = { name: "thief", volumes: [{ name: WORLD_VOLUME, emptyDir: {} }] };
      expect(() => render(network, () => [world])).toThrow(/world/);
    });
  });
});
