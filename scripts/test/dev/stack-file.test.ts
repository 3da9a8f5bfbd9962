import { spawnSync } from "node:child_process";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  NoLocalStackError,
  readStackFile,
  removeStackFile,
  type StackFile,
  writeStackFile,
} from "../../src/dev/stack-file.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "stack-file-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const stack = (pid: number): StackFile => ({
  pid,
  startedAt: "2025-11-20T10:00:00.000Z",
  configFile: "/repo/network.config.ts",
  environment: "local",
  network: "craftnet-local",
  minecraft: { host: "127.0.0.1", port: 25565 },
  ingressNodes: [{ name: "local-primary", healthUrl: "http://127.0.0.1:8443/health" }],
  resourcePackUrl: "http://127.0.0.1:8788/",
  statusUrl: "http://127.0.0.1:8787/",
  s3: { endpoint: "http://127.0.0.1:4568", accessKeyId: "S3RVER", secretAccessKey: "S3RVER", buckets: [] },
  secrets: { resourcePackAdminToken: "a", statusAdminToken: "b", gatewaySecret: "c" },
});

describe("stack.json, how pnpm verify --local finds the running stack", () => {
  it("is written owner-only and read back while its process runs", async () => {
    const path = join(dir, "running.json");
    await writeStackFile(path, stack(process.pid));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readStackFile(path)).toEqual(stack(process.pid));
  });

  it("says to start pnpm dev when there is none", async () => {
    const read = readStackFile(join(dir, "missing.json"));
    await expect(read).rejects.toBeInstanceOf(NoLocalStackError);
    await expect(read).rejects.toThrow(/no local stack is running .* start one with `pnpm dev`/);
  });

  it("describes nothing once the process that wrote it is gone", async () => {
    const gone = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
    const path = join(dir, "stale.json");
    await writeStackFile(path, stack(Number(gone.stdout.trim())));
    await expect(readStackFile(path)).rejects.toThrow(/is not running any more: start it with `pnpm dev`/);
  });

  it("names the field that is wrong in a damaged file", async () => {
    const path = join(dir, "damaged.json");
    await writeFile(path, JSON.stringify({ ...stack(process.pid), statusUrl: "nowhere" }));
    await expect(readStackFile(path)).rejects.toThrow(/damaged\.json: statusUrl /);
  });

  it("is removed by the stack that wrote it, never one another stack rewrote since", async () => {
    const path = join(dir, "owned.json");
    await writeStackFile(path, stack(process.pid));
    await removeStackFile(path, process.pid + 1);
    await expect(stat(path)).resolves.toBeDefined();
    await removeStackFile(path, process.pid);
    await expect(stat(path)).rejects.toThrow(/ENOENT/);
  });
});
