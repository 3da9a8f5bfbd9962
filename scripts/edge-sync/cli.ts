import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadDefinition } from "@mc-infra/config";
import { syncWorkers, validateOutputs } from "./sync.ts";

/**
 * `pnpm edge:sync [--stack production] [--outputs file.json] [--check]`: writes the edge's outputs
 * (KV namespace ids, bucket names, hostnames, vars) into workers/<name>/wrangler.jsonc, so
 * `wrangler deploy` needs no hand edits. Only non-secret outputs are read.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
try {
  const { values } = parseArgs({
    options: {
      stack: { type: "string" },
      outputs: { type: "string" },
      config: { type: "string", default: "network.config.ts" },
      "workers-dir": { type: "string", default: join(root, "workers") },
      check: { type: "boolean", default: false },
    },
  });
  const raw = values.outputs
    ? readFileSync(values.outputs, "utf8")
    : execFileSync(
        "pulumi",
        ["stack", "output", "--json", ...(values.stack ? ["--stack", values.stack] : [])],
        {
          cwd: join(root, "pulumi"),
          encoding: "utf8",
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new Error(`the stack outputs are not JSON (${(error as Error).message})`);
  }
  const outputs = validateOutputs(parsed);
  const definition = await loadDefinition(resolve(root, values.config));
  const results = await syncWorkers({
    outputs,
    workersDir: values["workers-dir"],
    defaultEnvironment: definition.defaultEnvironment,
    check: values.check,
  });
  for (const result of results) {
    const note = result.status === "missing" ? "no wrangler.jsonc, skipped" : result.status;
    console.log(`${result.worker.padEnd(16)} ${note}  (${result.file})`);
  }
  if (values.check && results.some((result) => result.status === "updated")) {
    console.error(`wrangler configs are out of date for ${outputs.environment}: run pnpm edge:sync`);
    process.exit(1);
  }
} catch (error) {
  console.error(`edge:sync: ${(error as Error).message}`);
  process.exit(1);
}
