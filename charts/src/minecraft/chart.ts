import type { Network } from "@mc-infra/config";
import type { Construct } from "constructs";
import { AppChart } from "../lib/app-chart.ts";
import { BackupCronJobs } from "./backup-cronjobs.ts";
import { LogShipCronJobs } from "./log-ship-cronjobs.ts";

/** The Minecraft namespace: Velocity, the Paper servers and everything that operates on their worlds. */
export class MinecraftChart extends AppChart {
  constructor(scope: Construct, network: Network) {
    super(scope, { network, appName: "minecraft", namespace: network.cluster.namespaces.minecraft });
    new BackupCronJobs(this, "backups", { network });
    new LogShipCronJobs(this, "logs", { network });
  }
}
