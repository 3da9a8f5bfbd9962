import { type Network, PORTS, paperService } from "@mc-infra/config";
import { k8s } from "cdk8s-plus-33";
import { Construct } from "constructs";
import { stringify } from "smol-toml";
import { contentHash } from "../lib/content-hash.ts";
import { velocityLabels } from "./labels.ts";

/** Velocity 3.4's config schema; an older number makes Velocity migrate (and rewrite) the file on start. */
export const VELOCITY_CONFIG_VERSION = "2.7";
export const VELOCITY_TOML = "velocity.toml";

/**
 * `velocity.toml` for the network. Only what we decide is written; Velocity fills every other key
 * with its default. The forwarding secret is not here: Velocity reads `VELOCITY_FORWARDING_SECRET`
 * from the environment before it looks for a secret file.
 */
export function velocityToml(network: Network): string {
  const { proxy } = network;
  const servers: Record<string, string> = {};
  for (const server of network.servers) {
    const backend = paperService(network, server);
    servers[server.name] = `${backend.host}:${backend.port}`;
  }
  return stringify({
    "config-version": VELOCITY_CONFIG_VERSION,
    // Velocity's default bind is 25565 while the image's health check assumes 25577: say it.
    bind: `0.0.0.0:${PORTS.velocity}`,
    motd: proxy.motd,
    "show-max-players": proxy.showMaxPlayers,
    "online-mode": true,
    "force-key-authentication": true,
    "player-info-forwarding-mode": "modern",
    servers: { ...servers, try: [...proxy.try] },
    "forced-hosts": Object.fromEntries(
      Object.entries(proxy.forcedHosts).map(([host, targets]) => [host, [...targets]]),
    ),
    advanced: {
      "haproxy-protocol": proxy.proxyProtocol,
      // Without PROXY headers every tunnelled player shares cloudflared's address, and the per-address
      // login limit would turn away everyone but the first player to join within 3 s.
      "login-ratelimit": proxy.proxyProtocol ? 3000 : 0,
    },
  });
}

export interface VelocityConfigProps {
  readonly network: Network;
}

/** The ConfigMap holding `velocity.toml`, and the digest the Deployment rolls on. */
export class VelocityConfig extends Construct {
  readonly configMapName = "velocity-config";
  readonly toml: string;
  /** Changes whenever the file does; stamped on the pod template. */
  readonly hash: string;

  constructor(scope: Construct, id: string, props: VelocityConfigProps) {
    super(scope, id);
    this.toml = velocityToml(props.network);
    this.hash = contentHash(this.toml);
    new k8s.KubeConfigMap(this, "config-map", {
      metadata: {
        name: this.configMapName,
        labels: velocityLabels(props.network),
      },
      data: { [VELOCITY_TOML]: this.toml },
    });
  }
}
