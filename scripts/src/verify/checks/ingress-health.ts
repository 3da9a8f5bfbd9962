import { type Check, fail, pass, skip } from "../check.ts";
import { fetchText } from "../http.ts";

/** The header the load balancer's monitor sends and each node's health agent requires. */
export const GATEWAY_SECRET_HEADER = "X-Gateway-Secret";

export interface IngressNodeTarget {
  readonly name: string;
  /** The health agent's URL, e.g. http://203.0.113.10:8443/health. */
  readonly healthUrl: string;
}

/**
 * Two rows per ingress node: with the gateway secret the agent answers `200 ok` (its relay works),
 * without it `403` (nobody else can probe the relay). Without the secret at hand, the first is skipped.
 */
export function ingressHealthChecks(nodes: readonly IngressNodeTarget[], gatewaySecret?: string): Check[] {
  return nodes.flatMap((node): Check[] => [
    {
      name: `ingress ${node.name} /health with secret → 200 ok`,
      run: async (signal) => {
        if (!gatewaySecret) return skip("GATEWAY_SECRET is not set");
        const response = await fetchText(node.healthUrl, {
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
        const response = await fetchText(node.healthUrl, { signal });
        if (response.status === 403) return pass("403");
        return fail(`expected 403, got ${response.status}: the health endpoint is open to anyone`);
      },
    },
  ]);
}
