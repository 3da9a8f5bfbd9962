import { Socket } from "node:net";
import type { ByteStream, Dial } from "./client.ts";

/**
 * Dials with a Node TCP socket, shaped like `cloudflare:sockets`' Socket for {@link ping}.
 *
 * A direct adapter rather than `Duplex.toWeb()`: it queues at most one chunk and pauses the socket
 * until the client asks for more (the client's memory bound depends on that), and it saves the
 * extra stream layers, which made a whole exchange about 8% slower on loopback.
 */
export const dialNode: Dial = ({ hostname, port }): ByteStream => {
  const socket = new Socket();
  socket.setNoDelay(true);
  const opened = new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("error", reject);
  });
  // A failed connect is reported through `opened`, which the client awaits.
  opened.catch(() => {});

  const readable = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        socket.on("data", (chunk: Buffer) => {
          controller.enqueue(chunk);
          if ((controller.desiredSize ?? 0) <= 0) socket.pause();
        });
        socket.once("end", () => {
          try {
            controller.close();
          } catch {
            // Already cancelled by the reader.
          }
        });
        socket.once("error", (error) => {
          try {
            controller.error(error);
          } catch {
            // Already closed.
          }
        });
      },
      pull() {
        socket.resume();
      },
      cancel() {
        socket.destroy();
      },
    },
    { highWaterMark: 1 },
  );

  const writable = new WritableStream<Uint8Array>({
    write: (chunk) =>
      new Promise<void>((resolve, reject) =>
        socket.write(chunk, (error) => (error ? reject(error) : resolve())),
      ),
    close: () => new Promise<void>((resolve) => socket.end(resolve)),
    abort: () => {
      socket.destroy();
    },
  });

  socket.connect(port, hostname);
  return { readable, writable, opened, close: () => socket.destroy() };
};
