import { ping } from "@mc-infra/slp";
import { dialNode } from "@mc-infra/slp/node";
import { serverIconDataUrl, startMinecraftServer } from "@mc-infra/slp/testing";
import { startLocalStatusWorker } from "@mc-infra/status-worker/testing";
import { status as referenceStatus } from "minecraft-server-util";
import { type BenchReport, median } from "./report.ts";

/**
 * The status Worker and its ping client, on loopback:
 * - `GET /api/status` throughput in local workerd against `/healthz` (a constant answer) of the
 *   same Worker, so the figure is what the status route costs over the runtime's own floor;
 * - one whole Server List Ping (connect, handshake, status, ping/pong) with our client against
 *   minecraft-server-util's status(), the same local Minecraft server answering both.
 */

const CONCURRENCY = 16;
const ROUND_MS = 2_000;
const ROUNDS = 3;
const PINGS_PER_ROUND = 100;

async function requestsPerSecond(url: URL): Promise<number> {
  let completed = 0;
  const until = performance.now() + ROUND_MS;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const response = await fetch(url);
        if (response.status !== 200) throw new Error(`${url.pathname} answered ${response.status}`);
        await response.arrayBuffer();
        completed++;
      }
    }),
  );
  return completed / ((performance.now() - started) / 1000);
}

async function pingMilliseconds(exchange: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let index = 0; index < PINGS_PER_ROUND; index++) {
    const started = performance.now();
    await exchange();
    samples.push(performance.now() - started);
  }
  return samples;
}

export default async function statusBench(): Promise<BenchReport> {
  const server = await startMinecraftServer({
    motd: "§aCraft§bNet",
    maxPlayers: 100,
    onlinePlayers: 12,
    favicon: serverIconDataUrl(),
  });
  const worker = await startLocalStatusWorker({
    statusTarget: `${server.host}:${server.port}`,
    adminToken: "bench-token-not-a-secret",
  });
  try {
    await worker.check();
    const statusUrl = new URL("/api/status", worker.url);
    const constantUrl = new URL("/healthz", worker.url);
    // Warm both routes (module load, first KV read) before measuring.
    await requestsPerSecond(statusUrl);
    await requestsPerSecond(constantUrl);
    const statusRates: number[] = [];
    const constantRates: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      constantRates.push(await requestsPerSecond(constantUrl));
      statusRates.push(await requestsPerSecond(statusUrl));
    }

    const ours: number[] = [];
    const reference: number[] = [];
    const target = { hostname: server.host, port: server.port };
    for (let round = 0; round < ROUNDS; round++) {
      ours.push(...(await pingMilliseconds(() => ping({ ...target, dial: dialNode }))));
      reference.push(
        ...(await pingMilliseconds(() =>
          referenceStatus(server.host, server.port, { enableSRV: false, timeout: 5000 }),
        )),
      );
    }

    const statusRate = median(statusRates);
    const constantRate = median(constantRates);
    const oursMs = median(ours);
    const referenceMs = median(reference);
    return {
      title: "status Worker and Server List Ping (loopback)",
      figures: [
        { label: "GET /api/status", value: statusRate, unit: "req/s" },
        { label: "GET /healthz (constant)", value: constantRate, unit: "req/s" },
        { label: "SLP exchange, @mc-infra/slp", value: oursMs, unit: "ms (median)" },
        { label: "SLP exchange, minecraft-server-util", value: referenceMs, unit: "ms (median)" },
      ],
      ratios: [
        {
          label: "/api/status ÷ constant route",
          value: statusRate / constantRate,
          goal: { op: ">=", value: 0.8 },
        },
        {
          label: "our ping ÷ minecraft-server-util",
          value: oursMs / referenceMs,
          goal: { op: "<=", value: 1.0 },
        },
      ],
    };
  } finally {
    await worker.close();
    await server.stop();
  }
}
