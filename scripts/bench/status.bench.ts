import { Agent, request } from "node:http";
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
const ROUND_MS = 500;
const ROUNDS = 12;
const PINGS_PER_BLOCK = 100;
const PING_BLOCKS = 4;

/** node:http with kept-alive sockets: a cheaper client than fetch, so the Worker's cost shows. */
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function get(url: URL): Promise<void> {
  return new Promise((resolve, reject) => {
    request(url, { agent }, (response) => {
      if (response.statusCode !== 200) reject(new Error(`${url.pathname} answered ${response.statusCode}`));
      response.resume();
      response.once("end", resolve);
    })
      .once("error", reject)
      .end();
  });
}

async function requestsPerSecond(url: URL): Promise<number> {
  let completed = 0;
  const started = performance.now();
  const until = started + ROUND_MS;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        await get(url);
        completed++;
      }
    }),
  );
  return completed / ((performance.now() - started) / 1000);
}

/**
 * Times two exchanges in alternating blocks after a warm-up of each: blocks keep one client's
 * connection teardown from landing in the other's samples, alternation spreads a busy machine's
 * moments over both.
 */
async function blockMilliseconds(
  first: () => Promise<unknown>,
  second: () => Promise<unknown>,
): Promise<[number[], number[]]> {
  const samples: [number[], number[]] = [[], []];
  const exchanges = [first, second] as const;
  for (const exchange of exchanges) for (let index = 0; index < PINGS_PER_BLOCK; index++) await exchange();
  for (let block = 0; block < PING_BLOCKS * 2; block++) {
    const which = block % 2;
    for (let index = 0; index < PINGS_PER_BLOCK; index++) {
      const started = performance.now();
      await exchanges[which]!();
      samples[which]!.push(performance.now() - started);
    }
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

    const target = { hostname: server.host, port: server.port };
    const [ours, reference] = await blockMilliseconds(
      () => ping({ ...target, dial: dialNode }),
      () => referenceStatus(server.host, server.port, { enableSRV: false, timeout: 5000 }),
    );

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
    agent.destroy();
    await worker.close();
    await server.stop();
  }
}
