import { Rcon } from "rcon-client";
import { CliError, errorCode, messageOf } from "../lib/errors.ts";
import type { Reporter } from "../lib/progress.ts";

export interface RconTarget {
  readonly host: string;
  readonly port: number;
  readonly password: string;
}

/** The standard Minecraft RCON port, used when `--rcon` names only a host. */
export const DEFAULT_RCON_PORT = 25575;

export function parseRconAddress(value: string, password: string | undefined): RconTarget {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(value.trim());
  const port = match?.[2] ? Number(match[2]) : DEFAULT_RCON_PORT;
  if (!match || port < 1 || port > 65535) {
    throw new CliError(
      `--rcon "${value}" is not host:port (e.g. survival.minecraft.svc.cluster.local:25575)`,
    );
  }
  if (!password) throw new CliError("RCON_PASSWORD is not set: --rcon needs the server's RCON password");
  return { host: match[1]!.replace(/^\[|\]$/g, ""), port, password };
}

export interface SavePauseOptions {
  /** How long `save-all flush` may take; a big world on a slow disk needs minutes. @default 300 000 */
  readonly flushTimeoutMs?: number;
  /** @default 10 000 */
  readonly connectTimeoutMs?: number;
}

/**
 * Saving paused for a consistent copy: `save-off` stops the server writing region files,
 * `save-all flush` writes everything pending and answers only when it is on disk. `resume()` sends
 * `save-on`, reconnecting if the connection dropped meanwhile; callers call it in `finally`,
 * because a world left with saving off loses everything since the backup at the next crash.
 */
export class SavePause {
  readonly #target: RconTarget;
  readonly #reporter: Reporter;
  readonly #options: Required<SavePauseOptions>;
  #rcon: Rcon | undefined;
  #resumed: Promise<void> | undefined;

  private constructor(target: RconTarget, reporter: Reporter, options: SavePauseOptions) {
    this.#target = target;
    this.#reporter = reporter;
    this.#options = { flushTimeoutMs: 300_000, connectTimeoutMs: 10_000, ...options };
  }

  static async begin(
    target: RconTarget,
    reporter: Reporter,
    options: SavePauseOptions = {},
  ): Promise<SavePause> {
    const pause = new SavePause(target, reporter, options);
    pause.#rcon = await pause.#connect();
    const off = await pause.#command("save-off");
    reporter.step(`save-off: ${oneLine(off) || "(no answer text)"}`);
    try {
      const started = Date.now();
      const flushed = await pause.#command("save-all flush");
      if (!/saved the game/i.test(flushed)) {
        reporter.warn(
          `save-all flush answered "${oneLine(flushed)}" (expected "Saved the game"); continuing`,
        );
      }
      reporter.step(`save-all flush: world on disk after ${((Date.now() - started) / 1000).toFixed(1)}s`);
    } catch (error) {
      await pause.resume().catch(() => {});
      throw error;
    }
    return pause;
  }

  /** Sends `save-on` once, however often it is called; rejects if the server could not be told. */
  resume(): Promise<void> {
    this.#resumed ??= this.#sendSaveOn();
    return this.#resumed;
  }

  async #sendSaveOn(): Promise<void> {
    try {
      if (!this.#rcon) this.#rcon = await this.#connect();
      const answer = await this.#command("save-on");
      this.#reporter.step(`save-on: ${oneLine(answer) || "(no answer text)"}`);
    } catch (first) {
      // The connection may have dropped during a long upload: one fresh connection before giving up.
      try {
        this.#rcon = await this.#connect();
        const answer = await this.#command("save-on");
        this.#reporter.step(`save-on (reconnected): ${oneLine(answer) || "(no answer text)"}`);
      } catch {
        throw new CliError(
          `save-on FAILED, saving is still OFF on ${this.#where()}: run "save-on" on the server console now (${messageOf(first)})`,
          { cause: first },
        );
      }
    } finally {
      await this.#close();
    }
  }

  async #connect(): Promise<Rcon> {
    const rcon = new Rcon({
      host: this.#target.host,
      port: this.#target.port,
      password: this.#target.password,
      timeout: this.#options.flushTimeoutMs,
    });
    // rcon-client re-emits socket errors; without a listener an EventEmitter 'error' kills the process.
    rcon.on("error", () => {});
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new CliError(
              `RCON at ${this.#where()} did not answer within ${this.#options.connectTimeoutMs / 1000}s`,
            ),
          ),
        this.#options.connectTimeoutMs,
      );
    });
    try {
      await Promise.race([rcon.connect(), timeout]);
      return rcon;
    } catch (error) {
      rcon.socket?.destroy();
      throw this.#explain(error);
    } finally {
      clearTimeout(timer);
    }
  }

  async #command(command: string): Promise<string> {
    if (!this.#rcon) throw new CliError(`RCON to ${this.#where()} is not connected`);
    try {
      return await this.#rcon.send(command);
    } catch (error) {
      this.#rcon.socket?.destroy();
      this.#rcon = undefined;
      throw this.#explain(error, command);
    }
  }

  async #close(): Promise<void> {
    const rcon = this.#rcon;
    this.#rcon = undefined;
    if (!rcon?.socket) return;
    await Promise.race([rcon.end().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 1000))]);
    rcon.socket?.destroy();
  }

  #where(): string {
    return `${this.#target.host}:${this.#target.port}`;
  }

  #explain(error: unknown, command?: string): CliError {
    if (error instanceof CliError) return error;
    const where = this.#where();
    const code = errorCode(error);
    const message = messageOf(error);
    if (code === "ECONNREFUSED") {
      return new CliError(
        `RCON at ${where} refused the connection: is the server up with enable-rcon=true on that port?`,
        { cause: error },
      );
    }
    if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
      return new CliError(`RCON host ${this.#target.host} does not resolve (${code})`, { cause: error });
    }
    if (/authentication failed/i.test(message)) {
      return new CliError(`RCON at ${where} rejected the password: check RCON_PASSWORD`, { cause: error });
    }
    if (/timeout/i.test(message)) {
      return new CliError(
        `RCON at ${where} did not answer ${command ? `"${command}"` : "the login"} within ${this.#options.flushTimeoutMs / 1000}s`,
        { cause: error },
      );
    }
    return new CliError(`RCON at ${where} failed${command ? ` on "${command}"` : ""}: ${message}`, {
      cause: error,
    });
  }
}

function oneLine(text: string): string {
  // Minecraft answers with § colour codes; logs want plain text.
  return text.replace(/§./g, "").replace(/\s+/g, " ").trim();
}
