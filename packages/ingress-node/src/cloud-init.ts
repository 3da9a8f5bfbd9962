import { gzipSync } from "node:zlib";
import type { Network } from "@mc-infra/config";
import { stringify } from "yaml";
import { renderHaproxyConfig } from "./haproxy-config.ts";
import { renderNftablesConfig } from "./nftables-config.ts";
import { NODE_PATHS, renderCloudflaredAccessUnit, renderHealthAgentUnit } from "./systemd-units.ts";

export type IngressRole = "primary" | "standby";

export interface NodeCredentials {
  /** Access service token the relay presents to the Tunnel hostname's Access application. */
  readonly accessClientId: string;
  readonly accessClientSecret: string;
  /** What the load balancer's monitor sends in X-Gateway-Secret. */
  readonly gatewaySecret: string;
}

export interface CloudInitProps {
  readonly network: Network;
  readonly role: IngressRole;
  readonly credentials: NodeCredentials;
  /** The health agent, bundled (see bundleHealthAgent). */
  readonly agentBundle: string;
}

/** Cloudflare's apt repository: cloudflared from its package, upgraded with the rest of the node. */
const CLOUDFLARE_APT = {
  keyUrl: "https://pkg.cloudflare.com/cloudflare-main.gpg",
  keyring: "/usr/share/keyrings/cloudflare-main.gpg",
  list: "/etc/apt/sources.list.d/cloudflared.list",
} as const;

/**
 * cloud-init user-data that turns a fresh Debian/Ubuntu VPS into an ingress node. It holds the node's
 * credentials, so it is only ever a secret Pulumi output, never a file in git.
 */
export function renderCloudInit(props: CloudInitProps): string {
  const { network, role, credentials } = props;
  const node = network.ingressNodes[role];
  const healthPort = network.ingressNodes.healthPort;
  const file = (path: string, content: string, permissions = "0644") => ({
    path,
    content,
    permissions,
    owner: "root:root",
  });
  const config = {
    hostname: node.name,
    package_update: true,
    package_upgrade: true,
    packages: ["haproxy", "nftables", "nodejs", "openssl", "curl", "gnupg", "unattended-upgrades"],
    write_files: [
      file("/etc/nftables.conf", renderNftablesConfig(healthPort), "0755"),
      file("/etc/haproxy/haproxy.cfg", renderHaproxyConfig()),
      file(
        "/etc/systemd/system/cloudflared-access.service",
        renderCloudflaredAccessUnit(network.edge.tunnelHostname),
      ),
      file("/etc/systemd/system/mc-health-agent.service", renderHealthAgentUnit(healthPort)),
      file(
        NODE_PATHS.accessTokenEnv,
        `TUNNEL_SERVICE_TOKEN_ID=${credentials.accessClientId}\nTUNNEL_SERVICE_TOKEN_SECRET=${credentials.accessClientSecret}\n`,
        "0600",
      ),
      file(NODE_PATHS.gatewaySecret, `${credentials.gatewaySecret}\n`, "0600"),
      {
        path: NODE_PATHS.agent,
        encoding: "gz+b64",
        content: gzipSync(props.agentBundle, { level: 9 }).toString("base64"),
        permissions: "0644",
        owner: "root:root",
      },
      // Deferred: written after the first package update (cloud-init's final stage, before runcmd).
      // Written earlier, that `apt-get update` would read a source whose keyring runcmd has not
      // fetched yet, fail, and cloud-init would report the node failed although it converges.
      {
        ...file(
          CLOUDFLARE_APT.list,
          `deb [signed-by=${CLOUDFLARE_APT.keyring}] https://pkg.cloudflare.com/cloudflared any main\n`,
        ),
        defer: true,
      },
    ],
    runcmd: [
      // The firewall first: nothing else listens before default-deny is in place.
      ["systemctl", "enable", "--now", "nftables"],
      ["nft", "-f", "/etc/nftables.conf"],
      ["sh", "-c", `curl -fsSL ${CLOUDFLARE_APT.keyUrl} -o ${CLOUDFLARE_APT.keyring}`],
      ["apt-get", "update"],
      ["apt-get", "install", "-y", "cloudflared"],
      [
        "sh",
        "-c",
        `[ -f ${NODE_PATHS.tlsKey} ] || openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 -subj /CN=${node.name} -keyout ${NODE_PATHS.tlsKey} -out ${NODE_PATHS.tlsCert}`,
      ],
      ["chmod", "0600", NODE_PATHS.tlsKey],
      ["systemctl", "daemon-reload"],
      ["systemctl", "enable", "--now", "cloudflared-access.service", "mc-health-agent.service"],
      ["systemctl", "enable", "haproxy"],
      ["systemctl", "restart", "haproxy"],
    ],
  };
  return `#cloud-config\n# Ingress node ${node.name} (${role}) of ${network.name}. Holds credentials: treat as a secret.\n${stringify(config, { lineWidth: 0 })}`;
}
