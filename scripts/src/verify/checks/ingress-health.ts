import { GATEWAY_SECRET_HEADER } from "@mc-infra/config";
import { type Check, fail, pass, skip } from "../check.ts";
import { getWithoutCertificateCheck } from "../http.ts";

export interface IngressNodeTarget {
  readonly name: string;
  /** The health agent's URL, e.g. https://203.0.113.10:8443/health (self-signed certificate). */
  readonly healthUrl: string;
}

/**
 * Two rows per ingress node: with the gateway secret the agent answers `200 ok` (its relay works),
 * without it `403` (nobody else can probe the relay). Without the secret at hand, the first is skipped.
 * The certificate is not verified, as the load balancer's monitor does not: the agents' certificates
 * are self-signed, and the address comes from our own config.
 */
export function ingressHealthChecks(nodes: readonly IngressNodeTarget[], gatewaySecret?: string): Check[] {
  return nodes.flatMap((node): Check[] => [
    {
      name: `ingress ${node.name} /health with secret → 200 ok`,
      run: async (signal) => {
        if (!gatewaySecret) return skip("GATEWAY_SECRET is not set");
        const response = await getWithoutCertificateCheck(node.healthUrl, {
          signal,
          headers: { [GATEWAY_SECRET_HEADER]: gatewaySecret },
        });
        const body = response.text.trim();
        if (response.status === 200 && body === "ok") return pass("200 ok");
        return fail(`expected 200 ok, got ${response.status} ${JSON.stringify(body.slice(0, 80))}`);
      },
    },
    {
      name: `ingress ${node.name} /health without secret → 403`,
      run: async (signal) => {
        const response = await getWithoutCertificateCheck(node.healthUrl, { signal });
        if (response.status === 403) return pass("403");
        return fail(`expected 403, got ${response.status}: the health endpoint is open to anyone`);
      },
    },
  ]);
}
