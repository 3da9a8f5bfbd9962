import { readFileSync } from "node:fs";
import { IMAGES, type Network, resourcePackWorker, standardLabels, WORLD_VOLUME } from "@mc-infra/config";
import { k8s } from "cdk8s-plus-33";
import { Construct } from "constructs";
import { contentHash } from "../lib/content-hash.ts";
import { restrictedContainerSecurityContext } from "../lib/pod-security.ts";
import { resources } from "../lib/resources.ts";
import type { PaperPodExtension } from "./paper-pod-extension.ts";
import { DATA_DIR, PAPER_USER } from "./paper-server.ts";

export const RESOURCE_PACK_INIT_SCRIPT_KEY = "resource-pack-init.sh";
/** The init container's name in every Paper pod. */
export const RESOURCE_PACK_INIT_CONTAINER = "resource-pack";
/** Pod template annotation carrying the script's hash. */
export const RESOURCE_PACK_INIT_HASH_ANNOTATION = "minecraft-infra/resource-pack-init-hash";
const SCRIPT = readFileSync(new URL("./resource-pack-init.sh", import.meta.url), "utf8");
const SCRIPT_DIR = "/opt/resource-pack-init";
const SCRIPT_VOLUME = "resource-pack-init";

export interface ResourcePackInitScriptProps {
  readonly network: Network;
}

/**
 * The init container's script, in one ConfigMap every Paper pod mounts (created once per chart, like
 * the patch set). Its hash goes on the pod template, so a changed script rolls the servers.
 */
export class ResourcePackInitScript extends Construct {
  readonly configMapName = "resource-pack-init";
  readonly script: string = SCRIPT;
  readonly hash: string = contentHash(SCRIPT);

  constructor(scope: Construct, id: string, props: ResourcePackInitScriptProps) {
    super(scope, id);
    new k8s.KubeConfigMap(this, "config-map", {
      metadata: {
        name: this.configMapName,
        labels: standardLabels(props.network, {
          name: "paper",
          instance: "resource-pack-init",
          component: "game-server",
        }),
      },
      data: { [RESOURCE_PACK_INIT_SCRIPT_KEY]: this.script },
    });
  }
}

/**
 * Writes the network's current resource pack (URL, SHA-1, id) and `require-resource-pack` into
 * server.properties before Paper starts, from the resource-pack Worker's `/api/pack/latest`. When the
 * edge cannot be reached the server starts with the pack it had last time.
 *
 * The Paper container must not set the image's RESOURCE_PACK* variables: the image would write those
 * over what this wrote. The pod reaches the Worker's hostname through the Paper NetworkPolicy's public
 * HTTPS egress.
 */
export function resourcePackInit(network: Network, script: ResourcePackInitScript): PaperPodExtension {
  const { resourcePack } = network;
  const { origin } = resourcePackWorker(network);
  const env: k8s.EnvVar[] = [
    { name: "RESOURCE_PACK_LATEST_URL", value: `${origin}/api/pack/latest` },
    // The Worker's PUBLIC_ORIGIN comes from the same fact (workerWiring); a record naming another is refused.
    { name: "RESOURCE_PACK_ORIGIN", value: origin },
    { name: "RESOURCE_PACK_REQUIRED", value: String(resourcePack.required) },
    { name: "SERVER_PROPERTIES", value: `${DATA_DIR}/server.properties` },
    ...(resourcePack.prompt
      ? [{ name: "RESOURCE_PACK_PROMPT", value: JSON.stringify({ text: resourcePack.prompt }) }]
      : []),
  ];
  const container: k8s.Container = {
    name: RESOURCE_PACK_INIT_CONTAINER,
    image: IMAGES.curl,
    command: ["/bin/sh", `${SCRIPT_DIR}/${RESOURCE_PACK_INIT_SCRIPT_KEY}`],
    env,
    resources: resources({
      cpu: { request: "10m", limit: "200m" },
      memory: { request: "16Mi", limit: "32Mi" },
    }),
    // As the owner of server.properties (Paper's user), so the server can still rewrite the file.
    securityContext: restrictedContainerSecurityContext(PAPER_USER),
    volumeMounts: [
      { name: SCRIPT_VOLUME, mountPath: SCRIPT_DIR, readOnly: true },
      { name: WORLD_VOLUME, mountPath: DATA_DIR },
    ],
  };
  return {
    name: "resource-pack",
    initContainers: [container],
    volumes: [{ name: SCRIPT_VOLUME, configMap: { name: script.configMapName, defaultMode: 0o555 } }],
    podAnnotations: { [RESOURCE_PACK_INIT_HASH_ANNOTATION]: script.hash },
  };
}
