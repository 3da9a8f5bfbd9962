import { GATEWAY_SECRET_HEADER, type Network } from "@mc-infra/config";
import { bundleHealthAgent, type IngressRole, renderCloudInit } from "@mc-infra/ingress-node";
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { generatedSecret } from "./generated-secrets.ts";

export interface IngressArgs {
  readonly network: Network;
  readonly accountId: string;
  readonly zoneId: string;
  readonly relayClientId: pulumi.Output<string>;
  readonly relayClientSecret: pulumi.Output<string>;
}

const ROLES: readonly IngressRole[] = ["primary", "standby"];

/**
 * The public Minecraft hostname: a DNS-only load balancer answering with the primary ingress node
 * while its health agent says so, else the standby. Plus each node's cloud-init.
 */
export class Ingress extends pulumi.ComponentResource {
  readonly cloudInit: Record<IngressRole, pulumi.Output<string>>;
  /** What the monitor sends in X-Gateway-Secret and the health agents expect. */
  readonly gatewaySecret: pulumi.Output<string>;

  constructor(name: string, args: IngressArgs, opts?: pulumi.ComponentResourceOptions) {
    super("mc-infra:edge:Ingress", name, {}, opts);
    const { network, accountId, zoneId } = args;
    this.gatewaySecret = generatedSecret(`${name}-gateway-secret`, this);

    const monitor = new cloudflare.LoadBalancerMonitor(
      `${name}-health`,
      {
        accountId,
        description: `${network.name} ingress health agent`,
        // HTTPS with the node's self-signed certificate: the gateway secret never crosses the internet in clear.
        type: "https",
        allowInsecure: true,
        method: "GET",
        path: "/health",
        port: network.ingressNodes.healthPort,
        expectedCodes: "200",
        expectedBody: "ok",
        followRedirects: false,
        header: { [GATEWAY_SECRET_HEADER]: [this.gatewaySecret] },
        interval: 60,
        timeout: 5,
        retries: 1,
        consecutiveDown: 2,
        consecutiveUp: 2,
      },
      { parent: this },
    );

    const pools = Object.fromEntries(
      ROLES.map((role) => {
        const node = network.ingressNodes[role];
        const pool = new cloudflare.LoadBalancerPool(
          `${name}-${role}`,
          {
            accountId,
            name: `${network.name}-${role}`,
            description: `${role} ingress node ${node.name}`,
            monitor: monitor.id,
            minimumOrigins: 1,
            origins: [{ name: node.name, address: node.publicIp, enabled: true, weight: 1 }],
          },
          { parent: this },
        );
        return [role, pool];
      }),
    ) as Record<IngressRole, cloudflare.LoadBalancerPool>;

    new cloudflare.LoadBalancer(
      `${name}-minecraft`,
      {
        zoneId,
        name: network.edge.minecraftHostname,
        description: `${network.name}: primary ingress node, standby when it is unhealthy`,
        // DNS-only: players' clients speak raw TCP to the node; Cloudflare's proxy only carries HTTP.
        proxied: false,
        // Short TTL so resolvers follow a failover within a minute.
        ttl: 30,
        steeringPolicy: "off",
        defaultPools: [pools.primary.id, pools.standby.id],
        fallbackPool: pools.standby.id,
        sessionAffinity: "none",
      },
      { parent: this },
    );

    const agentBundle = pulumi.output(bundleHealthAgent());
    this.cloudInit = Object.fromEntries(
      ROLES.map((role) => [
        role,
        pulumi.secret(
          pulumi
            .all([args.relayClientId, args.relayClientSecret, this.gatewaySecret, agentBundle])
            .apply(([accessClientId, accessClientSecret, gatewaySecret, bundle]) =>
              renderCloudInit({
                network,
                role,
                credentials: { accessClientId, accessClientSecret, gatewaySecret },
                agentBundle: bundle,
              }),
            ),
        ),
      ]),
    ) as Record<IngressRole, pulumi.Output<string>>;

    this.registerOutputs({});
  }
}
