import { Writable } from "node:stream";
import * as tar from "tar";

/**
 * A Node Writable that extracts the tar stream written to it into `dir`, so it can end a
 * `stream.pipeline` (node-tar's Unpack is a Minipass stream, which pipeline does not wait for).
 * Finishes only when every file is written and closed. Entries that would land outside `dir`
 * (absolute paths, `..`) are refused by node-tar; `strict` turns its warnings into errors.
 */
export function extractInto(dir: string): Writable {
  const unpack = new tar.Unpack({ cwd: dir, strict: true, preservePaths: false, noMtime: false });
  const sink = new Writable({
    highWaterMark: 1024 * 1024,
    write(chunk: Buffer, _encoding, callback) {
      if (unpack.write(chunk)) callback();
      else unpack.once("drain", () => callback());
    },
    final(callback) {
      unpack.once("finish", () => callback());
      unpack.end();
    },
    destroy(error, callback) {
      unpack.abort(error ?? new Error("extraction stopped"));
      callback(error);
    },
  });
  unpack.on("error", (error: Error) => sink.destroy(error));
  return sink;
}
