import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  bucketNames,
  DEFAULT_CONFIG_FILE,
  LOCAL_ENVIRONMENT,
  loadDefinition,
  type Network,
  resolveNetwork,
  type WorkerName,
} from "@mc-infra/config";
import { startCronTrigger } from "./cron-trigger.ts";
import { startHealthAgents } from "./health-agents.ts";
import type { DevLog } from "./log.ts";
import { startMinecraftStandIn } from "./minecraft-stand-in.ts";
import { type DevPorts, fixedPorts, LOOPBACK, randomPorts } from "./ports.ts";
import { startS3Server } from "./s3-server.ts";
import { generateDevSecrets } from "./secrets.ts";
import { ensureLatestPack } from "./seed-pack.ts";
import {
  DEFAULT_STATE_DIR,
  removeStackFile,
  type StackFile,
  stackFilePath,
  writeStackFile,
} from "./stack-file.ts";
import { localVars, publicToLocal } from "./worker-vars.ts";
import { readWorkerConfig, startDevWorker, stopWranglerBundler } from "./wrangler-worker.ts";

const WORKERS_DIR = fileURLToPath(new URL("../../../workers/", import.meta.url));

export interface DevStackOptions {
  /** @default DEFAULT_CONFIG_FILE */
  readonly configFile?: string;
  /** @default LOCAL_ENVIRONMENT */
  readonly environment?: string;
  /** Persistent state (Workers' KV and R2, s3rver's objects) and stack.json. @default DEFAULT_STATE_DIR */
  readonly stateDir?: string;
  /** "fixed": the documented ports; "random": free ones, for a second stack or a test. @default "fixed" */
  readonly ports?: "fixed" | "random" | DevPorts;
  readonly log: DevLog;
}

export interface DevStack {
  readonly network: Network;
  /** What the stack serves, as written to `stackFile`. */
  readonly description: StackFile;
  readonly stackFile: string;
  /** Fires the status Worker's cron now (the minutely timer does it anyway). */
  checkStatusNow(): Promise<void>;
  /** Closes every server and Worker and the processes behind them; safe to call twice. */
  stop(): Promise<void>;
}

interface Closable {
  close(): Promise<void>;
}

/**
 * The network on this machine, every service on loopback: both Workers in local workerd, the
 * Minecraft stand-in, the ingress health agents pointed at it, s3rver for the buckets. Names come
 * from the config's `local` environment; addresses and ports are the stack's own, and the Workers'
 * public addresses are rewritten to them at run time (Workers cannot resolve example.net).
 * A failure while starting closes whatever had started.
 */
export async function startDevStack(options: DevStackOptions): Promise<DevStack> {
  const { log } = options;
  const configFile = options.configFile ?? DEFAULT_CONFIG_FILE;
  const definition = await loadDefinition(configFile);
  const network = resolveNetwork(definition, options.environment ?? LOCAL_ENVIRONMENT, configFile);
  // The Workers' wrangler.jsonc carry the default environment's addresses at their top level.
  const deployed = resolveNetwork(definition, undefined, configFile);

  const stateDir = resolve(options.stateDir ?? DEFAULT_STATE_DIR);
  await mkdir(join(stateDir, "s3"), { recursive: true });
  const ports =
    options.ports === undefined || options.ports === "fixed"
      ? fixedPorts(network.ingressNodes.healthPort)
      : options.ports === "random"
        ? await randomPorts()
        : options.ports;
  const secrets = generateDevSecrets();
  const minecraft = { host: LOOPBACK, port: ports.minecraft };
  const addresses = {
    resourcePackOrigin: `http://${LOOPBACK}:${ports.resourcePack}`,
    statusOrigin: `http://${LOOPBACK}:${ports.status}`,
    minecraft,
  };
  const toLocal = publicToLocal(deployed, addresses);
  const workerConfig = (name: WorkerName) => readWorkerConfig(join(WORKERS_DIR, name));
  const resourcePackConfig = workerConfig("resource-pack");
  const statusConfig = workerConfig("status");
  const buckets = Object.values(bucketNames(network));

  const started: Closable[] = [];
  const track = async <T extends Closable>(starting: Promise<T>): Promise<T> => {
    const service = await starting;
    started.push(service);
    return service;
  };
  let cron: ReturnType<typeof startCronTrigger> | undefined;
  let stopping: Promise<void> | undefined;
  const stackFile = stackFilePath(stateDir);
  const stop = () => {
    stopping ??= (async () => {
      await cron?.stop();
      // Reverse order of starting; one failing to close must not keep the others open.
      for (const service of started.splice(0).reverse()) {
        await service.close().catch((error: Error) => log("dev", `while stopping: ${error.message}`, "warn"));
      }
      await stopWranglerBundler().catch(() => {});
      await removeStackFile(stackFile);
    })();
    return stopping;
  };

  try {
    const [s3, , health, resourcePack, status] = await allStarted([
      track(startS3Server({ port: ports.s3, directory: join(stateDir, "s3"), buckets, log })),
      track(
        startMinecraftStandIn({
          port: ports.minecraft,
          networkName: network.name,
          version: network.servers[0]!.paperVersion,
          maxPlayers: network.proxy.showMaxPlayers,
          log,
        }),
      ),
      track(
        startHealthAgents({
          nodes: [network.ingressNodes.primary, network.ingressNodes.standby].map((node, index) => ({
            name: node.name,
            port: ports.healthAgents[index]!,
          })),
          gatewaySecret: secrets.gatewaySecret,
          target: minecraft,
          log,
        }),
      ),
      track(
        startDevWorker({
          config: resourcePackConfig,
          label: "resource-pack worker",
          port: ports.resourcePack,
          vars: localVars(resourcePackConfig.vars, toLocal, deployed.domain, resourcePackConfig.configPath),
          secrets: { ADMIN_TOKEN: secrets.resourcePackAdminToken },
          persistTo: join(stateDir, "wrangler", "resource-pack"),
          log,
        }),
      ),
      track(
        startDevWorker({
          config: statusConfig,
          label: "status worker",
          port: ports.status,
          vars: localVars(statusConfig.vars, toLocal, deployed.domain, statusConfig.configPath),
          secrets: { ADMIN_TOKEN: secrets.statusAdminToken },
          persistTo: join(stateDir, "wrangler", "status"),
          log,
        }),
      ),
    ]);

    await ensureLatestPack({
      origin: addresses.resourcePackOrigin,
      adminToken: secrets.resourcePackAdminToken,
      networkName: network.name,
      dir: stateDir,
      log,
    });
    cron = startCronTrigger({
      workerUrl: status.url,
      crons: statusConfig.crons,
      label: "status worker",
      log,
    });
    // The page shows the stand-in from the first minute instead of waiting for the top of the next.
    await cron.fireNow();

    const description: StackFile = {
      pid: process.pid,
      startedAt: new Date().toISOString(),
      configFile: resolve(configFile),
      environment: network.environment,
      network: network.name,
      minecraft,
      ingressNodes: health.agents.map((agent) => ({ name: agent.name, healthUrl: agent.healthUrl })),
      resourcePackUrl: `${resourcePack.url.origin}/`,
      statusUrl: `${status.url.origin}/`,
      s3: {
        endpoint: s3.endpoint,
        accessKeyId: s3.accessKeyId,
        secretAccessKey: s3.secretAccessKey,
        buckets,
      },
      secrets,
    };
    await writeStackFile(stackFile, description);
    const activeCron = cron;
    return { network, description, stackFile, checkStatusNow: () => activeCron.fireNow(), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Waits for every part to start, even after one failed, so that each one that did start is known
 * (and closed by the caller) before the first failure is thrown.
 */
async function allStarted<T extends readonly unknown[]>(
  starting: { [K in keyof T]: Promise<T[K]> },
): Promise<T> {
  const results = await Promise.allSettled(starting);
  const failure = results.find((result) => result.status === "rejected");
  if (failure) throw failure.reason;
  return results.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
