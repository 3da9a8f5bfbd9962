import { createServer, type Server, type Socket, connect } from "node:net";

export interface ProxyOptions {
  readonly targetPort: number;
  /** After this many bytes from clients, every connection is cut and new ones are refused. */
  readonly failAfterBytes?: number;
  /** Delay each client chunk by this long, to make an upload slow enough to interrupt. @default 0 */
  readonly delayMs?: number;
}

export interface TestProxy {
  readonly port: number;
  readonly bytes: () => number;
  close(): Promise<void>;
}

/**
 * A TCP proxy on loopback in front of the test S3 server that can break mid-transfer: the network
 * failing during an upload, as it does on a home uplink.
 */
export async function startProxy(options: ProxyOptions): Promise<TestProxy> {
  let bytes = 0;
  let broken = false;
  const sockets = new Set<Socket>();
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
      if (options.delayMs) {
        client.pause();
        setTimeout(() => {
          upstream.write(chunk);
          client.resume();
        }, options.delayMs);
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
