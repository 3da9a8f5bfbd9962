import { createServer } from "node:net";

/** Every service of the local stack listens on this address only. */
export const LOOPBACK = "127.0.0.1";

/** Where each service of the local stack listens. */
export interface DevPorts {
  readonly minecraft: number;
  readonly status: number;
  readonly resourcePack: number;
  readonly s3: number;
  /** One health agent per ingress node, in the config's order (primary, standby). */
  readonly healthAgents: readonly [number, number];
}

/**
 * Fixed ports, so the URLs survive a restart (a browser tab, a Minecraft client's server list, and
 * the packs the local Worker already recorded with its origin). The stand-in takes Minecraft's
 * default port, so a real client finds it as "localhost"; the Workers take wrangler's default and
 * the next one; the agents start at the config's health port.
 */
export function fixedPorts(healthPort: number): DevPorts {
  return {
    minecraft: 25565,
    status: 8787,
    resourcePack: 8788,
    s3: 4568,
    healthAgents: [healthPort, healthPort + 1],
  };
}

/** Ports nothing listens on right now, for a second stack beside another one (and for tests). */
export async function randomPorts(): Promise<DevPorts> {
  // Held open together so no two services get the same port; released just before the services bind.
  const servers = await Promise.all(Array.from({ length: 6 }, () => listenOnAnyPort()));
  const ports = servers.map((server) => (server.address() as { port: number }).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  const [minecraft, status, resourcePack, s3, primary, standby] = ports as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return { minecraft, status, resourcePack, s3, healthAgents: [primary, standby] };
}

function listenOnAnyPort() {
  const server = createServer();
  return new Promise<typeof server>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, LOOPBACK, () => resolve(server));
  });
}

/** Turns "listen EADDRINUSE" into what to do about it. */
export function describeListenError(service: string, port: number, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "EADDRINUSE") {
    return new Error(
      `${service}: port ${port} on ${LOOPBACK} is already in use (another pnpm dev, or a real server?). ` +
        "Stop it, or start with --random-ports.",
    );
  }
  return new Error(`${service}: cannot listen on ${LOOPBACK}:${port}: ${(error as Error)?.message ?? error}`);
}
