import { loadNetwork } from "@mc-infra/config";
import { App } from "cdk8s";
import { APPLICATIONS } from "./applications.ts";

/**
 * The same charts as a conventional cdk8s app (`app.synth()` into the CLI's output folder), so the
 * benchmark can run the stock `cdk8s synth` CLI on exactly what `pnpm synth` renders.
 * NETWORK_CONFIG names the config module.
 */
const network = await loadNetwork({ configFile: process.env.NETWORK_CONFIG ?? "network.config.ts" });
const app = new App();
for (const definition of APPLICATIONS) {
  if (definition.source === "rendered") definition.chart(app, network);
}
app.synth();
