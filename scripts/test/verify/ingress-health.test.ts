import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createHealthAgent } from "@mc-infra/ingress-node";
import { type SelfSignedCertificate, selfSignedCertificate } from "@mc-infra/ingress-node/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingressHealthChecks } from "../../src/verify/checks/ingress-health.ts";
import { closedPort, type RunningMinecraft, startMinecraftServer } from "./loopback.ts";

/**
 * The ingress rows against the real health agent (@mc-infra/ingress-node), served over HTTPS with a
 * self-signed certificate as on the nodes, relaying its ping to a real Minecraft server on loopback.
 */
describe("the ingress /health checks against the real health agent", () => {
  const SECRET = "verify-test-gateway-secret";
  let tls: SelfSignedCertificate;
  let minecraft: RunningMinecraft;
  const agents: Server[] = [];

  async function startAgent(targetPort: number): Promise<string> {
    const agent = createHealthAgent({
      gatewaySecret: SECRET,
      target: { host: "127.0.0.1", port: targetPort },
      pingTimeoutMs: 2000,
      tls,
    });
    agent.listen(0, "127.0.0.1");
    await once(agent, "listening");
    agents.push(agent);
    return `https://127.0.0.1:${(agent.address() as AddressInfo).port}/health`;
  }

  beforeAll(async () => {
    tls = selfSignedCertificate("verify-test");
    minecraft = await startMinecraftServer({ motd: "behind the relay", maxPlayers: 20 });
  });

  afterAll(async () => {
    for (const agent of agents) {
      agent.closeAllConnections();
      agent.close();
    }
    await minecraft.close();
  });

  it("pass when the relay answers: 200 ok with the secret, 403 without", async () => {
    const healthUrl = await startAgent(minecraft.port);
    const outcomes = await Promise.all(
      ingressHealthChecks([{ name: "vps-primary", healthUrl }], SECRET).map((check) =>
        check.run(AbortSignal.timeout(10_000)),
      ),
    );
    expect(outcomes).toEqual([
      { status: "pass", detail: "200 ok" },
      { status: "pass", detail: "403" },
    ]);
  });

  it("fail the secret row when the relay behind the node is down, and still pass the 403 row", async () => {
    const healthUrl = await startAgent(await closedPort());
    const [withSecret, withoutSecret] = await Promise.all(
      ingressHealthChecks([{ name: "vps-standby", healthUrl }], SECRET).map((check) =>
        check.run(AbortSignal.timeout(10_000)),
      ),
    );
    expect(withSecret).toMatchObject({
      status: "fail",
      detail: expect.stringMatching(/^expected 200 ok, got 503/),
    });
    expect(withoutSecret).toEqual({ status: "pass", detail: "403" });
  });

  it("fail the secret row when the secret is wrong", async () => {
    const healthUrl = await startAgent(minecraft.port);
    const [withWrongSecret] = ingressHealthChecks([{ name: "n", healthUrl }], "not-the-secret");
    expect((await withWrongSecret!.run(AbortSignal.timeout(10_000))).detail).toMatch(/got 403/);
  });
});
