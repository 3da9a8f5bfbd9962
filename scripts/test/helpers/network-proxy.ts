import { connect, createServer, type Server, type Socket } from "node:net";

export interface ProxyOptions {
  readonly targetPort: number;
  /** After this many bytes from clients, every connection is cut and new ones are refused. */
  readonly failAfterBytes?: number;
  /** Delay each client chunk by this long, to make an upload slow enough to interrupt. @default 0 */
  readonly delayMs?: number;
  /** Cap the client→server rate, like an uplink. @default unlimited */
  readonly bytesPerSecond?: number;
}

export interface TestProxy {
  readonly port: number;
  readonly bytes: () => number;
  close(): Promise<void>;
}

/**
 * A TCP proxy on loopback in front of the test S3 server that can be slow (an uplink's bandwidth)
 * or break mid-transfer (the network failing during an upload).
 */
export async function startProxy(options: ProxyOptions): Promise<TestProxy> {
  let bytes = 0;
  let broken = false;
  const sockets = new Set<Socket>();
  // One shared budget for all connections, like one uplink: when may this chunk go out?
  const started = performance.now();
  let scheduled = 0;
  const throttle = (length: number): number => {
    if (!options.bytesPerSecond) return 0;
    scheduled += length;
    return scheduled / (options.bytesPerSecond / 1000) - (performance.now() - started);
  };
  const server: Server = createServer((client) => {
    if (broken) {
      client.destroy();
      return;
    }
    const upstream = connect(options.targetPort, "127.0.0.1");
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {});
    }
    client.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      if (options.failAfterBytes !== undefined && bytes > options.failAfterBytes) {
        broken = true;
        for (const socket of sockets) socket.destroy();
        return;
      }
      const wait = Math.max(options.delayMs ?? 0, throttle(chunk.length));
      if (wait > 0) {
        client.pause();
        setTimeout(() => {
          upstream.write(chunk);
          client.resume();
        }, wait);
      } else {
        upstream.write(chunk);
      }
    });
    client.on("end", () => upstream.end());
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || !address) throw new Error("proxy has no address");
  return {
    port: address.port,
    bytes: () => bytes,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
