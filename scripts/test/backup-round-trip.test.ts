import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BackupManifest } from "../src/backup/manifest.ts";
import { createS3Client } from "../src/lib/s3-client.ts";
import { listKeys, objectDigest } from "./helpers/bucket.ts";
import { type GeneratedWorld, generateWorld } from "./helpers/generate-world.ts";
import { startRcon, type TestRcon } from "./helpers/rcon-server.ts";
import { runCli } from "./helpers/run-cli.ts";
import { startS3, type TestS3 } from "./helpers/s3-server.ts";
import { treeDigest } from "./helpers/tree-digest.ts";

const MIB = 1024 * 1024;
const PASSWORD = "round-trip-secret";

describe("a 300 MB world, backed up and restored through the CLI", () => {
  let s3: TestS3;
  let rcon: TestRcon;
  let base: string;
  let world: GeneratedWorld;
  let backup: Awaited<ReturnType<typeof runCli>>;
  let pushgateway: Server;
  const pushes: { method: string; url: string; body: string }[] = [];

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), "round-trip-"));
    // Stands in for the Pushgateway: records what the backup reports once it is complete.
    pushgateway = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => {
        body += chunk;
      });
      request.on("end", () => {
        pushes.push({ method: request.method ?? "", url: request.url ?? "", body });
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => pushgateway.listen(0, "127.0.0.1", resolve));
    const { port } = pushgateway.address() as AddressInfo;
    [s3, rcon, world] = await Promise.all([
      startS3(),
      startRcon({ password: PASSWORD, flushDelayMs: 300 }),
      generateWorld(join(base, "world"), { bytes: 300 * MIB, players: 700 }),
    ]);
    backup = await runCli(
      [
        ...["backup", "--server", "survival", "--world", world.dir, "--rcon", `127.0.0.1:${rcon.port}`],
        ...["--metrics-url", `http://127.0.0.1:${port}/metrics/job/minecraft-backup/server/survival`],
      ],
      { ...s3.env(), RCON_PASSWORD: PASSWORD },
    );
  }, 240_000);

  afterAll(async () => {
    pushgateway?.close();
    await Promise.all([s3?.close(), rcon?.close(), rm(base, { recursive: true, force: true })]);
  });

  it("succeeds, pausing saving around the copy: save-off, save-all flush, then save-on", () => {
    expect(backup.stderr).not.toMatch(/error/);
    expect(backup.code).toBe(0);
    expect(world.files).toBeGreaterThan(2000);
    expect(rcon.commands()).toEqual(["save-off", "save-all flush", "save-on"]);
    const [, flush, on] = rcon.calls;
    expect(flush!.answeredAt).toBeLessThanOrEqual(on!.receivedAt);
  });

  it("keeps the backup process under 256 MiB of resident memory", () => {
    expect(backup.maxRss).toBeGreaterThan(0);
    expect(backup.maxRss).toBeLessThan(256 * MIB);
  });

  it("stores the archive under a time-sorted key with a manifest describing it", async () => {
    const listed = await runCli(["backup:list", "--server", "survival", "--json"], s3.env());
    expect(listed.code).toBe(0);
    const [manifest, ...others] = JSON.parse(listed.stdout) as BackupManifest[];
    expect(others).toEqual([]);
    expect(manifest!.archive.key).toMatch(/^backups\/survival\/\d{8}T\d{6}Z\.tar\.zst$/);
    expect(manifest!.world).toMatchObject({
      name: "world",
      minecraftVersion: "1.21.4",
      files: world.files,
      bytes: world.bytes,
    });
    expect(manifest!.savesPaused).toBe(true);
    const stored = await objectDigest(createS3Client(s3.settings()), "backups", manifest!.archive.key);
    expect(stored).toEqual({ sha256: manifest!.archive.sha256, size: manifest!.archive.size });
    expect(await listKeys(createS3Client(s3.settings()), "backups")).toEqual(
      [manifest!.archive.key, manifest!.archive.key.replace(/\.tar\.zst$/, ".manifest.json")].sort(),
    );
  });

  it("reports the completed backup to the Pushgateway, after its manifest exists", async () => {
    const listed = await runCli(["backup:list", "--server", "survival", "--json"], s3.env());
    const [manifest] = JSON.parse(listed.stdout) as BackupManifest[];
    expect(pushes).toHaveLength(1);
    expect(pushes[0]).toMatchObject({ method: "PUT", url: "/metrics/job/minecraft-backup/server/survival" });
    expect(pushes[0]!.body).toContain(`minecraft_backup_last_size_bytes ${manifest!.archive.size}\n`);
    expect(pushes[0]!.body).toMatch(/^minecraft_backup_last_success_timestamp_seconds \d{10}$/m);
  });

  it("restores into an empty directory byte for byte", async () => {
    const target = join(base, "restored");
    const restore = await runCli(
      ["restore", "--server", "survival", "--to", target, "--at", "latest"],
      s3.env(),
    );
    expect(restore.stderr).toMatch(/sha256 verified/);
    expect(restore.code).toBe(0);
    const [original, restored] = await Promise.all([treeDigest(world.dir), treeDigest(target)]);
    expect(restored.size).toBe(original.size);
    expect(restored).toEqual(original);
  }, 120_000);

  it("refuses to restore into a directory that is not empty, and replaces its contents with --force", async () => {
    const target = join(base, "occupied");
    await mkdir(target);
    await writeFile(join(target, "keep.txt"), "a world someone still needs");
    const refused = await runCli(["restore", "--server", "survival", "--to", target], s3.env());
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is not empty \(keep\.txt\).*--force/);
    expect(await readFile(join(target, "keep.txt"), "utf8")).toBe("a world someone still needs");

    const forced = await runCli(["restore", "--server", "survival", "--to", target, "--force"], s3.env());
    expect(forced.code).toBe(0);
    expect(await treeDigest(target)).toEqual(await treeDigest(world.dir));
  }, 120_000);
});
