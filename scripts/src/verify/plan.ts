import type { Check } from "./check.ts";
import { adminAuthCheck } from "./checks/admin-auth.ts";
import { argocdApplicationsCheck } from "./checks/argocd-applications.ts";
import { edgeStatusCheck } from "./checks/edge-status.ts";
import { ingressHealthChecks } from "./checks/ingress-health.ts";
import { resourcePackCheck } from "./checks/resource-pack.ts";
import { serverListPingCheck } from "./checks/server-list-ping.ts";
import type { VerifyTargets } from "./targets.ts";

/** Every post-deploy check, in the order the table shows them: the player's path first, then the edge, then GitOps. */
export function verifyPlan(targets: VerifyTargets): Check[] {
  return [
    serverListPingCheck(targets.minecraft),
    ...ingressHealthChecks(targets.ingressNodes, targets.gatewaySecret),
    resourcePackCheck(targets.resourcePackUrl),
    adminAuthCheck("resource pack", "PUT", new URL("/api/pack", targets.resourcePackUrl).href),
    edgeStatusCheck(targets.statusUrl),
    adminAuthCheck("status", "PUT", new URL("/api/config", targets.statusUrl).href),
    argocdApplicationsCheck(targets.argocdNamespace, targets.kubeconfig),
  ];
}
