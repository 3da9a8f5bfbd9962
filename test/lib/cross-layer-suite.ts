import { copyFile, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { clusterSecrets, kvNamespaceTitles, velocityService, workerWiring } from "@mc-infra/config";
import { beforeAll, describe, expect, it } from "vitest";
import definition from "../../network.config.ts";
import { syncWorkers } from "../../scripts/edge-sync/sync.ts";
import { type BothLayers, renderBothLayers, type StackOptions } from "./edge-under-mocks.ts";
import { secretReferences, unsatisfiedReferences } from "./secret-references.ts";
import { WORKERS_DIR, wiringMismatches, wranglerSection } from "./wrangler-bindings.ts";

/** The cross-layer checks for one environment: run from one test file per environment (one program per module graph). */
export function crossLayerSuite(environment: string, stack: StackOptions = {}): void {
  describe(`manifests and edge agree (${environment}${stack.configFile ? `, ${stack.configFile}` : ""})`, () => {
    let layers: BothLayers;
    beforeAll(async () => {
      layers = await renderBothLayers(environment, stack);
    });

    it("every Secret a rendered manifest references is created by Pulumi, with the keys it reads", () => {
      const references = secretReferences(layers.objects);
      expect(references.length).toBeGreaterThan(0);
      expect(unsatisfiedReferences(references, layers.createdSecrets)).toEqual([]);
    });

    it("Pulumi creates exactly the Secrets clusterSecrets() lists", () => {
      expect(layers.createdSecrets.map((secret) => `${secret.namespace}/${secret.name}`).sort()).toEqual(
        Object.values(clusterSecrets(layers.network))
          .map((ref) => `${ref.namespace}/${ref.name}`)
          .sort(),
      );
    });

    it("the tunnel's ingress target is the Velocity Service's cluster DNS name and port", () => {
      const config = layers.resources.find((resource) =>
        resource.type.endsWith(":ZeroTrustTunnelCloudflaredConfig"),
      )!;
      const ingresses = (config.inputs.config as { ingresses: { hostname?: string; service: string }[] })
        .ingresses;
      const relay = ingresses.find((rule) => rule.hostname === layers.network.edge.tunnelHostname);
      const velocity = velocityService(layers.network);
      expect(relay?.service).toBe(`tcp://${velocity.host}:${velocity.port}`);
    });

    it("edge:sync writes the KV ids, buckets, vars and domains Pulumi created into the right bindings", async () => {
      const workersDir = await mkdtemp(join(tmpdir(), "edge-sync-"));
      try {
        const wiring = workerWiring(layers.network);
        for (const { dir } of Object.values(wiring)) {
          await mkdir(join(workersDir, dir));
          await copyFile(join(WORKERS_DIR, dir, "wrangler.jsonc"), join(workersDir, dir, "wrangler.jsonc"));
        }
        const sync = () =>
          syncWorkers({
            outputs: { environment, workers: layers.workers },
            workersDir,
            defaultEnvironment: definition.defaultEnvironment,
          });
        expect((await sync()).map((result) => [result.worker, result.status])).toEqual([
          ["resource-pack", "updated"],
          ["status", "updated"],
        ]);
        expect((await sync()).every((result) => result.status === "unchanged")).toBe(true);

        const titles = kvNamespaceTitles(layers.network);
        const kvIdByTitle = new Map(
          layers.resources
            .filter((resource) => resource.type.endsWith(":WorkersKvNamespace"))
            .map((resource) => [resource.inputs.title as string, resource.id]),
        );
        const bucketNames = layers.resources
          .filter((resource) => resource.type.endsWith(":R2Bucket"))
          .map((resource) => resource.inputs.name);
        const path = environment === definition.defaultEnvironment ? [] : ["env", environment];
        for (const spec of Object.values(wiring)) {
          const section = wranglerSection(
            await readFile(join(workersDir, spec.dir, "wrangler.jsonc"), "utf8"),
            path,
          );
          expect(wiringMismatches(spec, section), spec.dir).toEqual([]);
          expect(section.kv_namespaces).toEqual(
            Object.entries(spec.kvNamespaces).map(([binding, key]) => ({
              binding,
              id: kvIdByTitle.get(titles[key]),
            })),
          );
          for (const bucket of (section.r2_buckets ?? []) as { bucket_name: string }[])
            expect(bucketNames).toContain(bucket.bucket_name);
          expect(section.vars).toMatchObject(spec.vars);
          expect(section.routes).toEqual([{ pattern: spec.hostname, custom_domain: true }]);
        }
      } finally {
        await rm(workersDir, { recursive: true, force: true });
      }
    });

    it("the rendered Velocity Service (once the charts render it) is the one the tunnel dials", (context) => {
      const velocity = velocityService(layers.network);
      const service = layers.objects.find(
        (object) =>
          object.kind === "Service" &&
          object.metadata.name === velocity.name &&
          object.metadata.namespace === velocity.namespace,
      ) as { spec: { ports: { port: number }[] } } | undefined;
      if (!service) {
        context.skip("the charts do not render a Velocity Service yet");
        return;
      }
      expect(service.spec.ports.map((port) => port.port)).toContain(velocity.port);
    });
  });
}
