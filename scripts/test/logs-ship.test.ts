import { access, mkdir, mkdtemp, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentReporter } from "../src/lib/progress.ts";
import { createS3Client } from "../src/lib/s3-client.ts";
import { shipLogs } from "../src/logs/ship.ts";
import { listKeys, objectDigest } from "./helpers/bucket.ts";
import { runCli } from "./helpers/run-cli.ts";
import { startS3, type TestS3 } from "./helpers/s3-server.ts";

describe("logs:ship", () => {
  let s3: TestS3;
  let base: string;
  let lobbyLogs: string;
  let survivalLogs: string;
  const ship = () =>
    runCli(
      ["logs:ship", "--server", "lobby", "--logs", lobbyLogs, "--server", "survival", "--logs", survivalLogs],
      s3.env("logs"),
    );
  const keys = () => listKeys(createS3Client(s3.settings("logs")), "logs");
  const hourAgo = new Date(Date.now() - 3_600_000);

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), "logs-"));
    s3 = await startS3();
    lobbyLogs = join(base, "lobby/logs");
    survivalLogs = join(base, "survival/logs");
    await mkdir(lobbyLogs, { recursive: true });
    await mkdir(survivalLogs, { recursive: true });
    await writeFile(join(lobbyLogs, "latest.log"), "[12:00:00] [Server thread/INFO]: still being written\n");
    await writeFile(join(lobbyLogs, "2025-01-01-1.log.gz"), gzipSync("day one, first\n"));
    await writeFile(join(lobbyLogs, "2025-01-01-2.log.gz"), gzipSync("day one, second\n"));
    await writeFile(join(survivalLogs, "2025-01-02-1.log.gz"), gzipSync("survival\n"));
    // Left uncompressed (the server died while rotating), finished an hour ago.
    await writeFile(join(survivalLogs, "2025-01-03-1.log"), "crash day\n");
    await utimes(join(survivalLogs, "2025-01-03-1.log"), hourAgo, hourAgo);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([s3?.close(), rm(base, { recursive: true, force: true })]);
  });

  it("uploads rotated logs of every server under logs/<server>/<date>/, gzipping finished plain logs first", async () => {
    const result = await ship();
    expect(result.stderr).toMatch(/logs: 4 uploaded, 0 already in s3:\/\/logs, 1 gzipped first/);
    expect(result.code).toBe(0);
    expect(await keys()).toEqual([
      "logs/lobby/2025-01-01/2025-01-01-1.log.gz",
      "logs/lobby/2025-01-01/2025-01-01-2.log.gz",
      "logs/survival/2025-01-02/2025-01-02-1.log.gz",
      "logs/survival/2025-01-03/2025-01-03-1.log.gz",
    ]);
    expect(await readdir(survivalLogs)).toEqual([
      ".shipped.json",
      "2025-01-02-1.log.gz",
      "2025-01-03-1.log.gz",
    ]);
    const stored = await objectDigest(
      createS3Client(s3.settings("logs")),
      "logs",
      "logs/survival/2025-01-03/2025-01-03-1.log.gz",
    );
    expect(stored.size).toBeGreaterThan(0);
    // latest.log is still being written: it ships once the server rotates it.
    await access(join(lobbyLogs, "latest.log"));
  }, 60_000);

  it("a second run uploads nothing", async () => {
    const result = await ship();
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/logs: 0 uploaded, 4 already in/);
    expect(await keys()).toHaveLength(4);
  }, 60_000);

  it("a new rotated file is exactly one upload", async () => {
    await writeFile(join(lobbyLogs, "2025-01-04-1.log.gz"), gzipSync("day four\n"));
    const result = await ship();
    expect(result.stderr).toMatch(/logs: 1 uploaded, 4 already in/);
    expect(await keys()).toHaveLength(5);
  }, 60_000);

  it("without its state file, a rerun finds everything in the bucket by size and SHA-256 and uploads nothing", async () => {
    await rm(join(lobbyLogs, ".shipped.json"));
    await rm(join(survivalLogs, ".shipped.json"));
    const result = await shipLogs({
      sources: [
        { server: "lobby", logsDir: lobbyLogs },
        { server: "survival", logsDir: survivalLogs },
      ],
      settings: s3.settings("logs"),
      reporter: silentReporter,
    });
    expect(result.uploaded).toEqual([]);
    expect(result.skipped).toBe(5);
  }, 60_000);

  it("never overwrites a different file that reused a name: it goes beside it, named by its hash", async () => {
    await rm(join(lobbyLogs, ".shipped.json"));
    await writeFile(join(lobbyLogs, "2025-01-01-1.log.gz"), gzipSync("a reset logs folder, same name\n"));
    const result = await shipLogs({
      sources: [{ server: "lobby", logsDir: lobbyLogs }],
      settings: s3.settings("logs"),
      reporter: silentReporter,
    });
    expect(result.uploaded).toHaveLength(1);
    expect(result.uploaded[0]).toMatch(/^logs\/lobby\/2025-01-01\/2025-01-01-1-[0-9a-f]{12}\.log\.gz$/);
    const original = await createS3Client(s3.settings("logs")).send(
      new HeadObjectCommand({ Bucket: "logs", Key: "logs/lobby/2025-01-01/2025-01-01-1.log.gz" }),
    );
    expect(original.ContentLength).toBe(gzipSync("day one, first\n").length);
  }, 60_000);

  it("a server without a logs folder yet is nothing to ship, not an error", async () => {
    const result = await runCli(
      ["logs:ship", "--server", "fresh", "--logs", join(base, "fresh/logs")],
      s3.env("logs"),
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/does not exist \(yet\): nothing to ship for fresh/);
  });

  it("asks for one --logs per --server", async () => {
    const result = await runCli(["logs:ship", "--server", "lobby"], s3.env("logs"));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/one --logs <dir> per --server/);
  });
});
