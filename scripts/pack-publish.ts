import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { bucketNames, loadNetwork, resourcePackWorker } from "@mc-infra/config";
import { inspectPack } from "./pack/pack-file.ts";
import { progress } from "./pack/progress.ts";
import { publishPack } from "./pack/publish.ts";
import { s3Client, s3SettingsFromEnv } from "./pack/s3-client.ts";

const USAGE = `usage: pnpm pack:publish <pack.zip> [--env <environment>] [--config <file>] [--via auto|worker|s3]

Publishes a resource pack: the Worker hashes it, stores it by SHA-1 and makes it the latest pack.
Packs up to 95 MB go to the Worker directly; larger ones go to R2 over the S3 API first.

environment:
  RESOURCE_PACK_ADMIN_TOKEN  the Worker's ADMIN_TOKEN (required)
  RESOURCE_PACK_URL          the Worker's origin (default: https://<edge.resourcePackHostname>)
  S3_ENDPOINT, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, S3_REGION (default auto)
                             R2 credentials, needed for packs above 95 MB
  S3_BUCKET                  the assets bucket (default: <name>-assets from the network config)`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      env: { type: "string" },
      config: { type: "string" },
      via: { type: "string", default: "auto" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const [path, ...extra] = positionals;
  if (!path || extra.length > 0) throw new Error(`expected one pack file\n\n${USAGE}`);
  const via = values.via;
  if (via !== "auto" && via !== "worker" && via !== "s3")
    throw new Error(`--via must be auto, worker or s3, not ${via}`);
  const adminToken = process.env.RESOURCE_PACK_ADMIN_TOKEN;
  if (!adminToken) throw new Error("set RESOURCE_PACK_ADMIN_TOKEN to the Worker's ADMIN_TOKEN");

  // pnpm runs scripts from the repository root; the path is meant from where the operator typed it.
  const pack = await inspectPack(resolve(process.env.INIT_CWD ?? process.cwd(), path));
  const network = await loadNetwork({ configFile: values.config, environment: values.env });
  const origin = process.env.RESOURCE_PACK_URL || resourcePackWorker(network).origin;
  const settings = s3SettingsFromEnv(process.env);
  const s3 = settings && {
    client: s3Client(settings),
    bucket: process.env.S3_BUCKET || bucketNames(network).assets,
  };

  console.error(`${pack.path}: ${pack.size} bytes, sha1 ${pack.sha1}`);
  const record = await publishPack({
    pack,
    worker: { origin, adminToken },
    s3,
    via,
    progress,
    log: (line) => console.error(line),
  });
  console.error(`published: servers pick it up at their next start`);
  console.log(JSON.stringify(record, null, 2));
}

main().catch((error: unknown) => {
  console.error(`pack:publish: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
