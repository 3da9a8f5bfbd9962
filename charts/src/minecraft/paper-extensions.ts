import type { Network, ServerSpec } from "@mc-infra/config";
import type { PaperPodExtension } from "./paper-pod-extension.ts";
import { skriptSync } from "./skript-sync.ts";

/**
 * Everything other features add to a Paper server's pod, in order. A feature that needs the pod
 * (resource pack, metrics, …) adds one entry here; PaperServer refuses clashing names.
 */
export function paperExtensions(network: Network, server: ServerSpec): PaperPodExtension[] {
  const extensions: (PaperPodExtension | undefined)[] = [skriptSync(network, server)];
  return extensions.filter((extension): extension is PaperPodExtension => extension !== undefined);
}
