import { Socket } from "node:net";
import { Duplex } from "node:stream";
import type { ByteStream, Dial } from "./client.ts";

/** Dials with a Node TCP socket, shaped like `cloudflare:sockets`' Socket for {@link ping}. */
export const dialNode: Dial = ({ hostname, port }): ByteStream => {
  const socket = new Socket();
  socket.setNoDelay(true);
  const opened = new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("error", reject);
  });
  // A failed connect is reported through `opened`; without this the stream's own copy of the
  // error would surface as unhandled.
  opened.catch(() => {});
  socket.connect(port, hostname);
  const { readable, writable } = Duplex.toWeb(socket);
  return {
    readable: readable as ReadableStream<Uint8Array>,
    writable: writable as WritableStream<Uint8Array>,
    opened,
    close: () => socket.destroy(),
  };
};
