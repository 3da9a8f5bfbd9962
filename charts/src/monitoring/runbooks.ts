import type { Network } from "@mc-infra/config";

/** Runbook pages under docs/runbooks/, by what they answer. */
export const RUNBOOKS = {
  alerts: "alerts.md",
  restartServer: "restart-server.md",
  restoreWorld: "restore-world.md",
  rollbackDeploy: "rollback-deploy.md",
  ingressFailover: "ingress-failover.md",
  rotateSecret: "rotate-secret.md",
  incidentTemplate: "incident-template.md",
  targets: "targets.md",
} as const;

/**
 * A browsable link to a runbook section in this repository at the revision ArgoCD deploys, so the
 * link in a Discord alert shows the runbook that matches what is running. Git URLs are turned into
 * their web form (`https://host/owner/repo/blob/<rev>/docs/runbooks/<file>#<anchor>`, GitHub's layout).
 */
export function runbookUrl(network: Network, file: string, anchor?: string): string {
  const { repoURL, targetRevision } = network.argocd;
  const web = repoURL
    .replace(/^ssh:\/\/(?:[^@/]+@)?([^/:]+)(?::\d+)?\//, "https://$1/")
    .replace(/\.git$/, "")
    .replace(/\/$/, "");
  return `${web}/blob/${targetRevision}/docs/runbooks/${file}${anchor ? `#${anchor}` : ""}`;
}

/** GitHub's heading anchor: lower-case, punctuation dropped, spaces to dashes. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}
