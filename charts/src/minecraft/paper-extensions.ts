import type { Network, ServerSpec } from "@mc-infra/config";
import type { PaperPodExtension } from "./paper-pod-extension.ts";
import { type ResourcePackInitScript, resourcePackInit } from "./resource-pack-init.ts";
import { skriptSync } from "./skript-sync.ts";

/** What the extensions share across servers: ConfigMaps created once in the chart. */
export interface SharedPaperConfig {
  readonly resourcePackInit: ResourcePackInitScript;
}

/**
 * Everything other features add to a Paper server's pod, in order. A feature that needs the pod
 * (resource pack, metrics, …) adds one entry here; PaperServer refuses clashing names.
 */
export function paperExtensions(
  network: Network,
  server: ServerSpec,
  shared: SharedPaperConfig,
): PaperPodExtension[] {
  const extensions: (PaperPodExtension | undefined)[] = [
    resourcePackInit(network, shared.resourcePackInit),
    skriptSync(network, server),
  ];
  return extensions.filter((extension): extension is PaperPodExtension => extension !== undefined);
}
