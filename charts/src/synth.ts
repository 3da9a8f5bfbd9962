import { resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  ConfigError,
  type ConfigImporter,
  DEFAULT_CONFIG_FILE,
  loadDefinition,
  resolveNetwork,
} from "@mc-infra/config";
import { MANAGED_DIRS, renderNetwork } from "./render.ts";
import { diffTree, type TreeDiff, writeTree } from "./write.ts";

const usage = `Usage: pnpm synth [--env <name>] [--config <file>] [--out <dir>] [--check]

Renders every ArgoCD application into apps/<app>/ and the bootstrap into argocd/.
  --env <name>     environment from the config (default: the config's defaultEnvironment)
  --config <file>  network config module (default: ${DEFAULT_CONFIG_FILE})
  --out <dir>      output root (default: the repository for the default environment,
                   .synth/<env> for any other, so a preview never overwrites what ArgoCD syncs)
  --check          render in memory and exit 1, listing the files, if the output differs`;

export interface SynthIo {
  readonly log: (line: string) => void;
  readonly error: (line: string) => void;
  /** Directory relative paths are resolved against. @default process.cwd() */
  readonly cwd?: string;
  /** How the config module is evaluated. @default a plain `import()` of the file */
  readonly importConfig?: ConfigImporter;
}

export const consoleIo: SynthIo = {
  log: (line) => console.log(line),
  error: (line) => console.error(line),
};

/** `pnpm synth`: returns the exit code; every failure is reported before anything is written. */
export async function runSynth(argv: readonly string[], io: SynthIo = consoleIo): Promise<number> {
  try {
    return await synth(argv, io);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.error(`${error.message}\nNothing was written.`);
    } else if (
      error instanceof TypeError &&
      "code" in error &&
      String(error.code).startsWith("ERR_PARSE_ARGS")
    ) {
      io.error(`${error.message}\n\n${usage}`);
    } else {
      io.error(
        `synth failed, nothing was written: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
    return 1;
  }
}

async function synth(argv: readonly string[], io: SynthIo): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      env: { type: "string" },
      config: { type: "string", default: DEFAULT_CONFIG_FILE },
      out: { type: "string" },
      check: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    io.log(usage);
    return 0;
  }

  const cwd = io.cwd ?? process.cwd();
  const definition = await loadDefinition(resolve(cwd, values.config), io.importConfig);
  const network = resolveNetwork(definition, values.env, values.config);
  const isDefault = network.environment === definition.defaultEnvironment;
  const outDir = resolve(cwd, values.out ?? (isDefault ? "." : `.synth/${network.environment}`));
  const tree = renderNetwork(network, { configFile: values.config, environment: network.environment });
  const where = values.out ?? (isDefault ? "." : `.synth/${network.environment}`);

  if (values.check) {
    const diff = await diffTree(outDir, tree.files, MANAGED_DIRS);
    const stale = [
      ...diff.changed.map((path) => `  changed  ${path}`),
      ...diff.missing.map((path) => `  missing  ${path}`),
      ...diff.extra.map((path) => `  stale    ${path}`),
    ];
    if (stale.length > 0) {
      io.error(
        `Rendered output in ${where} is out of date (${stale.length} files); run \`pnpm synth\` and commit:`,
      );
      io.error(stale.join("\n"));
      return 1;
    }
    io.log(
      `Rendered output in ${where} is current (${tree.files.size} files, environment ${network.environment}).`,
    );
    return 0;
  }

  const written = await writeTree(outDir, tree.files, MANAGED_DIRS);
  const apps = [...tree.objects.keys()].filter((folder) => folder.startsWith("apps/")).length;
  io.log(
    `Rendered ${tree.files.size} files (${apps} apps + ArgoCD bootstrap) for ${network.environment} into ${where}: ${changes(written)}.`,
  );
  return 0;
}

/** "2 changed, 1 new, 1 removed", or that nothing was: what a re-render did, for the operator. */
function changes(diff: TreeDiff): string {
  const parts = [
    [diff.changed.length, "changed"],
    [diff.missing.length, "new"],
    [diff.extra.length, "removed"],
  ] as const;
  const done = parts.filter(([count]) => count > 0).map(([count, what]) => `${count} ${what}`);
  return done.length === 0 ? "already current, nothing written" : done.join(", ");
}
