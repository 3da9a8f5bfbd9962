import type { Network } from "@mc-infra/config";
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { tunnelIngressRules } from "./tunnel-ingress.ts";

export interface TunnelArgs {
  readonly network: Network;
  readonly accountId: string;
}

/**
 * The Cloudflare Tunnel the cluster's cloudflared runs, its remotely managed ingress, and the Access
 * application that lets only the ingress nodes' service token through the relay hostname.
 */
export class Tunnel extends pulumi.ComponentResource {
  readonly tunnelId: pulumi.Output<string>;
  /** What the in-cluster cloudflared runs with (`TUNNEL_TOKEN`). */
  readonly token: pulumi.Output<string>;
  /** The Access service token the ingress nodes present. */
  readonly relayClientId: pulumi.Output<string>;
  readonly relayClientSecret: pulumi.Output<string>;

  constructor(name: string, args: TunnelArgs, opts?: pulumi.ComponentResourceOptions) {
    super("mc-infra:edge:Tunnel", name, {}, opts);
    const { network, accountId } = args;

    // A remotely managed tunnel still needs a secret of at least 32 bytes, base64.
    const tunnelSecret = new random.RandomBytes(`${name}-secret`, { length: 32 }, { parent: this });
    const tunnel = new cloudflare.ZeroTrustTunnelCloudflared(
      `${name}-tunnel`,
      { accountId, name: network.name, configSrc: "cloudflare", tunnelSecret: tunnelSecret.base64 },
      { parent: this },
    );
    new cloudflare.ZeroTrustTunnelCloudflaredConfig(
      `${name}-config`,
      { accountId, tunnelId: tunnel.id, config: { ingresses: tunnelIngressRules(network) } },
      { parent: this },
    );
    this.tunnelId = tunnel.id;
    this.token = pulumi.secret(
      cloudflare.getZeroTrustTunnelCloudflaredTokenOutput(
        { accountId, tunnelId: tunnel.id },
        { parent: this },
      ).token,
    );

    const relayToken = new cloudflare.ZeroTrustAccessServiceToken(
      `${name}-relay-token`,
      // Rotated on purpose (clientSecretVersion), not by a silent yearly expiry that takes players offline.
      { accountId, name: `${network.name} ingress relay`, duration: "forever" },
      { parent: this },
    );
    const relayPolicy = new cloudflare.ZeroTrustAccessPolicy(
      `${name}-relay-policy`,
      {
        accountId,
        name: `${network.name} ingress nodes only`,
        // Service tokens carry no identity: `non_identity` is the decision that admits them.
        decision: "non_identity",
        includes: [{ serviceToken: { tokenId: relayToken.id } }],
      },
      { parent: this },
    );
    new cloudflare.ZeroTrustAccessApplication(
      `${name}-relay-app`,
      {
        accountId,
        name: `${network.name} Minecraft relay`,
        type: "self_hosted",
        domain: network.edge.tunnelHostname,
        destinations: [{ type: "public", uri: network.edge.tunnelHostname }],
        policies: [{ id: relayPolicy.id, precedence: 1 }],
        sessionDuration: "24h",
        appLauncherVisible: false,
      },
      { parent: this },
    );
    this.relayClientId = pulumi.secret(relayToken.clientId);
    this.relayClientSecret = pulumi.secret(relayToken.clientSecret);

    this.registerOutputs({ tunnelId: this.tunnelId });
  }
}
