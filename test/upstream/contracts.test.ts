import { readFileSync } from "node:fs";
import { type ManifestObject, renderNetwork } from "@mc-infra/charts";
import { HELM_CHARTS, IMAGES, PLUGINS, resolveNetwork } from "@mc-infra/config";
import { renderCloudInit } from "@mc-infra/ingress-node";
import { parse as parseToml } from "smol-toml";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import example from "../../network.config.ts";
import { dottedPath, patchSetProblems, undefinedKeys, unreadVariables } from "./checks.ts";
import {
  CLOUD_INIT_ORDER,
  CONFIG_KEYS,
  FACT_VERSIONS,
  HELM_VALUES,
  MC_MONITOR_EXPORT_ENV,
  PAPER_IMAGE_ENV,
  PATCH_MODEL,
  PROXY_IMAGE_ENV,
  SERVER_ENV,
  VELOCITY_TOML,
} from "./facts.ts";

interface Container {
  name: string;
  image: string;
  env?: { name: string; value?: string }[];
  volumeMounts?: { name: string; mountPath: string; subPath?: string }[];
}
type Workload = ManifestObject & { spec: { template: { spec: { containers: Container[] } } } };

const network = resolveNetwork(example);
const tree = renderNetwork(network, { configFile: "network.config.ts", environment: "production" });
const minecraft = tree.objects.get("apps/minecraft")!;
const monitoring = tree.objects.get("apps/monitoring")!;
const containersOf = (objects: readonly ManifestObject[], image: string) =>
  objects.flatMap((object) =>
    ((object as Workload).spec?.template?.spec?.containers ?? []).filter(
      (container) => container.image === image,
    ),
  );
// The server container itself (the Skript reload sidecar runs the same image for its rcon-cli).
const paperContainers = containersOf(minecraft, IMAGES.paper).filter(
  (container) => container.name === "paper",
);
const configMap = (name: string) =>
  minecraft.find(
    (object) => object.kind === "ConfigMap" && object.metadata.name === name,
  ) as ManifestObject & {
    data: Record<string, string>;
  };

describe("the facts are the pinned versions'", () => {
  it("every fact was read at the version packages/config pins", () => {
    expect(IMAGES.paper).toBe(`itzg/minecraft-server:${FACT_VERSIONS["itzg/minecraft-server"]}`);
    expect(IMAGES.velocity).toBe(`itzg/mc-proxy:${FACT_VERSIONS["itzg/mc-proxy"]}`);
    expect(IMAGES.mcMonitor).toBe(`itzg/mc-monitor:${FACT_VERSIONS["itzg/mc-monitor"]}`);
    expect(PLUGINS.prometheusExporter).toBe(FACT_VERSIONS["sladkoff/minecraft-prometheus-exporter"]);
    expect(new Set(network.servers.map((server) => server.paperVersion))).toEqual(
      new Set([FACT_VERSIONS.paper]),
    );
    expect(network.proxy.velocityVersion).toBe(FACT_VERSIONS.velocity);
    for (const [name, pin] of Object.entries(HELM_CHARTS)) {
      const chart = name === "kubePrometheusStack" ? "kube-prometheus-stack" : name;
      const fact = HELM_VALUES[chart]!;
      expect(fact.source, chart).toContain(pin.version);
    }
  });

  it("every fact is in the contract record with its source", () => {
    const record = readFileSync(new URL("../../docs/upstream-contracts.md", import.meta.url), "utf8");
    const facts = [
      PAPER_IMAGE_ENV,
      PROXY_IMAGE_ENV,
      ...Object.values(SERVER_ENV),
      MC_MONITOR_EXPORT_ENV,
      PATCH_MODEL,
      ...Object.values(CONFIG_KEYS),
      VELOCITY_TOML,
      CLOUD_INIT_ORDER,
      ...Object.values(HELM_VALUES),
    ];
    for (const fact of facts) for (const source of fact.source.split(", ")) expect(record).toContain(source);
  });
});

describe("image environment: every variable we set is one the pinned software reads", () => {
  it("Paper containers (itzg/minecraft-server scripts, mc-image-helper, Paper)", () => {
    expect(paperContainers.length).toBe(network.servers.length);
    for (const paper of paperContainers)
      expect(unreadVariables(paper.env ?? [], PAPER_IMAGE_ENV.value, SERVER_ENV.paper.value)).toEqual([]);
  });

  it("the Velocity container (itzg/mc-proxy scripts, mc-image-helper, Velocity)", () => {
    const [velocity] = containersOf(minecraft, IMAGES.velocity);
    expect(unreadVariables(velocity!.env ?? [], PROXY_IMAGE_ENV.value, SERVER_ENV.velocity.value)).toEqual(
      [],
    );
    expect(velocity!.env?.find((variable) => variable.name === "VELOCITY_BUILD_ID")?.value).toMatch(/^\d+$/);
  });

  it("mc-monitor's exporter", () => {
    const [exporter] = containersOf(monitoring, IMAGES.mcMonitor);
    expect(unreadVariables(exporter!.env ?? [], MC_MONITOR_EXPORT_ENV.value)).toEqual([]);
    expect(exporter!.env?.find((variable) => variable.name === "TIMEOUT")?.value).toMatch(/^\d+s$/);
  });

  it("fails a variable nothing reads: the exporter's old host variable, mc-monitor's old timeout", () => {
    expect(
      unreadVariables(
        [{ name: "MINECRAFT_PROMETHEUS_EXPORTER_HOST" }],
        PAPER_IMAGE_ENV.value,
        SERVER_ENV.paper.value,
      ),
    ).toEqual(["MINECRAFT_PROMETHEUS_EXPORTER_HOST"]);
    expect(unreadVariables([{ name: "EXPORT_TIMEOUT" }], MC_MONITOR_EXPORT_ENV.value)).toEqual([
      "EXPORT_TIMEOUT",
    ]);
  });
});

describe("Paper's patch set, as mc-image-helper reads it", () => {
  const data = configMap("paper-patches").data;

  it("PATCH_DEFINITIONS names a file holding a PatchSet: a directory would be read as PatchDefinitions", () => {
    for (const paper of paperContainers) {
      const path = paper.env?.find((variable) => variable.name === "PATCH_DEFINITIONS")?.value;
      const mount = paper.volumeMounts?.find((candidate) => candidate.mountPath === path);
      expect(mount?.subPath, "a file mounted by subPath, not a directory").toBeDefined();
      expect(patchSetProblems(data[mount!.subPath!]!)).toEqual([]);
    }
  });

  it("fails the shapes mc-image-helper refuses", () => {
    const definition = {
      file: "/data/spigot.yml",
      ops: [{ $set: { path: "$.settings.bungeecord", value: false } }],
    };
    // A PatchDefinition where a PatchSet is read, as the old directory mount did the other way round.
    expect(patchSetProblems(JSON.stringify(definition))).toContainEqual('PatchSet: unknown field "file"');
    expect(patchSetProblems(JSON.stringify({ patches: [{ ...definition, format: "yaml" }] }))).toEqual([
      'patches[0]: unknown field "format"',
    ]);
    expect(patchSetProblems(JSON.stringify({ patches: [{ file: "x", ops: [{ $replace: {} }] }] }))).toEqual([
      "patches[0].ops[0]: not one of $set, $put, $add",
    ]);
  });

  // JsonPath's set on a key the file does not have throws PathNotFoundException, uncaught: mc-image-helper
  // exits 1 and the start script's `set -e` stops the server (docs/upstream-contracts.md row 23).
  it("every key it sets on a seeded file is in the seed, so the first start's patch never aborts", () => {
    const set = JSON.parse(data["paper-config.json"]!) as {
      patches: { file: string; ops: { $set: { path: string } }[] }[];
    };
    const seeds: Record<string, string> = {
      "/data/config/paper-global.yml": "paper-global.yml",
      "/data/plugins/PrometheusExporter/config.yml": "prometheus-exporter.yml",
    };
    for (const [file, seed] of Object.entries(seeds)) {
      const seeded = parseYaml(data[seed]!);
      const paths = set.patches
        .find((patch) => patch.file === file)!
        .ops.map((op) => dottedPath(op.$set.path));
      expect(paths.length).toBeGreaterThan(0);
      expect(undefinedKeys(seeded, paths)).toEqual([]);
    }
  });

  it("every key it sets, and every key a first-start seed writes, is one its program defines", () => {
    const set = JSON.parse(data["paper-config.json"]!) as {
      patches: { file: string; ops: { $set: { path: string } }[] }[];
    };
    for (const patch of set.patches) {
      const file = patch.file.replace(/^\/data\//, "");
      const keys = CONFIG_KEYS[file]?.value;
      expect(keys, `no facts for ${file}`).toBeDefined();
      for (const op of patch.ops) expect(keys).toContain(dottedPath(op.$set.path));
    }
    expect(
      undefinedKeys(parseYaml(data["paper-global.yml"]!), CONFIG_KEYS["config/paper-global.yml"]!.value),
    ).toEqual([]);
    expect(
      undefinedKeys(
        parseYaml(data["prometheus-exporter.yml"]!),
        CONFIG_KEYS["plugins/PrometheusExporter/config.yml"]!.value,
      ),
    ).toEqual([]);
    expect(
      undefinedKeys(
        { host: "0.0.0.0", bind: "x" },
        CONFIG_KEYS["plugins/PrometheusExporter/config.yml"]!.value,
      ),
    ).toEqual(["bind"]);
  });
});

describe("velocity.toml, against Velocity's default configuration", () => {
  const toml = parseToml(configMap("velocity-config").data["velocity.toml"]!);

  it("uses only keys Velocity ships, at its config-version", () => {
    expect(toml["config-version"]).toBe(VELOCITY_TOML.value.configVersion);
    expect(undefinedKeys(toml, VELOCITY_TOML.value.keys, VELOCITY_TOML.value.openTables)).toEqual([]);
  });

  it("fails a key Velocity does not define", () => {
    expect(
      undefinedKeys(
        { ...toml, "player-forwarding": "modern" },
        VELOCITY_TOML.value.keys,
        VELOCITY_TOML.value.openTables,
      ),
    ).toEqual(["player-forwarding"]);
  });
});

describe("the ingress node's cloud-init, in cloud-init's module order", () => {
  const credentials = { accessClientId: "id", accessClientSecret: "secret", gatewaySecret: "gateway" };
  const config = parseYaml(renderCloudInit({ network, role: "primary", credentials, agentBundle: "" })) as {
    package_update?: boolean;
    write_files: { path: string; content: string; defer?: boolean }[];
    runcmd: string[][];
  };

  /** Apt sources whose signed-by keyring does not exist when each apt-get update runs. */
  function unsignedUpdates(): string[] {
    const files = new Set<string>();
    const sources: { path: string; keyring: string }[] = [];
    const problems: string[] = [];
    const write = (deferred: boolean) => {
      for (const file of config.write_files.filter((candidate) => Boolean(candidate.defer) === deferred)) {
        files.add(file.path);
        const keyring = /signed-by=(\S+?)\]/.exec(file.content)?.[1];
        if (file.path.startsWith("/etc/apt/sources.list.d/") && keyring)
          sources.push({ path: file.path, keyring });
      }
    };
    const update = (when: string) => {
      for (const source of sources)
        if (!files.has(source.keyring))
          problems.push(`${when}: ${source.path} names ${source.keyring}, not there yet`);
    };
    for (const module of CLOUD_INIT_ORDER.value) {
      if (module === "write_files") write(false);
      if (module === "package_update_upgrade_install" && config.package_update) update("package_update");
      if (module === "write_files_deferred") write(true);
      if (module === "scripts_user")
        for (const command of config.runcmd) {
          const text = command.join(" ");
          const fetched = / -o (\S+)/.exec(text)?.[1];
          if (fetched) files.add(fetched);
          if (/apt-get update/.test(text)) update(`runcmd ${text}`);
        }
    }
    return problems;
  }

  it("never runs apt-get update with a source whose keyring is not fetched yet", () => {
    expect(config.package_update).toBe(true);
    expect(unsignedUpdates()).toEqual([]);
  });

  it("fails when the cloudflared source is written before the first package update", () => {
    for (const file of config.write_files) delete file.defer;
    expect(unsignedUpdates()).toEqual([
      "package_update: /etc/apt/sources.list.d/cloudflared.list names /usr/share/keyrings/cloudflare-main.gpg, not there yet",
    ]);
  });
});

describe("Helm values, against the pinned charts' values.yaml", () => {
  const applications = tree.objects
    .get("argocd/applications")!
    .filter((object) => object.kind === "Application") as (ManifestObject & {
    spec: { source: { chart?: string; helm?: { valuesObject?: unknown } } };
  })[];
  const unknownValues = (chart: string, values: unknown) => {
    const fact = HELM_VALUES[chart]!.value;
    return undefinedKeys(values, fact.keys).filter(
      (path) => !fact.passThrough.some((prefix) => path === prefix || path.startsWith(`${prefix}.`)),
    );
  };

  it("every key we set on a chart is one its values.yaml has", () => {
    const helm = applications.filter((app) => app.spec.source.chart);
    expect(helm.length).toBe(Object.keys(HELM_VALUES).length);
    for (const app of helm) {
      const values = app.spec.source.helm?.valuesObject ?? {};
      expect(unknownValues(app.spec.source.chart!, values), app.spec.source.chart).toEqual([]);
    }
  });

  it("fails a key the chart does not have", () => {
    expect(unknownValues("longhorn", { persistence: { defaultClassName: "x" } })).toEqual([
      "persistence.defaultClassName",
    ]);
  });
});
