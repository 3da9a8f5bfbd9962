import { mkdir, mkdtemp, open, readdir, readFile, rm, stat, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBackup } from "../src/backup/backup.ts";
import { BackupCatalog } from "../src/backup/catalog.ts";
import { checkRegionFile } from "../src/backup/region-file.ts";
import { silentReporter } from "../src/lib/progress.ts";
import { createS3Client } from "../src/lib/s3-client.ts";
import { generateWorld, regionFile } from "./helpers/generate-world.ts";
import { runCli } from "./helpers/run-cli.ts";
import { startS3, type TestS3 } from "./helpers/s3-server.ts";

const MIB = 1024 * 1024;

describe("backup:verify and restore integrity", () => {
  let s3: TestS3;
  let base: string;
  let minute = 0;
  const backup = (server: string, worldDir: string) =>
    runBackup({
      server,
      worldDir,
      settings: s3.settings(),
      compression: "zstd",
      reporter: silentReporter,
      // Distinct, increasing ids: each backup is the newest when it is made.
      now: () => new Date(Date.UTC(2025, 0, 1, 0, minute++)),
    });
  const world = async (name: string) =>
    (await generateWorld(join(base, name), { bytes: 4 * MIB, players: 5, regionBytes: 512 * 1024 })).dir;

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), "verify-"));
    s3 = await startS3();
  }, 60_000);
  afterAll(async () => {
    await Promise.all([s3?.close(), rm(base, { recursive: true, force: true })]);
  });

  it("passes when the newest backup restores to a loadable world", async () => {
    await backup("lobby", await world("good"));
    const result = await runCli(["backup:verify", "--server", "lobby", "--scratch", base], s3.env());
    expect(result.stderr).toMatch(/3 level\.dat, \d+ region files checked, 0 problems/);
    expect(result.code).toBe(0);
  }, 60_000);

  it("fails when level.dat in the newest backup is truncated", async () => {
    const dir = await world("truncated");
    const levelDat = join(dir, "world/level.dat");
    await truncate(levelDat, (await stat(levelDat)).size - 10);
    await backup("survival", dir);
    const result = await runCli(["backup:verify", "--server", "survival", "--scratch", base], s3.env());
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/world\/level\.dat is not a complete gzip stream/);
    expect(result.stderr).toMatch(/verification FAILED for survival\//);
  }, 60_000);

  it("fails when a region file's header points past its end", async () => {
    const dir = await world("bad-region");
    const file = join(dir, "world/region/r.0.0.mca");
    const handle = await open(file, "r+");
    const entry = Buffer.alloc(4);
    entry.writeUInt32BE((100_000 << 8) | 1);
    await handle.write(entry, 0, 4, 0);
    await handle.close();
    await backup("creative", dir);
    const result = await runCli(["backup:verify", "--server", "creative", "--scratch", base], s3.env());
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /world\/region\/r\.0\.0\.mca: chunk 0,0: sectors .* past the end of the file/,
    );
  }, 60_000);

  it("checks every server it is given and fails if any one fails", async () => {
    const result = await runCli(
      ["backup:verify", "--server", "lobby", "--server", "survival", "--scratch", base],
      s3.env(),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/lobby\/\d{8}T\d{6}Z: 3 level\.dat/);
    expect(result.stderr).toMatch(/verification FAILED for survival\//);
  }, 60_000);

  it("a restore refuses an archive that does not match its manifest and leaves the target untouched", async () => {
    const client = createS3Client(s3.settings());
    const manifest = await backup("tampered", await world("tampered"));
    // A valid archive, but not this backup's: only the SHA-256 can tell.
    const other = await backup("other", await world("other"));
    const bytes = await (
      await client.send(new GetObjectCommand({ Bucket: "backups", Key: other.archive.key }))
    ).Body!.transformToByteArray();
    await client.send(new PutObjectCommand({ Bucket: "backups", Key: manifest.archive.key, Body: bytes }));
    const target = join(base, "restore-target");
    await mkdir(target);
    await writeFile(join(target, "old.txt"), "the world before");
    const result = await runCli(["restore", "--server", "tampered", "--to", target, "--force"], s3.env());
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /does not match its manifest .*the archive is damaged, nothing was restored/,
    );
    expect(await readFile(join(target, "old.txt"), "utf8")).toBe("the world before");
  }, 60_000);

  it("a restore that cannot fit on the volume says so before writing anything", async () => {
    const manifest = await backup("huge", await world("huge"));
    // The same archive, described as a world far larger than any disk here.
    const catalog = new BackupCatalog(createS3Client(s3.settings()), s3.settings());
    await catalog.write({ ...manifest, world: { ...manifest.world, bytes: 2 ** 52 } });
    const target = join(base, "too-small");
    const result = await runCli(["restore", "--server", "huge", "--to", target], s3.env());
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not enough space in .*too-small: the backup needs about [\d.]+ TiB/);
    expect(await readdir(target)).toEqual([]);
  }, 60_000);

  it("accepts the region files a server writes, including empty ones", async () => {
    const dir = join(base, "regions");
    await mkdir(dir);
    await writeFile(join(dir, "empty.mca"), "");
    await writeFile(join(dir, "full.mca"), regionFile(64 * 4096));
    await writeFile(join(dir, "short.mca"), Buffer.alloc(100));
    expect(await checkRegionFile(join(dir, "empty.mca"))).toEqual([]);
    expect(await checkRegionFile(join(dir, "full.mca"))).toEqual([]);
    expect(await checkRegionFile(join(dir, "short.mca"))).toEqual([
      "100 bytes: shorter than the 8 KiB region header",
    ]);
  });
});
