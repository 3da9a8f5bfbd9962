import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import type { BackupManifest } from "../src/backup/manifest.ts";
import { createS3Client } from "../src/lib/s3-client.ts";
import { generateWorld } from "../test/helpers/generate-world.ts";
import { startProxy } from "../test/helpers/network-proxy.ts";
import { imageEnv, runCli } from "../test/helpers/run-cli.ts";
import { startS3, type TestS3 } from "../test/helpers/s3-server.ts";
import { type BenchReport, median } from "./report.ts";

const MIB = 1024 * 1024;
/** A fast home uplink (~270 Mbit/s): what a backup to R2 actually competes with. */
const UPLINK_BYTES_PER_SECOND = 32 * MIB;

interface Run {
  readonly seconds: number;
  readonly maxRss: number;
  readonly cpuSeconds: number;
}

/**
 * Backup throughput of a 1 GiB world (tar | zstd | sha256 | multipart upload, as the CronJob runs
 * it) against a plain lib-storage multipart upload of the very archive it produced, both as child
 * processes with the ops image's environment, against s3rver on loopback:
 *  - unthrottled, median of two alternating rounds: the S3 server is as fast as the CPU, so this
 *    measures what archiving and compressing cost on the way (on 2 shared cores: CPU-bound);
 *  - through a proxy capped at a home uplink's bandwidth, once: the deployment case, where the
 *    question is whether the backup keeps the link as busy as a plain upload would.
 */
export default async function bench(): Promise<BenchReport> {
  const base = await mkdtemp(join(tmpdir(), "backup-bench-"));
  const s3 = await startS3(["backups"]);
  try {
    const world = await generateWorld(join(base, "world"), {
      bytes: 1024 * MIB,
      players: 1000,
      regionBytes: 8 * MIB,
    });
    const archive = join(base, "archive.tar.zst");
    const backups: Run[] = [];
    const plains: Run[] = [];
    let manifest: BackupManifest | undefined;
    for (let round = 0; round < 2; round++) {
      const backup = await timedBackup(s3, world.dir, `loopback${round}`, s3.endpoint);
      backups.push(backup.run);
      manifest = backup.manifest;
      if (round === 0) await download(s3, manifest.archive.key, archive);
      plains.push(
        await timedPlainUpload(s3, archive, `plain/${round}`, manifest.archive.partSize, s3.endpoint),
      );
    }
    const uplink = async <T>(measure: (endpoint: string) => Promise<T>): Promise<T> => {
      const proxy = await startProxy({
        targetPort: Number(new URL(s3.endpoint).port),
        bytesPerSecond: UPLINK_BYTES_PER_SECOND,
      });
      try {
        return await measure(`http://127.0.0.1:${proxy.port}`);
      } finally {
        await proxy.close();
      }
    };
    const throttledBackup = await uplink((endpoint) => timedBackup(s3, world.dir, "uplink", endpoint));
    const throttledPlain = await uplink((endpoint) =>
      timedPlainUpload(s3, archive, "plain/uplink", manifest!.archive.partSize, endpoint),
    );

    const archiveMib = manifest!.archive.size / MIB;
    const backupSeconds = median(backups.map((run) => run.seconds));
    const plainSeconds = median(plains.map((run) => run.seconds));
    return {
      title: `backup: ${(world.bytes / MIB).toFixed(0)} MiB world (${world.files} files) → ${archiveMib.toFixed(0)} MiB .tar.zst against s3rver on loopback`,
      figures: [
        { label: "backup, loopback (archive bytes)", value: archiveMib / backupSeconds, unit: "MiB/s" },
        { label: "backup, loopback (world bytes)", value: world.bytes / MIB / backupSeconds, unit: "MiB/s" },
        { label: "plain upload, loopback", value: archiveMib / plainSeconds, unit: "MiB/s" },
        {
          label: `backup, ${UPLINK_BYTES_PER_SECOND / MIB} MiB/s uplink`,
          value: archiveMib / throttledBackup.run.seconds,
          unit: "MiB/s",
        },
        {
          label: `plain upload, ${UPLINK_BYTES_PER_SECOND / MIB} MiB/s uplink`,
          value: archiveMib / throttledPlain.seconds,
          unit: "MiB/s",
        },
        {
          label: "backup peak RSS",
          value: Math.max(...backups.map((run) => run.maxRss), throttledBackup.run.maxRss) / MIB,
          unit: "MiB",
        },
        {
          label: "plain upload peak RSS",
          value: Math.max(...plains.map((run) => run.maxRss)) / MIB,
          unit: "MiB",
        },
        {
          label: "backup CPU time, loopback",
          value: median(backups.map((run) => run.cpuSeconds)),
          unit: "s",
        },
        {
          label: "plain upload CPU time, loopback",
          value: median(plains.map((run) => run.cpuSeconds)),
          unit: "s",
        },
      ],
      ratios: [
        {
          label: "backup / plain throughput, loopback",
          value: plainSeconds / backupSeconds,
          goal: { op: ">=", value: 0.8 },
        },
        {
          label: "backup / plain throughput, uplink",
          value: throttledPlain.seconds / throttledBackup.run.seconds,
          goal: { op: ">=", value: 0.8 },
        },
      ],
    };
  } finally {
    await s3.close();
    await rm(base, { recursive: true, force: true });
  }
}

async function timedBackup(s3: TestS3, worldDir: string, server: string, endpoint: string) {
  const started = performance.now();
  const result = await runCli(["backup", "--server", server, "--world", worldDir], {
    ...s3.env(),
    S3_ENDPOINT: endpoint,
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.code !== 0) throw new Error(`backup failed: ${result.stderr}`);
  const listed = await runCli(["backup:list", "--server", server, "--json"], s3.env());
  const manifest = (JSON.parse(listed.stdout) as BackupManifest[])[0]!;
  return { run: { seconds, maxRss: result.maxRss, cpuSeconds: result.cpuSeconds }, manifest };
}

async function download(s3: TestS3, key: string, file: string): Promise<void> {
  const response = await createS3Client(s3.settings()).send(
    new GetObjectCommand({ Bucket: "backups", Key: key }),
  );
  await pipeline(response.Body as Readable, createWriteStream(file));
}

/** plain-upload.ts in its own Node with the ops image's environment, timed, with its peak RSS and CPU. */
async function timedPlainUpload(
  s3: TestS3,
  file: string,
  key: string,
  partSize: number,
  endpoint: string,
): Promise<Run> {
  const rssDir = await mkdtemp(join(tmpdir(), "bench-rss-"));
  const rssFile = join(rssDir, "rss");
  try {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [
        "--import",
        join(import.meta.dirname, "../test/helpers/report-max-rss.ts"),
        join(import.meta.dirname, "plain-upload.ts"),
        file,
        key,
        String(partSize),
      ],
      {
        env: {
          PATH: process.env.PATH ?? "",
          ...(await imageEnv()),
          ...s3.env(),
          S3_ENDPOINT: endpoint,
          MAX_RSS_FILE: rssFile,
        },
        stdio: "inherit",
      },
    );
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    const seconds = (performance.now() - started) / 1000;
    if (code !== 0) throw new Error(`plain upload exited ${code}`);
    const [maxRss, cpuSeconds] = (await readFile(rssFile, "utf8")).split(" ").map(Number);
    return { seconds, maxRss: maxRss!, cpuSeconds: cpuSeconds! };
  } finally {
    await rm(rssDir, { recursive: true, force: true });
  }
}
