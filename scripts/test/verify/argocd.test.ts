import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import {
  type ApplicationStatus,
  argocdApplicationsCheck,
  findKubeconfig,
  unsettledApplications,
} from "../../src/verify/checks/argocd-applications.ts";
import { type Running, startHttpStandIn } from "./loopback.ts";

const app = (name: string, sync?: string, health?: string): ApplicationStatus => ({
  metadata: { name },
  status: { sync: { status: sync }, health: { status: health } },
});

describe("ArgoCD application state", () => {
  it("names every application that is not both Synced and Healthy", () => {
    expect(
      unsettledApplications([
        app("minecraft", "Synced", "Healthy"),
        app("monitoring", "OutOfSync", "Healthy"),
        app("cloudflared", "Synced", "Degraded"),
        { metadata: { name: "new" } },
      ]),
    ).toEqual(["monitoring OutOfSync/Healthy", "cloudflared Synced/Degraded", "new Unknown/Unknown"]);
  });
});

describe("the ArgoCD check", () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0)) await step();
  });

  it("is skipped with a note when there is no kubeconfig", async () => {
    const home = mkdtempSync(join(tmpdir(), "verify-home-"));
    cleanup.push(() => rmSync(home, { recursive: true, force: true }));
    const kubeconfig = findKubeconfig({ HOME: home });
    expect(kubeconfig).toBeUndefined();
    expect(await argocdApplicationsCheck("argocd", kubeconfig).run(AbortSignal.timeout(5000))).toEqual({
      status: "skip",
      detail: "no kubeconfig (set KUBECONFIG to check ArgoCD)",
    });
  });

  // The Kubernetes API is the edge of the world here: a loopback stand-in serves the Application
  // list, so the real client library, the kubeconfig loading and our verdict all run.
  async function apiStandIn(items: ApplicationStatus[]): Promise<string> {
    const server: Running = await startHttpStandIn((request, response) => {
      if (request.url?.startsWith("/apis/argoproj.io/v1alpha1/namespaces/argocd/applications")) {
        response.setHeader("content-type", "application/json");
        return void response.end(
          JSON.stringify({ apiVersion: "argoproj.io/v1alpha1", kind: "ApplicationList", items }),
        );
      }
      response.writeHead(404).end();
    });
    cleanup.push(() => server.close());
    const dir = mkdtempSync(join(tmpdir(), "verify-kube-"));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, "config");
    writeFileSync(
      path,
      stringify({
        apiVersion: "v1",
        kind: "Config",
        // Plain HTTP on loopback: the client only allows it with TLS verification explicitly off.
        clusters: [{ name: "stand-in", cluster: { server: server.url, "insecure-skip-tls-verify": true } }],
        users: [{ name: "stand-in", user: { token: "not-a-real-token" } }],
        contexts: [{ name: "stand-in", context: { cluster: "stand-in", user: "stand-in" } }],
        "current-context": "stand-in",
      }),
    );
    expect(findKubeconfig({ KUBECONFIG: path })).toBe(path);
    return path;
  }

  it("passes when every application is Synced and Healthy", async () => {
    const path = await apiStandIn([
      app("minecraft", "Synced", "Healthy"),
      app("monitoring", "Synced", "Healthy"),
    ]);
    expect(await argocdApplicationsCheck("argocd", path).run(AbortSignal.timeout(5000))).toEqual({
      status: "pass",
      detail: "2 applications",
    });
  });

  it("fails naming the applications that are not", async () => {
    const path = await apiStandIn([
      app("minecraft", "Synced", "Healthy"),
      app("monitoring", "OutOfSync", "Missing"),
    ]);
    expect(await argocdApplicationsCheck("argocd", path).run(AbortSignal.timeout(5000))).toEqual({
      status: "fail",
      detail: "monitoring OutOfSync/Missing",
    });
  });
});
