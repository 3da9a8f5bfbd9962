import type { Network } from "@mc-infra/config";
import { App, Chart } from "cdk8s";
import type { Construct } from "constructs";
import { CLUSTER_SCOPED_KINDS, type ManifestObject } from "../../src/lib/kinds.ts";
import { renderNetwork } from "../../src/render.ts";

function objectsOf(chart: Chart): ManifestObject[] {
  return (chart.toJson() as ManifestObject[]).map((object) => {
    if (CLUSTER_SCOPED_KINDS.has(object.kind)) delete object.metadata.namespace;
    return object;
  });
}

/** The objects one construct renders, in a bare chart in `namespace`. */
export function synthConstruct(build: (scope: Construct) => void, namespace = "test"): ManifestObject[] {
  const chart = new Chart(new App(), "test", { namespace });
  build(chart);
  return objectsOf(chart);
}

/** The objects a whole chart renders. */
export function synthChart(build: (app: App) => Chart): ManifestObject[] {
  return objectsOf(build(new App()));
}

/** Everything `pnpm synth` would render for a network, by app folder (`apps/minecraft`, …). */
export function synthNetwork(network: Network): ReadonlyMap<string, readonly ManifestObject[]> {
  return renderNetwork(network, { configFile: "network.config.ts", environment: network.environment })
    .objects;
}

/** The one object of a kind and name; fails the test if there is none or more than one. */
export function find<T = ManifestObject>(objects: readonly ManifestObject[], kind: string, name?: string): T {
  const matches = objects.filter(
    (object) => object.kind === kind && (name === undefined || object.metadata.name === name),
  );
  if (matches.length !== 1) {
    throw new Error(`expected one ${kind}${name ? ` "${name}"` : ""}, found ${matches.length}`);
  }
  return matches[0] as T;
}

export function ofKind<T = ManifestObject>(objects: readonly ManifestObject[], kind: string): T[] {
  return objects.filter((object) => object.kind === kind) as T[];
}
