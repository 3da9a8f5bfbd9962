import { type Network, standardLabels } from "@mc-infra/config";

/** Chart-wide labels; constructs override name/instance/component with their own. */
export function appLabels(network: Network, appName: string): Record<string, string> {
  return standardLabels(network, { name: appName, component: appName });
}
