import { IMAGES, type Network, PAPER_METRICS, standardLabels, WORLD_VOLUME } from "@mc-infra/config";
import { k8s } from "cdk8s-plus-33";
import { Construct } from "constructs";
import { contentHash } from "../lib/content-hash.ts";
import { restrictedContainerSecurityContext } from "../lib/pod-security.ts";
import { resources } from "../lib/resources.ts";
import { toYaml } from "../serialize.ts";
import type { PaperPodExtension } from "./paper-pod-extension.ts";
import { DATA_DIR, PAPER_USER } from "./paper-server.ts";

/** The patch set file, mounted on its own: PATCH_DEFINITIONS names this file, not a directory. */
export const PATCH_SET_PATH = "/patches/paper-config.json";
const PATCH_SET_KEY = "paper-config.json";
const SEEDS_DIR = "/opt/paper-config-seeds";
const VOLUME = "paper-config";
export const CONFIG_SEED_CONTAINER = "paper-config-seed";

type ConfigValues = { readonly [key: string]: string | number | boolean | ConfigValues };

/** A file under /data and the values every server must have in it. */
interface PaperConfigFile {
  readonly file: string;
  readonly values: ConfigValues;
  /**
   * ConfigMap key of a seed written when the file does not exist yet. mc-image-helper's patch skips
   * a missing file with a warning, and Paper writes config/paper-global.yml and the exporter its
   * config.yml only once they have started: without the seed a brand-new server refuses Velocity's
   * forwarded players until its second start. Paper fills in every other key (and its `_version`).
   */
  readonly seed?: string;
}

/**
 * What the patch set enforces. Paper reads the forwarding secret itself from PAPER_VELOCITY_SECRET
 * once `proxies.velocity.enabled` is true, so the secret is written nowhere.
 */
export const PAPER_CONFIG_FILES: readonly PaperConfigFile[] = [
  {
    file: "config/paper-global.yml",
    values: { proxies: { velocity: { enabled: true, "online-mode": true } } },
    seed: "paper-global.yml",
  },
  { file: "spigot.yml", values: { settings: { bungeecord: false } } },
  { file: PAPER_METRICS.config.file, values: PAPER_METRICS.config.values, seed: "prometheus-exporter.yml" },
];

/** `$.proxies.velocity['online-mode']`: a JSON path mc-image-helper's `$set` accepts. */
function jsonPath(keys: readonly string[]): string {
  return `$${keys.map((key) => (/^[A-Za-z_]\w*$/.test(key) ? `.${key}` : `['${key}']`)).join("")}`;
}

function setOps(
  values: ConfigValues,
  keys: readonly string[] = [],
): { $set: { path: string; value: unknown } }[] {
  return Object.entries(values).flatMap(([key, value]) =>
    typeof value === "object"
      ? setOps(value, [...keys, key])
      : [{ $set: { path: jsonPath([...keys, key]), value } }],
  );
}

/**
 * The image's patch set (mc-image-helper `patch`, run on every start after the image has laid down
 * its default config files): a PatchSet `{patches: [{file, ops}]}`, the shape it reads from a file.
 */
export function paperPatchSet(): string {
  const patches = PAPER_CONFIG_FILES.map((config) => ({
    file: `${DATA_DIR}/${config.file}`,
    ops: setOps(config.values),
  }));
  return `${JSON.stringify({ patches }, null, 2)}\n`;
}

/** A shell script that copies each seed to its file unless the file exists: never an operator's edit. */
function seedScript(): string {
  const lines = PAPER_CONFIG_FILES.flatMap((config) =>
    config.seed ? [`seed ${config.seed} '${DATA_DIR}/${config.file}'`] : [],
  );
  return [
    "set -eu",
    `seed() { [ -e "$2" ] || { mkdir -p "$(dirname "$2")"; cp "${SEEDS_DIR}/$1" "$2"; echo "seeded $2"; }; }`,
    ...lines,
  ].join("\n");
}

export interface PaperPatchesProps {
  readonly network: Network;
}

/** One ConfigMap with the patch set and the first-start seeds, shared by every Paper server. */
export class PaperPatches extends Construct {
  readonly configMapName = "paper-patches";
  readonly hash: string;

  constructor(scope: Construct, id: string, props: PaperPatchesProps) {
    super(scope, id);
    const data: Record<string, string> = { [PATCH_SET_KEY]: paperPatchSet() };
    for (const config of PAPER_CONFIG_FILES) if (config.seed) data[config.seed] = toYaml(config.values);
    this.hash = contentHash(JSON.stringify(data));
    new k8s.KubeConfigMap(this, "config-map", {
      metadata: {
        name: this.configMapName,
        labels: standardLabels(props.network, {
          name: "paper",
          instance: "paper-patches",
          component: "game-server",
        }),
      },
      data,
    });
  }

  /** The Paper container's part (PATCH_DEFINITIONS and its file) and the seeding init container. */
  extension(): PaperPodExtension {
    return {
      name: "paper-config",
      env: [{ name: "PATCH_DEFINITIONS", value: PATCH_SET_PATH }],
      volumeMounts: [{ name: VOLUME, mountPath: PATCH_SET_PATH, subPath: PATCH_SET_KEY, readOnly: true }],
      initContainers: [
        {
          name: CONFIG_SEED_CONTAINER,
          image: IMAGES.curl,
          command: ["/bin/sh", "-c", seedScript()],
          resources: resources({
            cpu: { request: "10m", limit: "100m" },
            memory: { request: "8Mi", limit: "16Mi" },
          }),
          // As Paper's user, so the server can still rewrite the files it was seeded with.
          securityContext: restrictedContainerSecurityContext(PAPER_USER),
          volumeMounts: [
            { name: VOLUME, mountPath: SEEDS_DIR, readOnly: true },
            { name: WORLD_VOLUME, mountPath: DATA_DIR },
          ],
        },
      ],
      volumes: [{ name: VOLUME, configMap: { name: this.configMapName } }],
      podAnnotations: { "minecraft-infra/patches-hash": this.hash },
    };
  }
}
