import { clusterSecrets, velocityService } from "@mc-infra/config";
import { beforeAll, describe, expect, it } from "vitest";
import { type BothLayers, renderBothLayers } from "./edge-under-mocks.ts";
import { secretReferences, unsatisfiedReferences } from "./secret-references.ts";

/** The cross-layer checks for one environment: run from one test file per environment (one program per module graph). */
export function crossLayerSuite(environment: string): void {
  describe(`manifests and edge agree (${environment})`, () => {
    let layers: BothLayers;
    beforeAll(async () => {
      layers = await renderBothLayers(environment);
    });

    it("every Secret a rendered manifest references is created by Pulumi, with the keys it reads", () => {
      const references = secretReferences(layers.objects).filter(
        // The Skript repo's git credentials are the operator's own, not the edge's.
        (reference) => reference.name !== layers.network.skript.credentialsSecret,
      );
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
