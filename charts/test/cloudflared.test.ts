import { clusterSecrets, IMAGES } from "@mc-infra/config";
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { INamespace } from "kubernetes-models/v1/Namespace";
import { describe, expect, it } from "vitest";
import { CloudflaredChart } from "../src/cloudflared/chart.ts";
import { CLOUDFLARED_METRICS_PORT, CloudflaredTunnel } from "../src/cloudflared/cloudflared-tunnel.ts";
import { CLOUDFLARED_SELECTOR } from "../src/cloudflared/labels.ts";
import { exampleNetwork } from "./support/network.ts";
import { restrictedViolations } from "./support/pod-security.ts";
import { find, ofKind, synthChart, synthConstruct } from "./support/synth.ts";
import { schemaProblems } from "./support/validate.ts";

describe("CloudflaredTunnel", () => {
  const network = exampleNetwork();
  const objects = synthConstruct(
    (scope) => new CloudflaredTunnel(scope, "tunnel", { network }),
    "cloudflared",
  );
  const deployment = find<IDeployment>(objects, "Deployment", "cloudflared");
  const pod = deployment.spec!.template.spec!;
  const connector = pod.containers[0]!;

  it("renders only documents that pass their Kubernetes schemas", () => {
    expect(objects.flatMap(schemaProblems)).toEqual([]);
  });

  it("runs two replicas of the pinned image as a token-run tunnel that never updates itself", () => {
    expect(deployment.spec?.replicas).toBe(2);
    expect(connector.image).toBe(IMAGES.cloudflared);
    expect(connector.args?.[0]).toBe("tunnel");
    expect(connector.args?.at(-1)).toBe("run");
    expect(connector.args).toContain("--no-autoupdate");
  });

  it("takes the tunnel token only by reference to the Secret Pulumi creates", () => {
    const token = clusterSecrets(network).tunnelToken;
    expect(connector.env).toEqual([
      { name: "TUNNEL_TOKEN", valueFrom: { secretKeyRef: { name: token.name, key: token.keys[0] } } },
    ]);
    expect(token.namespace).toBe(network.cluster.namespaces.cloudflared);
    expect(ofKind(objects, "Secret")).toEqual([]);
  });

  it("serves metrics and reports ready only once it holds a connection to the edge", () => {
    const metricsFlag = connector.args!.indexOf("--metrics");
    expect(connector.args![metricsFlag + 1]).toBe(`0.0.0.0:${CLOUDFLARED_METRICS_PORT}`);
    expect(connector.ports).toContainEqual({
      name: "metrics",
      containerPort: CLOUDFLARED_METRICS_PORT,
      protocol: "TCP",
    });
    expect(connector.readinessProbe?.httpGet).toEqual({ path: "/ready", port: "metrics" });
    expect(connector.livenessProbe?.httpGet?.path).toBe("/ready");
  });

  it("runs as a non-root user with a read-only root filesystem under Pod Security restricted", () => {
    expect(restrictedViolations(pod)).toEqual([]);
    expect(pod.securityContext?.runAsUser).not.toBe(0);
    expect(connector.securityContext?.readOnlyRootFilesystem).toBe(true);
    expect(connector.resources?.limits?.memory).toBeDefined();
  });

  it("spreads its replicas across nodes and keeps one through voluntary disruptions", () => {
    const term =
      pod.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.[0]?.podAffinityTerm;
    expect(term?.topologyKey).toBe("kubernetes.io/hostname");
    expect(term?.labelSelector?.matchLabels).toEqual(CLOUDFLARED_SELECTOR);
    const pdb = find<{ spec: { maxUnavailable: number } }>(objects, "PodDisruptionBudget", "cloudflared");
    expect(pdb.spec.maxUnavailable).toBe(1);
  });
});

describe("CloudflaredChart", () => {
  it("owns a namespace that enforces Pod Security restricted", () => {
    const network = exampleNetwork();
    const objects = synthChart((app) => new CloudflaredChart(app, network));
    const namespace = find<INamespace>(objects, "Namespace");
    expect(namespace.metadata?.labels?.["pod-security.kubernetes.io/enforce"]).toBe("restricted");
  });
});
