import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryLog } from "../../src/dev/log.ts";
import { randomPorts } from "../../src/dev/ports.ts";
import { type DevStack, startDevStack } from "../../src/dev/stack.ts";
import { type StackFile, stackFileSchema } from "../../src/dev/stack-file.ts";
import { childPids, descendantPids, isAlive, processName, refusesConnections, waitFor } from "./processes.ts";

const ROOT = new URL("../../../", import.meta.url).pathname;
const CONFIG = join(ROOT, "network.config.ts");

/** Runs a CLI of this repository with the Node running the tests; resolves with its exit and output. */
function runNode(args: string[], env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: "1", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function portsOf(stack: StackFile): number[] {
  const port = (url: string) => Number(new URL(url).port);
  return [
    stack.minecraft.port,
    port(stack.statusUrl),
    port(stack.resourcePackUrl),
    port(stack.s3.endpoint),
    ...stack.ingressNodes.map((node) => port(node.healthUrl)),
  ];
}

let stateDir: string;
beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), "dev-stack-"));
});
afterAll(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

describe("the local stack (pnpm dev)", () => {
  it("passes every check of pnpm verify --local, and stopping it leaves no port open and no process behind", async () => {
    const before = childPids(process.pid);
    const log = memoryLog();
    let stack: DevStack | undefined = await startDevStack({
      configFile: CONFIG,
      stateDir: join(stateDir, "in-process"),
      ports: "random",
      log,
    });
    try {
      const { description } = stack;
      expect(description.network).toBe("craftnet-local");
      // The Workers run in workerd processes this process started.
      expect(
        childPids(process.pid)
          .filter((pid) => !before.includes(pid))
          .map(processName),
      ).toContain("workerd");

      const verify = await runNode(["scripts/src/verify/cli.ts", "--local", "--state", stack.stackFile]);
      expect(verify.stderr).toBe("");
      const rows = verify.stdout.split("\n").filter((line) => /^[✓✗–] /.test(line));
      expect(rows).toHaveLength(10);
      expect(rows.filter((row) => !row.startsWith("✓ "))).toEqual([
        expect.stringMatching(
          /^– {2}ArgoCD applications Synced and Healthy .* the local stack has no cluster/,
        ),
      ]);
      expect(verify.stdout).toContain("verify: 9 passed, 0 failed, 1 skipped");
      expect(verify.code).toBe(0);

      // What a developer opens: the status page shows the stand-in, labelled as one, online.
      const status = (await (await fetch(new URL("/api/status", description.statusUrl))).json()) as {
        online: boolean;
        motd: { clean: string };
        version: { name: string };
      };
      expect(status).toMatchObject({ online: true, version: { name: "dev stand-in 1.21.4" } });
      expect(status.motd.clean).toContain("DEVELOPMENT STAND-IN");
      expect(await (await fetch(description.statusUrl)).text()).toContain("Online");
      // The stack file holds this run's tokens: owner-only.
      expect((await stat(stack.stackFile)).mode & 0o777).toBe(0o600);

      const ports = portsOf(description);
      await stack.stop();
      stack = undefined;
      for (const port of ports) expect(await refusesConnections(port), `port ${port}`).toBe(true);
      // esbuild's service gets a SIGTERM without being awaited: give it a moment to go.
      const ours = () => childPids(process.pid).filter((pid) => !before.includes(pid) && isAlive(pid));
      await waitFor(() => ours().length === 0, "the stack's child processes to end", 10_000).catch(() => {});
      expect(ours().map((pid) => `${pid} ${processName(pid)}`)).toEqual([]);
      expect(existsSync(join(stateDir, "in-process", "stack.json"))).toBe(false);
    } finally {
      await stack?.stop();
    }
  }, 180_000);

  it("keeps the Workers' KV and R2 in its state folder across restarts", async () => {
    const dir = join(stateDir, "restart");
    const ports = await randomPorts();
    const latest = async (stack: DevStack) =>
      (await (await fetch(new URL("/api/pack/latest", stack.description.resourcePackUrl))).json()) as {
        id: string;
        uploadedAt: string;
      };
    const first = await startDevStack({ configFile: CONFIG, stateDir: dir, ports, log: memoryLog() });
    let published: { id: string; uploadedAt: string };
    try {
      published = await latest(first);
    } finally {
      await first.stop();
    }
    const log = memoryLog();
    const second = await startDevStack({ configFile: CONFIG, stateDir: dir, ports, log });
    try {
      expect(await latest(second)).toEqual(published);
      expect(log.lines.join("\n")).toContain("kept from an earlier run");
      // New credentials at every start.
      expect(second.description.secrets.gatewaySecret).not.toBe(first.description.secrets.gatewaySecret);
    } finally {
      await second.stop();
    }
  }, 180_000);

  it("closes what had started when one part cannot start, and says which port is taken", async () => {
    const before = childPids(process.pid);
    const ports = await randomPorts();
    // Something else already holds the port the stand-in wants.
    const squatter = createServer().listen(ports.minecraft, "127.0.0.1");
    await once(squatter, "listening");
    try {
      await expect(
        startDevStack({ configFile: CONFIG, stateDir: join(stateDir, "taken"), ports, log: memoryLog() }),
      ).rejects.toThrow(`port ${ports.minecraft} on 127.0.0.1 is already in use`);
    } finally {
      squatter.close();
    }
    const others = [ports.status, ports.resourcePack, ports.s3, ...ports.healthAgents];
    for (const port of others) expect(await refusesConnections(port), `port ${port}`).toBe(true);
    const ours = () => childPids(process.pid).filter((pid) => !before.includes(pid) && isAlive(pid));
    await waitFor(() => ours().length === 0, "the started processes to end", 10_000).catch(() => {});
    expect(ours().map((pid) => `${pid} ${processName(pid)}`)).toEqual([]);
  }, 180_000);

  it("pnpm dev answers Ctrl-C by closing everything and exiting 0", async () => {
    const dir = join(stateDir, "cli");
    // Its own process group, as a terminal's foreground job: Ctrl-C signals the whole group.
    const child = spawn(process.execPath, ["scripts/src/dev/cli.ts", "--random-ports", "--state-dir", dir], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: "1" },
      detached: true,
    });
    let stdout = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stdout += chunk));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on("exit", (code, signal) => resolve({ code, signal })),
    );
    try {
      await waitFor(() => stdout.includes("Ctrl-C stops everything"), "pnpm dev to print its URLs", 120_000);
      const stack = stackFileSchema.parse(JSON.parse(await readFile(join(dir, "stack.json"), "utf8")));
      expect(stdout).toContain(`GATEWAY_SECRET=${stack.secrets.gatewaySecret}`);
      expect(stdout).toContain(`RESOURCE_PACK_ADMIN_TOKEN=${stack.secrets.resourcePackAdminToken}`);
      expect(stdout).toContain("development stand-in");
      const processes = descendantPids(child.pid!);
      expect(processes.map(processName)).toContain("workerd");

      process.kill(-child.pid!, "SIGINT");
      expect(await exited).toEqual({ code: 0, signal: null });
      expect(stdout).toContain("[dev]");
      expect(stdout).toMatch(/stopped\n$/);
      // workerd restarted after a crash would say so: the terminal's SIGINT must not reach it.
      expect(stdout).not.toContain("crashed");
      await waitFor(() => processes.every((pid) => !isAlive(pid)), "the stack's processes to end", 10_000);
      for (const port of portsOf(stack)) expect(await refusesConnections(port), `port ${port}`).toBe(true);
      expect(existsSync(join(dir, "stack.json"))).toBe(false);
    } finally {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGKILL");
    }
  }, 180_000);
});
