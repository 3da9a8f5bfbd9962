import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runBackup } from "../src/backup/backup.ts";
import { backupIdFor } from "../src/backup/keys.ts";
import { planPrune } from "../src/backup/prune.ts";
import { silentReporter } from "../src/lib/progress.ts";
import { createS3Client } from "../src/lib/s3-client.ts";
import { listKeys } from "./helpers/bucket.ts";
import { generateWorld } from "./helpers/generate-world.ts";
import { runCli } from "./helpers/run-cli.ts";
import { startS3, type TestS3 } from "./helpers/s3-server.ts";

const DAY = 86_400_000;

describe("backup:prune", () => {
  let s3: TestS3;
  let base: string;
  let worldDir: string;
  const now = new Date();
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);
  const client = () => createS3Client(s3.settings());
  const backupAt = (server: string, date: Date) =>
    runBackup({
      server,
      worldDir,
      settings: s3.settings(),
      compression: "zstd",
      reporter: silentReporter,
      now: () => date,
    });
  const ids = async (server: string) =>
    (await listKeys(client(), "backups", `backups/${server}/`)).map((key) => key.split("/")[2]);

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), "prune-"));
    s3 = await startS3();
    worldDir = (
      await generateWorld(join(base, "world"), { bytes: 256 * 1024, players: 2, regionBytes: 64 * 1024 })
    ).dir;
  }, 60_000);
  afterAll(async () => {
    await Promise.all([s3?.close(), rm(base, { recursive: true, force: true })]);
  });

  describe("against a bucket", () => {
    beforeEach(async () => {
      for (const days of [40, 31, 29, 1]) await backupAt("survival", daysAgo(days));
      // An archive whose manifest never got written (the backup died), older than retention.
      await client().send(
        new PutObjectCommand({
          Bucket: "backups",
          Key: `backups/survival/${backupIdFor(daysAgo(35))}.tar.zst`,
          Body: "half a backup",
        }),
      );
    }, 60_000);

    it("deletes only what is older than the retention, manifests and orphaned archives included", async () => {
      const before = await ids("survival");
      expect(before).toHaveLength(9);
      const result = await runCli(["backup:prune", "--server", "survival", "--keep-days", "30"], s3.env());
      expect(result.stderr).toMatch(
        /keeping 2 backups, deleting 2 older than 30 days and 1 orphaned archives/,
      );
      expect(result.code).toBe(0);
      const keep = [backupIdFor(daysAgo(29)), backupIdFor(daysAgo(1))];
      expect(await ids("survival")).toEqual(keep.flatMap((id) => [`${id}.manifest.json`, `${id}.tar.zst`]));
    }, 60_000);

    it("--dry-run deletes nothing", async () => {
      const before = await ids("survival");
      const result = await runCli(
        ["backup:prune", "--server", "survival", "--keep-days", "30", "--dry-run"],
        s3.env(),
      );
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(/would delete backups\/survival\//);
      expect(await ids("survival")).toEqual(before);
    }, 60_000);
  });

  it("never deletes the newest backup, however old it is", async () => {
    await backupAt("lobby", daysAgo(90));
    await backupAt("lobby", daysAgo(60));
    const result = await runCli(["backup:prune", "--server", "lobby", "--keep-days", "30"], s3.env());
    expect(result.code).toBe(0);
    const newest = backupIdFor(daysAgo(60));
    expect(await ids("lobby")).toEqual([`${newest}.manifest.json`, `${newest}.tar.zst`]);
  }, 60_000);

  it("takes the retention from the network config when --keep-days is not given", async () => {
    const result = await runCli(
      [
        "backup:prune",
        "--server",
        "nothing-here",
        "--config",
        join(import.meta.dirname, "../../network.config.ts"),
      ],
      s3.env(),
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/older than 30 days/);
  }, 60_000);

  it("plans manifests before archives, so a half-finished prune never lists a backup without its archive", () => {
    const id = (days: number) => backupIdFor(daysAgo(days));
    const object = (key: string) => ({ key, size: 10 });
    const listing = {
      manifests: new Map([id(50), id(40), id(1)].map((i) => [i, object(`backups/s/${i}.manifest.json`)])),
      archives: new Map([id(50), id(40), id(1)].map((i) => [i, object(`backups/s/${i}.tar.zst`)])),
    };
    const plan = planPrune(listing, now, 30);
    expect(plan.keep).toEqual([id(1)]);
    expect(plan.keys).toEqual([
      `backups/s/${id(50)}.manifest.json`,
      `backups/s/${id(40)}.manifest.json`,
      `backups/s/${id(50)}.tar.zst`,
      `backups/s/${id(40)}.tar.zst`,
    ]);
  });
});
