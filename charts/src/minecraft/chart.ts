import type { Network } from "@mc-infra/config";
import type { Construct } from "constructs";
import { AppChart } from "../lib/app-chart.ts";
import { BackupCronJobs } from "./backup-cronjobs.ts";
import { LogShipCronJobs } from "./log-ship-cronjobs.ts";
import { MinecraftNetworkPolicies } from "./network-policies.ts";
import { OpsNetworkPolicies } from "./ops-network-policies.ts";
import { paperExtensions } from "./paper-extensions.ts";
import { PaperPatches } from "./paper-patches.ts";
import { PaperServer } from "./paper-server.ts";
import { ResourcePackInitScript } from "./resource-pack-init.ts";
import { VelocityConfig } from "./velocity-config.ts";
import { VelocityProxy } from "./velocity-proxy.ts";

/**
 * The Minecraft namespace: Velocity, the Paper servers and everything that operates on their worlds.
 * Pod Security `restricted`: every pod runs non-root with no capabilities and RuntimeDefault seccomp.
 */
export class MinecraftChart extends AppChart {
  constructor(scope: Construct, network: Network) {
    super(scope, { network, appName: "minecraft", namespace: network.cluster.namespaces.minecraft });
    const velocityConfig = new VelocityConfig(this, "velocity-config", { network });
    new VelocityProxy(this, "velocity", { network, config: velocityConfig });
    const patches = new PaperPatches(this, "paper-patches", { network });
    const shared = { resourcePackInit: new ResourcePackInitScript(this, "resource-pack-init", { network }) };
    for (const server of network.servers) {
      new PaperServer(this, `paper-${server.name}`, {
        network,
        server,
        patches,
        extensions: paperExtensions(network, server, shared),
      });
    }
    new MinecraftNetworkPolicies(this, "network-policies", { network });
    new BackupCronJobs(this, "backups", { network });
    new LogShipCronJobs(this, "logs", { network });
    new OpsNetworkPolicies(this, "ops-network-policies", { network });
  }
}
