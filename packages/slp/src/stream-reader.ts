import { SlpError } from "./errors.ts";

const EMPTY = new Uint8Array(0);

/**
 * Pulls bytes from a ReadableStream on demand. It holds at most the chunk the transport last handed
 * over plus what the caller asked for, so a peer announcing megabytes costs nothing until the caller
 * (which checks limits first) asks for them.
 */
export class StreamReader {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  #chunk: Uint8Array = EMPTY;
  #offset = 0;

  constructor(readable: ReadableStream<Uint8Array>) {
    this.#reader = readable.getReader();
  }

  async #fill(): Promise<void> {
    const result = await this.#reader.read().catch((cause: unknown) => {
      throw new SlpError("reset", `connection broke: ${describe(cause)}`, { cause });
    });
    if (result.done) throw new SlpError("closed", "server closed the connection before answering");
    this.#chunk = result.value instanceof Uint8Array ? result.value : new Uint8Array(result.value);
    this.#offset = 0;
  }

  async byte(): Promise<number> {
    while (this.#offset >= this.#chunk.length) await this.#fill();
    return this.#chunk[this.#offset++]!;
  }

  /** Exactly `count` bytes, copied out; the caller bounds `count` before asking. */
  async bytes(count: number): Promise<Uint8Array> {
    const out = new Uint8Array(count);
    let filled = 0;
    while (filled < count) {
      if (this.#offset >= this.#chunk.length) await this.#fill();
      const take = Math.min(count - filled, this.#chunk.length - this.#offset);
      out.set(this.#chunk.subarray(this.#offset, this.#offset + take), filled);
      this.#offset += take;
      filled += take;
    }
    return out;
  }

  /** Lets go of the stream; a read still pending ends with the transport. */
  release(): void {
    this.#reader.cancel().catch(() => {});
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
