import { type Network, standardLabels } from "@mc-infra/config";
import { k8s } from "cdk8s-plus-33";
import { Construct } from "constructs";
import { contentHash } from "../lib/content-hash.ts";

export const PATCHES_DIR = "/patches";
export const VELOCITY_PATCH_FILE = "velocity-forwarding.json";

/**
 * The image's patch set (mc-image-helper `patch`, applied on every start after the default config
 * files are in place) that puts Paper behind Velocity: modern forwarding on, BungeeCord forwarding
 * off. The secret itself is not written anywhere: Paper reads `PAPER_VELOCITY_SECRET` from the
 * environment once `proxies.velocity.enabled` is true.
 */
export function velocityForwardingPatch(): string {
  const set = (path: string, value: unknown) => ({ $set: { path, value } });
  return `${JSON.stringify(
    {
      patches: [
        {
          file: "/data/config/paper-global.yml",
          ops: [set("$.proxies.velocity.enabled", true), set("$.proxies.velocity['online-mode']", true)],
        },
        { file: "/data/spigot.yml", ops: [set("$.settings.bungeecord", false)] },
      ],
    },
    null,
    2,
  )}\n`;
}

export interface PaperPatchesProps {
  readonly network: Network;
}

/** One ConfigMap of patch sets shared by every Paper server. */
export class PaperPatches extends Construct {
  readonly configMapName = "paper-patches";
  readonly hash: string;

  constructor(scope: Construct, id: string, props: PaperPatchesProps) {
    super(scope, id);
    const patch = velocityForwardingPatch();
    this.hash = contentHash(patch);
    new k8s.KubeConfigMap(this, "config-map", {
      metadata: {
        name: this.configMapName,
        labels: standardLabels(props.network, {
          name: "paper",
          instance: "paper-patches",
          component: "game-server",
        }),
      },
      data: { [VELOCITY_PATCH_FILE]: patch },
    });
  }
}
