import { readFileSync } from "node:fs";
import { IMAGES, type Network, resourcePackWorker } from "@mc-infra/config";
import { Size } from "cdk8s";
import { ConfigMap, type ContainerProps, Cpu, EnvValue, Volume } from "cdk8s-plus-33";
import { Construct } from "constructs";

const SCRIPT_KEY = "resource-pack-init.sh";
const SCRIPT = readFileSync(new URL("./resource-pack-init.sh", import.meta.url), "utf8");
const SCRIPT_DIR = "/opt/resource-pack-init";

export interface ResourcePackInitProps {
  readonly network: Network;
  /** The volume mounted at the Paper container's data directory, which holds server.properties. */
  readonly dataVolume: Volume;
  /**
   * Where the Paper container mounts `dataVolume` (the itzg image's data directory).
   * @default "/data"
   */
  readonly dataPath?: string;
  /**
   * User and group the script runs as: the owner of server.properties, so Paper can still write it.
   * @default 1000, the itzg image's default UID and GID
   */
  readonly runAsUser?: number;
}

/**
 * The init container that writes the current resource pack (URL, SHA-1, id) and
 * `require-resource-pack` into server.properties before Paper starts, from the resource-pack
 * Worker's `/api/pack/latest`; the script lives in a ConfigMap. Add it to a Paper pod with
 *
 *     const init = new ResourcePackInit(this, "resource-pack", { network, dataVolume });
 *     statefulSet.addInitContainer(init.container);
 *     statefulSet.addVolume(init.scriptVolume);
 *
 * The Paper container must not set the image's RESOURCE_PACK* variables: the image would write
 * those over what the init container wrote.
 */
export class ResourcePackInit extends Construct {
  readonly configMap: ConfigMap;
  /** Mounts the script; the pod needs it as a volume next to the init container. */
  readonly scriptVolume: Volume;
  readonly container: ContainerProps;

  constructor(scope: Construct, id: string, props: ResourcePackInitProps) {
    super(scope, id);
    const dataPath = props.dataPath ?? "/data";
    const user = props.runAsUser ?? 1000;
    const { resourcePack } = props.network;

    this.configMap = new ConfigMap(this, "script", {
      metadata: { name: "resource-pack-init" },
      data: { [SCRIPT_KEY]: SCRIPT },
    });
    this.scriptVolume = Volume.fromConfigMap(this, "script-volume", this.configMap, {
      name: "resource-pack-init",
      defaultMode: 0o555,
    });
    this.container = {
      name: "resource-pack",
      image: IMAGES.curl,
      command: ["/bin/sh", `${SCRIPT_DIR}/${SCRIPT_KEY}`],
      envVariables: {
        RESOURCE_PACK_LATEST_URL: EnvValue.fromValue(
          `${resourcePackWorker(props.network).origin}/api/pack/latest`,
        ),
        RESOURCE_PACK_REQUIRED: EnvValue.fromValue(String(resourcePack.required)),
        SERVER_PROPERTIES: EnvValue.fromValue(`${dataPath}/server.properties`),
        ...(resourcePack.prompt
          ? { RESOURCE_PACK_PROMPT: EnvValue.fromValue(JSON.stringify({ text: resourcePack.prompt })) }
          : {}),
      },
      volumeMounts: [
        { volume: this.scriptVolume, path: SCRIPT_DIR, readOnly: true },
        { volume: props.dataVolume, path: dataPath },
      ],
      securityContext: {
        user,
        group: user,
        ensureNonRoot: true,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
      },
      resources: {
        cpu: { request: Cpu.millis(10), limit: Cpu.millis(200) },
        memory: { request: Size.mebibytes(16), limit: Size.mebibytes(32) },
      },
    };
  }
}
