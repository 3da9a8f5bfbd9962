import { agentSettingsFromEnv } from "./agent-env.ts";
import { createHealthAgent } from "./health-agent.ts";

/** `node cli.ts`: the ingress node's health agent, configured from the environment (see agent-env.ts). */
let settings: ReturnType<typeof agentSettingsFromEnv>;
try {
  settings = agentSettingsFromEnv(process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const { target } = settings.agent;
const server = createHealthAgent({
  ...settings.agent,
  onChange: (healthy, detail) =>
    console.log(`relay ${target.host}:${target.port} ${healthy ? "healthy" : "UNHEALTHY"}: ${detail}`),
});
server.on("error", (error) => {
  console.error(`health agent: ${error.message}`);
  process.exit(1);
});
server.listen(settings.port, settings.host, () => {
  const scheme = settings.agent.tls ? "https" : "http";
  console.log(
    `health agent on ${scheme}://${settings.host}:${settings.port}/health, pinging ${target.host}:${target.port}`,
  );
});
for (const signal of ["SIGTERM", "SIGINT"] as const)
  process.on(signal, () => server.close(() => process.exit(0)));
