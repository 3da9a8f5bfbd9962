import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/**
 * The health agent as one self-contained ES module for the node's Debian `nodejs` (18 or newer):
 * cloud-init writes it as a single file, so the node needs neither npm nor this repository.
 */
export async function bundleHealthAgent(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL("./cli.ts", import.meta.url))],
    bundle: true,
    platform: "node",
    target: "node18",
    format: "esm",
    minify: true,
    legalComments: "none",
    write: false,
    logLevel: "silent",
    // minecraft-server-util is CommonJS; inside an ES module it needs a `require` of its own.
    banner: {
      js: 'import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);',
    },
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error("esbuild produced no output for the health agent");
  return output.text;
}
