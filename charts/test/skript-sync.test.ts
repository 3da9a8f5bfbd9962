import { type ChildProcess, spawn } from "node:child_process";
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { clusterSecrets, IMAGES, type Network, PORTS } from "@mc-infra/config";
import type { IStatefulSet } from "kubernetes-models/apps/v1/StatefulSet";
import type { IContainer } from "kubernetes-models/v1/Container";
import { afterEach, describe, expect, it } from "vitest";
import { paperExtensions } from "../src/minecraft/paper-extensions.ts";
import { PaperPatches } from "../src/minecraft/paper-patches.ts";
import { PaperServer } from "../src/minecraft/paper-server.ts";
import { ResourcePackInitScript } from "../src/minecraft/resource-pack-init.ts";
import {
  GIT_SYNC_ROOT,
  heartbeatCheck,
  reloadScript,
  SCRIPTS_DIR,
  scriptsLinkName,
  usesSkript,
} from "../src/minecraft/skript-sync.ts";
import { exampleNetwork } from "./support/network.ts";
import { restrictedViolations } from "./support/pod-security.ts";
import { find, synthConstruct } from "./support/synth.ts";
import { schemaProblems } from "./support/validate.ts";

function pod(network: Network, name: string) {
  const objects = synthConstruct((scope) => {
    const patches = new PaperPatches(scope, "patches", { network });
    const shared = { resourcePackInit: new ResourcePackInitScript(scope, "resource-pack-init", { network }) };
    for (const server of network.servers) {
      new PaperServer(scope, server.name, {
        network,
        server,
        patches,
        extensions: paperExtensions(network, server, shared),
      });
    }
  }, network.cluster.namespaces.minecraft);
  return { objects, spec: find<IStatefulSet>(objects, "StatefulSet", name).spec!.template.spec! };
}

const container = (containers: readonly IContainer[] | undefined, name: string) =>
  containers?.find((c) => c.name === name);

describe("Skript sync", () => {
  const network = exampleNetwork();
  const survival = pod(network, "survival");
  const gitSync = container(survival.spec.containers, "skript-sync")!;
  const reloader = container(survival.spec.containers, "skript-reload")!;

  it("adds a pinned git-sync sidecar to a server that runs Skript, syncing the configured repo and branch", () => {
    expect(gitSync.image).toBe(IMAGES.gitSync);
    expect(IMAGES.gitSync).toMatch(/^registry\.k8s\.io\/git-sync\/git-sync:v4\./);
    expect(gitSync.args).toEqual(
      expect.arrayContaining([
        `--repo=${network.skript.repo}`,
        `--ref=${network.skript.branch}`,
        `--period=${network.skript.periodSeconds}s`,
        `--link=${SCRIPTS_DIR}/minecraft-project-skript`,
      ]),
    );
    expect(survival.objects.flatMap(schemaProblems)).toEqual([]);
  });

  it("leaves servers without Skript alone", () => {
    const lobby = pod(network, "lobby").spec;
    expect(lobby.containers.map((c) => c.name)).toEqual(["paper"]);
    expect(lobby.initContainers?.map((c) => c.name)).not.toContain("skript-scripts-folder");
    expect(lobby.volumes?.map((v) => v.name)).not.toContain("skript-scripts");
    expect(usesSkript({ plugins: [{ url: "https://example.net/dl/Skript-2.9.5.jar" }] })).toBe(true);
    expect(usesSkript({ plugins: [{ url: "https://example.net/dl/SkinsRestorer.jar" }] })).toBe(false);
  });

  it("puts the checkout where Skript loads scripts, with git's own files hidden from it", () => {
    expect(SCRIPTS_DIR).toBe("/data/plugins/Skript/scripts");
    const paper = container(survival.spec.containers, "paper")!;
    const mount = paper.volumeMounts?.find((m) => m.mountPath === SCRIPTS_DIR);
    expect(mount?.readOnly).toBe(true);
    expect(gitSync.volumeMounts).toContainEqual({ name: mount!.name, mountPath: SCRIPTS_DIR });
    // Skript skips folders whose name starts with a dot; git-sync's clone and worktrees live in one.
    expect(GIT_SYNC_ROOT.startsWith(`${SCRIPTS_DIR}/.`)).toBe(true);
    expect(gitSync.args).toContain(`--root=${GIT_SYNC_ROOT}`);
  });

  it("creates the scripts folder as the server's user before the checkout is mounted over it", () => {
    const init = container(survival.spec.initContainers, "skript-scripts-folder")!;
    expect(init.command).toEqual(["mkdir", "-p", SCRIPTS_DIR]);
    expect(init.securityContext?.runAsUser ?? survival.spec.securityContext?.runAsUser).toBe(1000);
  });

  it("keeps the server in service through a git host outage", () => {
    expect(gitSync.args).toContain("--max-failures=-1");
    // Probes check the process only; a failed sync must not make the whole pod unready.
    expect(gitSync.readinessProbe?.httpGet).toBeUndefined();
    expect(gitSync.readinessProbe?.tcpSocket?.port).toBe("git-sync");
  });

  it("reloads over RCON with the RCON password from the Secret, never on a command line", () => {
    expect(reloader.env).toContainEqual({
      name: "RCON_PASSWORD",
      valueFrom: { secretKeyRef: { name: clusterSecrets(network).rcon.name, key: "password" } },
    });
    expect(reloader.command?.join(" ")).toContain(`--port ${PORTS.rcon} sk reload all`);
    expect(reloader.command?.join(" ")).not.toMatch(/--password/);
  });

  it("runs both sidecars under Pod Security restricted with their own resources and probes", () => {
    expect(restrictedViolations(survival.spec)).toEqual([]);
    for (const c of [gitSync, reloader]) {
      expect(c.resources?.limits?.memory).toBeDefined();
      expect(c.resources?.requests?.cpu).toBeDefined();
      expect(c.livenessProbe).toBeDefined();
      expect(c.readinessProbe).toBeDefined();
    }
  });

  it("reads a private https repository's credentials from the Secret by reference", () => {
    const privateNetwork = exampleNetwork({ skript: { credentialsSecret: "skript-git" } });
    const sync = container(pod(privateNetwork, "survival").spec.containers, "skript-sync")!;
    expect(sync.env).toEqual([
      { name: "GITSYNC_USERNAME", valueFrom: { secretKeyRef: { name: "skript-git", key: "username" } } },
      { name: "GITSYNC_PASSWORD", valueFrom: { secretKeyRef: { name: "skript-git", key: "password" } } },
    ]);
    const secrets = clusterSecrets(privateNetwork);
    expect(secrets.skriptGit?.keys).toEqual(["username", "password"]);
    expect("skriptGit" in clusterSecrets(network)).toBe(false);
  });

  it("mounts an ssh repository's key and known_hosts from the Secret and verifies the host", () => {
    const sshNetwork = exampleNetwork({
      skript: {
        repo: "ssh://git@github.com/example/minecraft-project-skript.git",
        credentialsSecret: "skript-ssh",
      },
    });
    const spec = pod(sshNetwork, "survival").spec;
    const sync = container(spec.containers, "skript-sync")!;
    expect(sync.args).toEqual(
      expect.arrayContaining(["--ssh-known-hosts=true", "--ssh-key-file=/etc/git-secret/ssh"]),
    );
    expect(sync.env).toBeUndefined();
    const mount = sync.volumeMounts?.find((m) => m.mountPath === "/etc/git-secret");
    const volume = spec.volumes?.find((v) => v.name === mount?.name);
    expect(volume?.secret?.secretName).toBe("skript-ssh");
    expect(mount?.readOnly).toBe(true);
    // The files git-sync opens are keys of the Secret, exactly the ones Pulumi writes.
    const files = (sync.args ?? [])
      .filter((arg) => /^--ssh-(key|known-hosts)-file=/.test(arg))
      .map((arg) => arg.slice(arg.indexOf("=") + 1));
    expect(files.map((file) => file.slice(0, file.lastIndexOf("/")))).toEqual([
      mount!.mountPath,
      mount!.mountPath,
    ]);
    expect(files.map((file) => file.slice(file.lastIndexOf("/") + 1)).sort()).toEqual(
      [...clusterSecrets(sshNetwork).skriptGit!.keys].sort(),
    );
  });

  it("names the scripts folder after the repository", () => {
    expect(scriptsLinkName("https://github.com/example/minecraft-project-skript.git")).toBe(
      "minecraft-project-skript",
    );
    expect(scriptsLinkName("ssh://git@host:2222/team/scripts")).toBe("scripts");
    expect(scriptsLinkName("https://host/.hidden")).toBe("scripts-repo");
  });
});

describe("the reload loop (run in bash against a stand-in rcon-cli)", () => {
  let work = "";
  let loop: ChildProcess | undefined;

  afterEach(async () => {
    // The loop's whole process group: a `touch` it forked a moment before would otherwise write into
    // the folder while it is removed (ENOTEMPTY).
    if (loop?.pid !== undefined && loop.exitCode === null && loop.signalCode === null) {
      const exited = new Promise((resolve) => loop!.once("exit", resolve));
      process.kill(-loop.pid, "SIGKILL");
      await exited;
    }
    loop = undefined;
    if (work) await rm(work, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
  });

  async function start(rconExitCodes: number[]) {
    work = await mkdtemp(join(tmpdir(), "skript-reload-"));
    const bin = join(work, "bin");
    await mkdir(bin);
    const calls = join(work, "calls");
    // Records its arguments and whether the password reached it through the environment.
    const fake = [
      "#!/usr/bin/env bash",
      `codes=(${rconExitCodes.join(" ")})`,
      `n=$(wc -l < '${calls}' 2>/dev/null || echo 0)`,
      `echo "$* password=\${RCON_PASSWORD:-}" >> '${calls}'`,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a bash array lookup, not a template.
      'exit "${codes[$n]:-0}"',
    ].join("\n");
    await writeFile(join(bin, "rcon-cli"), fake);
    await chmod(join(bin, "rcon-cli"), 0o755);
    const link = join(work, "scripts", "repo");
    await mkdir(join(work, "scripts"));
    const script = reloadScript({ link, intervalSeconds: 0.05, heartbeatFile: join(work, "alive") });
    loop = spawn("bash", ["-c", script], {
      env: { PATH: `${bin}:${process.env.PATH}`, RCON_PASSWORD: "from-the-secret" },
      stdio: "ignore",
      detached: true,
    });
    return { calls, link, heartbeat: join(work, "alive") };
  }

  async function callsIn(file: string, count: number): Promise<string[]> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const lines = (await readFile(file, "utf8").catch(() => "")).split("\n").filter(Boolean);
      if (lines.length >= count || Date.now() > deadline) return lines;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async function pointAt(link: string, revision: string) {
    await unlink(link).catch(() => undefined);
    await symlink(`.git-sync/.worktrees/${revision}`, link);
  }

  it("reloads once per new revision and not while the revision stays the same", async () => {
    const { calls, link } = await start([]);
    await pointAt(link, "1111111");
    expect(await callsIn(calls, 1)).toEqual([
      "--host 127.0.0.1 --port 25575 sk reload all password=from-the-secret",
    ]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await callsIn(calls, 1)).toHaveLength(1);
    await pointAt(link, "2222222");
    expect(await callsIn(calls, 2)).toHaveLength(2);
  });

  it("retries a reload the server refused (still starting) until it succeeds", async () => {
    const { calls, link } = await start([1, 1, 0]);
    await pointAt(link, "3333333");
    expect(await callsIn(calls, 3)).toHaveLength(3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await callsIn(calls, 3)).toHaveLength(3);
  });

  it("does nothing before git-sync's first checkout, but keeps its heartbeat fresh for the probes", async () => {
    const { calls, heartbeat } = await start([]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await readFile(calls, "utf8").catch(() => "")).toBe("");
    const probe = heartbeatCheck(heartbeat);
    const status = await new Promise<number | null>((resolve) =>
      spawn(probe[0]!, probe.slice(1), { stdio: "ignore" }).on("exit", resolve),
    );
    expect(status).toBe(0);
  });
});
