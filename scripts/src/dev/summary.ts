import type { StackFile } from "./stack-file.ts";

/** What `pnpm dev` prints once everything listens: where each part is and how to use it. */
export function formatSummary(stack: StackFile, stackFile: string): string {
  const rows: [string, string, string][] = [
    [
      "Minecraft stand-in",
      `${stack.minecraft.host}:${stack.minecraft.port}`,
      "development stand-in, not Velocity/Paper: answers the server list, refuses logins",
    ],
    ["status page", stack.statusUrl, "the status Worker; its cron runs every minute"],
    ["status API", `${stack.statusUrl}api/status`, `check now: curl '${stack.statusUrl}__scheduled'`],
    ["resource pack", `${stack.resourcePackUrl}api/pack/latest`, "the resource-pack Worker"],
    ...stack.ingressNodes.map((node): [string, string, string] => [
      `ingress ${node.name}`,
      node.healthUrl,
      "health agent → stand-in; needs X-Gateway-Secret",
    ]),
    ["S3 (s3rver)", stack.s3.endpoint, `buckets ${stack.s3.buckets.join(", ")}`],
  ];
  const nameWidth = Math.max(...rows.map(([name]) => name.length));
  const urlWidth = Math.max(...rows.map(([, url]) => url.length));
  const { secrets } = stack;
  return [
    `${stack.network} (${stack.environment}) runs on this machine, loopback only. Ctrl-C stops everything.`,
    "",
    ...rows.map(([name, url, note]) => `  ${name.padEnd(nameWidth)}  ${url.padEnd(urlWidth)}  ${note}`),
    "",
    `Credentials of this run (new at every start; also in ${stackFile}, readable by you only):`,
    `  GATEWAY_SECRET=${secrets.gatewaySecret}`,
    `  RESOURCE_PACK_ADMIN_TOKEN=${secrets.resourcePackAdminToken}`,
    `  STATUS_ADMIN_TOKEN=${secrets.statusAdminToken}`,
    `  S3: AWS_ACCESS_KEY_ID=${stack.s3.accessKeyId} AWS_SECRET_ACCESS_KEY=${stack.s3.secretAccessKey} (s3rver's fixed pair)`,
    "",
    "Try:",
    "  pnpm verify --local",
    `  RESOURCE_PACK_URL=${stack.resourcePackUrl.replace(/\/$/, "")} RESOURCE_PACK_ADMIN_TOKEN=${secrets.resourcePackAdminToken} pnpm pack:publish <pack.zip>`,
    `  curl -H 'X-Gateway-Secret: ${secrets.gatewaySecret}' ${stack.ingressNodes[0]!.healthUrl}`,
  ].join("\n");
}
