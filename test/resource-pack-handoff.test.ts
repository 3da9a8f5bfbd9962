import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { renderNetwork } from "@mc-infra/charts";
import { loadNetwork } from "@mc-infra/config";
import type { IStatefulSet } from "kubernetes-models/apps/v1/StatefulSet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalWorker, startLocalWorker } from "../workers/resource-pack/local/local-worker.ts";
import { packChunks } from "../workers/resource-pack/test/support/pack-bytes.ts";

// The two ends of a resource pack's way into server.properties, each as it ships: the Worker from
// its wrangler.jsonc (in local workerd) and the init container's script and environment as
// `pnpm synth` renders them. Each side's own tests fake the other; this one fakes neither.
const ADMIN_TOKEN = "handoff-test-token";

let worker: LocalWorker;
let dir: string;
let script: string;
let initEnv: Record<string, string>;

beforeAll(async () => {
  const network = await loadNetwork({ configFile: "network.config.ts" });
  const objects = [
    ...(renderNetwork(network, {
      configFile: "network.config.ts",
      environment: network.environment,
    }).objects.get("apps/minecraft") ?? []),
  ];
  const configMap = objects.find(
    (object) => object.kind === "ConfigMap" && object.metadata.name === "resource-pack-init",
  ) as unknown as { data: Record<string, string> };
  script = configMap.data["resource-pack-init.sh"]!;
  const statefulSet = objects.find((object) => object.kind === "StatefulSet") as unknown as IStatefulSet;
  const init = statefulSet.spec!.template.spec!.initContainers!.find((c) => c.name === "resource-pack")!;
  initEnv = Object.fromEntries(init.env!.map((variable) => [variable.name, variable.value ?? ""]));
  worker = await startLocalWorker({ adminToken: ADMIN_TOKEN });
  dir = await mkdtemp(join(tmpdir(), "resource-pack-handoff-"));
});

afterAll(async () => {
  await worker?.dispose();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs the rendered script as the init container would, with the Worker on loopback standing in for the hostname. */
async function runInit(): Promise<string> {
  const properties = join(dir, "server.properties");
  await writeFile(properties, "motd=craftnet lobby\n");
  const scriptFile = join(dir, "resource-pack-init.sh");
  await writeFile(scriptFile, script);
  await promisify(execFile)("sh", [scriptFile], {
    env: {
      PATH: process.env.PATH,
      ...initEnv,
      RESOURCE_PACK_LATEST_URL: new URL("/api/pack/latest", worker.url).href,
      SERVER_PROPERTIES: properties,
    },
  });
  return readFile(properties, "utf8");
}

describe("a pack published to the Worker reaches server.properties through the init container", () => {
  it("writes the URL, SHA-1 and id the Worker recorded", async () => {
    const bytes = Buffer.concat([...packChunks(64 * 1024, 7)]);
    const sha1 = createHash("sha1").update(bytes).digest("hex");
    const upload = await fetch(new URL("/api/pack", worker.url), {
      method: "PUT",
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, "Content-Type": "application/zip" },
      body: bytes,
    });
    expect(upload.status, await upload.clone().text()).toBeLessThan(300);
    const record = (await upload.json()) as { sha1: string; url: string; id: string };
    expect(record.sha1).toBe(sha1);

    const properties = await runInit();
    expect(properties).toContain(`resource-pack-sha1=${sha1}\n`);
    expect(properties).toContain(`resource-pack-id=${record.id}\n`);
    expect(properties).toContain(`resource-pack=${record.url.replace(":", "\\:")}\n`);
    expect(record.url).toBe(`${initEnv.RESOURCE_PACK_ORIGIN}/packs/${sha1}.zip`);
    expect(properties).toContain("motd=craftnet lobby\n");
  });
});
