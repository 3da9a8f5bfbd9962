import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createS3Client } from "../src/lib/s3-client.ts";
import { listKeys } from "./helpers/bucket.ts";
import { type GeneratedWorld, generateWorld } from "./helpers/generate-world.ts";
import { startProxy, type TestProxy } from "./helpers/network-proxy.ts";
import { startRcon, type TestRcon } from "./helpers/rcon-server.ts";
import { runCli } from "./helpers/run-cli.ts";
import { startS3, type TestS3 } from "./helpers/s3-server.ts";

const MIB = 1024 * 1024;
const PASSWORD = "failure-secret";

describe("backup failures", () => {
  let s3: TestS3;
  let rcon: TestRcon;
  let proxy: TestProxy | undefined;
  let base: string;
  let world: GeneratedWorld;

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), "backup-failures-"));
    s3 = await startS3();
    // Mostly incompressible, so the archive spans several 5 MiB parts.
    world = await generateWorld(join(base, "world"), { bytes: 40 * MIB, players: 20 });
  }, 60_000);
  afterAll(async () => {
    await Promise.all([s3?.close(), rm(base, { recursive: true, force: true })]);
  });
  beforeEach(async () => {
    rcon = await startRcon({ password: PASSWORD, flushDelayMs: 50 });
  });
  afterEach(async () => {
    await Promise.all([rcon.close(), proxy?.close()]);
    proxy = undefined;
  });

  const backup = (env: Record<string, string>, rconPort = rcon.port) =>
    runCli(["backup", "--server", "lobby", "--world", world.dir, "--rcon", `127.0.0.1:${rconPort}`], {
      ...s3.env(),
      RCON_PASSWORD: PASSWORD,
      ...env,
    });
  const storedKeys = () => listKeys(createS3Client(s3.settings()), "backups", "backups/lobby/");

  it("an upload that fails midway still sends save-on, writes no manifest and lists no backup", async () => {
    const port = Number(new URL(s3.endpoint).port);
    proxy = await startProxy({ targetPort: port, failAfterBytes: 20 * MIB });
    const result = await backup({ S3_ENDPOINT: `http://127.0.0.1:${proxy.port}` });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /error: (the connection to|cannot reach) S3 at http:\/\/127\.0\.0\.1:\d+ .*while uploading backups\/lobby\//,
    );
    expect(proxy.bytes()).toBeGreaterThan(20 * MIB);
    expect(rcon.commands()).toEqual(["save-off", "save-all flush", "save-on"]);
    expect(await storedKeys()).toEqual([]);
    const listed = await runCli(["backup:list", "--server", "lobby"], s3.env());
    expect(listed.stdout).toMatch(/no backups of lobby/);
  }, 120_000);

  it("SIGTERM during the upload (a Job deadline) aborts it, sends save-on and exits non-zero", async () => {
    const port = Number(new URL(s3.endpoint).port);
    proxy = await startProxy({ targetPort: port, delayMs: 20 });
    const result = await runCli(
      ["backup", "--server", "lobby", "--world", world.dir, "--rcon", `127.0.0.1:${rcon.port}`],
      { ...s3.env(), S3_ENDPOINT: `http://127.0.0.1:${proxy.port}`, RCON_PASSWORD: PASSWORD },
      { signalWhen: { stderr: /uploading to/, signal: "SIGTERM" } },
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/interrupted by SIGTERM/);
    expect(rcon.commands()).toEqual(["save-off", "save-all flush", "save-on"]);
    expect(await storedKeys()).toEqual([]);
  }, 120_000);

  it("bad credentials fail before saving is paused, with a clear error", async () => {
    const result = await backup({ AWS_ACCESS_KEY_ID: "not-a-key-id" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /S3 rejected the credentials.*check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/,
    );
    expect(result.stderr).not.toMatch(/not-a-key-id/);
    expect(rcon.commands()).toEqual([]);
  }, 60_000);

  it("a missing bucket fails before saving is paused, naming the bucket", async () => {
    const result = await backup({ S3_BUCKET: "no-such-bucket" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/bucket no-such-bucket does not exist/);
    expect(rcon.commands()).toEqual([]);
  }, 60_000);

  it("a refused RCON connection fails the backup without uploading anything", async () => {
    const closed = await startRcon({ password: PASSWORD });
    const port = closed.port;
    await closed.close();
    const result = await backup({}, port);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/RCON at 127\.0\.0\.1:\d+ refused the connection/);
    expect(await storedKeys()).toEqual([]);
  }, 60_000);

  it("a wrong RCON password fails the backup with a clear error", async () => {
    const result = await backup({ RCON_PASSWORD: "not-it" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/rejected the password: check RCON_PASSWORD/);
    expect(result.stderr).not.toMatch(/not-it/);
    expect(await storedKeys()).toEqual([]);
  }, 60_000);

  it("a Pushgateway that cannot be reached fails the run, but the backup itself is stored", async () => {
    const result = await runCli(
      [
        "backup",
        "--server",
        "pushless",
        "--world",
        world.dir,
        "--metrics-url",
        "http://127.0.0.1:9/metrics/job/x",
      ],
      s3.env(),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /backup \d{8}T\d{6}Z is stored, but the freshness metric could not be pushed/,
    );
    const keys = await listKeys(createS3Client(s3.settings()), "backups", "backups/pushless/");
    expect(keys.filter((key) => key.endsWith(".manifest.json"))).toHaveLength(1);
  }, 60_000);

  it("names every missing S3 setting at once", async () => {
    const result = await runCli(["backup", "--server", "lobby", "--world", world.dir], {});
    expect(result.code).toBe(1);
    for (const name of ["S3_ENDPOINT", "S3_BUCKET", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]) {
      expect(result.stderr).toContain(`${name} is not set`);
    }
  });

  it("a world directory that does not exist is a clear error", async () => {
    const result = await runCli(["backup", "--server", "lobby", "--world", join(base, "nope")], s3.env());
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/world directory .*nope does not exist/);
  }, 60_000);
});
