import {
  clusterSecrets,
  IMAGES,
  type Network,
  PORTS,
  type ServerSpec,
  SKRIPT_GIT_SECRET_KEYS,
  WORLD_VOLUME,
} from "@mc-infra/config";
import { k8s } from "cdk8s-plus-33";
import { restrictedContainerSecurityContext } from "../lib/pod-security.ts";
import { resources } from "../lib/resources.ts";
import type { PaperPodExtension } from "./paper-pod-extension.ts";
import { DATA_DIR } from "./paper-server.ts";

/** Where Skript loads scripts from. The synced checkout is mounted here, over the world volume. */
export const SCRIPTS_DIR = `${DATA_DIR}/plugins/Skript/scripts`;
/** git-sync's working tree, hidden from Skript: it skips folders whose names start with a dot. */
export const GIT_SYNC_ROOT = `${SCRIPTS_DIR}/.git-sync`;
/** git-sync's health and metrics endpoint. */
export const GIT_SYNC_HTTP_PORT = 2020;
/** git-sync's own user (the image's passwd knows it, which ssh needs); fsGroup lets it write the shared volume. */
const GIT_SYNC_USER = { user: 65533, group: 65533 };
const SSH_SECRET_DIR = "/etc/git-secret";
const RELOAD_INTERVAL_SECONDS = 10;
const HEARTBEAT_FILE = "/tmp/alive";

/** Whether the server runs Skript: a Modrinth `skript` project or a jar whose file name starts with Skript. */
export function usesSkript(server: Pick<ServerSpec, "plugins">): boolean {
  return server.plugins.some((plugin) =>
    "modrinth" in plugin
      ? plugin.modrinth.toLowerCase() === "skript"
      : /\/skript[^/]*\.jar$/i.test(new URL(plugin.url).pathname),
  );
}

/**
 * The folder Skript shows the scripts under: the repository's name (`minecraft-project-skript`),
 * a symlink git-sync flips atomically to each new revision.
 */
export function scriptsLinkName(repo: string): string {
  const leaf =
    repo
      .replace(/\/+$/, "")
      .split(/[/:]/)
      .pop()
      ?.replace(/\.git$/, "") ?? "";
  return /^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(leaf) ? leaf : "scripts-repo";
}

export interface ReloadLoopOptions {
  /** The git-sync link whose target names the current revision. */
  readonly link: string;
  /** @default 10 */
  readonly intervalSeconds?: number;
  /** Touched every round; the probes check it is fresh. @default "/tmp/alive" */
  readonly heartbeatFile?: string;
}

/**
 * The reload loop: when the link points at a new revision, `sk reload all` over RCON on localhost
 * (rcon-cli reads the password from RCON_PASSWORD, never from its command line). A failed reload
 * (the server still starting) is retried on the next round. After a pod start the first revision is
 * reloaded once although Skript loaded it at startup: harmless, and it covers a sync that landed
 * while the server was starting.
 */
export function reloadScript(options: ReloadLoopOptions): string {
  const heartbeat = options.heartbeatFile ?? HEARTBEAT_FILE;
  return [
    "set -u",
    `link='${options.link}'`,
    'applied=""',
    "while true; do",
    `  touch '${heartbeat}'`,
    '  target="$(readlink "$link" 2>/dev/null || true)"',
    '  if [ -n "$target" ] && [ "$target" != "$applied" ]; then',
    `    if timeout 30 rcon-cli --host 127.0.0.1 --port ${PORTS.rcon} sk reload all; then`,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion, not a template.
    '      echo "skript-reload: reloaded scripts at revision ${target##*/}"',
    '      applied="$target"',
    "    fi",
    "  fi",
    `  sleep ${options.intervalSeconds ?? RELOAD_INTERVAL_SECONDS}`,
    "done",
  ].join("\n");
}

/** The reload loop's liveness: its heartbeat is less than two minutes old. */
export function heartbeatCheck(heartbeatFile = HEARTBEAT_FILE): string[] {
  return ["bash", "-c", `test -n "$(find '${heartbeatFile}' -mmin -2 2>/dev/null)"`];
}

/**
 * Syncs the Skript repository (minecraft-project-skript) into a server that runs Skript and reloads
 * the scripts when the revision changes: a git-sync sidecar, a reload sidecar speaking RCON, and an
 * init step that creates the scripts folder as the server's user before anything is mounted over it.
 * The checkout is an emptyDir: the repository is the source of truth, edits on the server are not kept.
 * @returns undefined for a server without Skript.
 */
export function skriptSync(network: Network, server: ServerSpec): PaperPodExtension | undefined {
  if (!usesSkript(server)) return undefined;
  const { skript } = network;
  const secrets = clusterSecrets(network);
  const credentials = secrets.skriptGit;
  const ssh = skript.repo.startsWith("ssh://");
  const link = `${SCRIPTS_DIR}/${scriptsLinkName(skript.repo)}`;
  const scriptsVolume = "skript-scripts";
  const credentialsVolume = "skript-git-credentials";

  const httpsCredentials: k8s.EnvVar[] =
    credentials && !ssh
      ? [
          {
            name: "GITSYNC_USERNAME",
            valueFrom: {
              secretKeyRef: { name: credentials.name, key: SKRIPT_GIT_SECRET_KEYS.https.username },
            },
          },
          {
            name: "GITSYNC_PASSWORD",
            valueFrom: {
              secretKeyRef: { name: credentials.name, key: SKRIPT_GIT_SECRET_KEYS.https.password },
            },
          },
        ]
      : [];
  const sshArgs =
    credentials && ssh
      ? [
          // The Secret's keys, as files of the volume mounted at SSH_SECRET_DIR.
          `--ssh-key-file=${SSH_SECRET_DIR}/${SKRIPT_GIT_SECRET_KEYS.ssh.privateKey}`,
          "--ssh-known-hosts=true",
          `--ssh-known-hosts-file=${SSH_SECRET_DIR}/${SKRIPT_GIT_SECRET_KEYS.ssh.knownHosts}`,
        ]
      : [];
  const gitSyncPort = k8s.IntOrString.fromString("git-sync");

  const gitSync: k8s.Container = {
    name: "skript-sync",
    image: IMAGES.gitSync,
    args: [
      `--repo=${skript.repo}`,
      `--ref=${skript.branch}`,
      `--root=${GIT_SYNC_ROOT}`,
      `--link=${link}`,
      `--period=${skript.periodSeconds}s`,
      "--depth=1",
      // Keep retrying through a git host outage instead of crash-looping beside a healthy server.
      "--max-failures=-1",
      `--http-bind=:${GIT_SYNC_HTTP_PORT}`,
      ...sshArgs,
    ],
    ...(httpsCredentials.length > 0 ? { env: httpsCredentials } : {}),
    ports: [{ name: "git-sync", containerPort: GIT_SYNC_HTTP_PORT, protocol: "TCP" }],
    resources: resources({
      cpu: { request: "10m", limit: "200m" },
      memory: { request: "32Mi", limit: "128Mi" },
    }),
    // Checks the process, not the sync: a git host outage must not take the server out of the Service.
    readinessProbe: { tcpSocket: { port: gitSyncPort }, periodSeconds: 10 },
    livenessProbe: { tcpSocket: { port: gitSyncPort }, periodSeconds: 30, failureThreshold: 3 },
    securityContext: restrictedContainerSecurityContext(GIT_SYNC_USER),
    volumeMounts: [
      { name: scriptsVolume, mountPath: SCRIPTS_DIR },
      // The image sets HOME=/tmp; git keeps its config there.
      { name: "skript-sync-tmp", mountPath: "/tmp" },
      ...(credentials && ssh ? [{ name: credentialsVolume, mountPath: SSH_SECRET_DIR, readOnly: true }] : []),
    ],
  };

  const heartbeat = heartbeatCheck();
  const reloader: k8s.Container = {
    name: "skript-reload",
    // The server image already on the node: it has bash and rcon-cli.
    image: IMAGES.paper,
    command: ["bash", "-c", reloadScript({ link })],
    env: [
      { name: "HOME", value: "/tmp" },
      {
        name: "RCON_PASSWORD",
        valueFrom: { secretKeyRef: { name: secrets.rcon.name, key: secrets.rcon.keys[0]! } },
      },
    ],
    resources: resources({
      cpu: { request: "5m", limit: "100m" },
      memory: { request: "16Mi", limit: "64Mi" },
    }),
    readinessProbe: { exec: { command: heartbeat }, periodSeconds: 30 },
    livenessProbe: { exec: { command: heartbeat }, periodSeconds: 30, failureThreshold: 3 },
    securityContext: restrictedContainerSecurityContext(),
    volumeMounts: [
      { name: scriptsVolume, mountPath: SCRIPTS_DIR, readOnly: true },
      { name: "skript-reload-tmp", mountPath: "/tmp" },
    ],
  };

  // Without it the runtime would create plugins/Skript as root when it mounts the checkout below it,
  // and Skript could not write its config next to the scripts.
  const scriptsFolder: k8s.Container = {
    name: "skript-scripts-folder",
    image: IMAGES.paper,
    command: ["mkdir", "-p", SCRIPTS_DIR],
    resources: resources({
      cpu: { request: "10m", limit: "100m" },
      memory: { request: "16Mi", limit: "64Mi" },
    }),
    securityContext: restrictedContainerSecurityContext(),
    volumeMounts: [{ name: WORLD_VOLUME, mountPath: DATA_DIR }],
  };

  return {
    name: "skript-sync",
    initContainers: [scriptsFolder],
    sidecars: [gitSync, reloader],
    volumeMounts: [{ name: scriptsVolume, mountPath: SCRIPTS_DIR, readOnly: true }],
    volumes: [
      { name: scriptsVolume, emptyDir: { sizeLimit: k8s.Quantity.fromString("256Mi") } },
      { name: "skript-sync-tmp", emptyDir: { sizeLimit: k8s.Quantity.fromString("64Mi") } },
      { name: "skript-reload-tmp", emptyDir: { sizeLimit: k8s.Quantity.fromString("16Mi") } },
      ...(credentials && ssh
        ? [
            {
              name: credentialsVolume,
              // Group-readable for git-sync through the pod's fsGroup; ssh only rejects keys it owns itself.
              secret: { secretName: credentials.name, defaultMode: 0o440 },
            },
          ]
        : []),
    ],
  };
}
