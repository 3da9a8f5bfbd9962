import { request as httpRequest, type Server } from "node:http";
import { request as httpsRequest } from "node:https";
import { type AddressInfo, connect, createServer as createTcpServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createHealthAgent, type HealthAgentOptions } from "../src/health-agent.ts";
import { selfSignedCertificate } from "../testing/self-signed-certificate.ts";
import { startMinecraftServer } from "./minecraft-server.ts";

const SECRET = "s3cret-gateway-value";
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startAgent(options: Partial<HealthAgentOptions> & Pick<HealthAgentOptions, "target">) {
  const server: Server = createHealthAgent({
    gatewaySecret: SECRET,
    pingTimeoutMs: 1000,
    resultTtlMs: 0,
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  return `${options.tls ? "https" : "http"}://127.0.0.1:${port}`;
}

/** One request; over HTTPS without verifying the certificate, as the monitor does with allow_insecure. */
function get(url: string, headers: Record<string, string> = {}, method = "GET") {
  const send = url.startsWith("https:") ? httpsRequest : httpRequest;
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = send(url, { method, headers, rejectUnauthorized: false }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        body += chunk;
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const probe = createTcpServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe("the ingress health agent", () => {
  it("answers 200 ok when a Server List Ping through the relay succeeds", async () => {
    const minecraft = await startMinecraftServer();
    cleanups.push(minecraft.close);
    const url = await startAgent({ target: { host: "127.0.0.1", port: minecraft.port } });
    expect(await get(`${url}/health`, { "X-Gateway-Secret": SECRET })).toEqual({ status: 200, body: "ok" });
  });

  it("answers 503 when nothing answers on the relay", async () => {
    const url = await startAgent({ target: { host: "127.0.0.1", port: await closedPort() } });
    const response = await get(`${url}/health`, { "X-Gateway-Secret": SECRET });
    expect(response.status).toBe(503);
    expect(response.body).not.toBe("ok");
  });

  it("answers 503 when the relay accepts connections but never speaks Minecraft", async () => {
    // Reads and discards, never answers: a wedged relay.
    const silent = createTcpServer((socket) => socket.resume());
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise((resolve) => silent.close(() => resolve())));
    const url = await startAgent({
      target: { host: "127.0.0.1", port: (silent.address() as AddressInfo).port },
    });
    const started = Date.now();
    expect((await get(`${url}/health`, { "X-Gateway-Secret": SECRET })).status).toBe(503);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("goes from healthy to 503 when the server stops, and reports the change", async () => {
    const minecraft = await startMinecraftServer();
    const changes: boolean[] = [];
    const url = await startAgent({
      target: { host: "127.0.0.1", port: minecraft.port },
      onChange: (healthy) => changes.push(healthy),
    });
    expect((await get(`${url}/health`, { "X-Gateway-Secret": SECRET })).status).toBe(200);
    await minecraft.close();
    expect((await get(`${url}/health`, { "X-Gateway-Secret": SECRET })).status).toBe(503);
    expect(changes).toEqual([true, false]);
  });

  it("refuses with 403 a missing or wrong X-Gateway-Secret, before pinging anything", async () => {
    let connections = 0;
    const counter = createTcpServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => counter.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise((resolve) => counter.close(() => resolve())));
    const url = await startAgent({
      target: { host: "127.0.0.1", port: (counter.address() as AddressInfo).port },
    });
    expect(await get(`${url}/health`)).toEqual({ status: 403, body: "forbidden" });
    expect((await get(`${url}/health`, { "X-Gateway-Secret": `${SECRET}x` })).status).toBe(403);
    expect((await get(`${url}/health`, { "X-Gateway-Secret": SECRET.slice(0, -1) })).status).toBe(403);
    expect((await get(`${url}/health`, { "X-Gateway-Secret": "" })).status).toBe(403);
    expect(connections).toBe(0);
  });

  it("answers 404 for other paths and 405 for other methods", async () => {
    const url = await startAgent({ target: { host: "127.0.0.1", port: await closedPort() } });
    expect((await get(`${url}/`, { "X-Gateway-Secret": SECRET })).status).toBe(404);
    expect((await get(`${url}/health`, { "X-Gateway-Secret": SECRET }, "POST")).status).toBe(405);
  });

  it("shares one ping among a burst of concurrent probes", async () => {
    const minecraft = await startMinecraftServer();
    cleanups.push(minecraft.close);
    let connections = 0;
    // Counts connections on their way to the real server.
    const relay = createTcpServer((socket) => {
      connections += 1;
      const target = connect(minecraft.port, "127.0.0.1");
      socket.pipe(target).pipe(socket);
      socket.on("error", () => target.destroy());
      target.on("error", () => socket.destroy());
    });
    await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise((resolve) => relay.close(() => resolve())));
    const url = await startAgent({
      target: { host: "127.0.0.1", port: (relay.address() as AddressInfo).port },
      resultTtlMs: 60_000,
    });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => get(`${url}/health`, { "X-Gateway-Secret": SECRET })),
    );
    expect(results.every((result) => result.status === 200)).toBe(true);
    expect(connections).toBe(1);
  });

  it("serves the same answers over HTTPS with a self-signed certificate", async () => {
    const minecraft = await startMinecraftServer();
    cleanups.push(minecraft.close);
    const url = await startAgent({
      target: { host: "127.0.0.1", port: minecraft.port },
      tls: selfSignedCertificate("ingress-test"),
    });
    expect(url.startsWith("https:")).toBe(true);
    expect(await get(`${url}/health`, { "X-Gateway-Secret": SECRET })).toEqual({ status: 200, body: "ok" });
    expect((await get(`${url}/health`)).status).toBe(403);
  });
});
