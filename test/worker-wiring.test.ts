import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type KvNamespaceKey,
  kvNamespaceTitles,
  loadNetwork,
  type Network,
  type WorkerName,
  workerSyncEntry,
  workerWiring,
} from "@mc-infra/config";
import { describe, expect, it } from "vitest";
import definition from "../network.config.ts";
import { applyWorkerEntry } from "../scripts/edge-sync/wrangler-edit.ts";
import {
  generatedEnv,
  generatedTypeFits,
  readWrangler,
  WORKERS_DIR,
  wiredBindings,
  wiringMismatches,
  wranglerSection,
} from "./lib/wrangler-bindings.ts";

const environments = Object.keys(definition.environments);
const networks = new Map<string, Network>(
  await Promise.all(
    environments.map(async (environment) => [environment, await loadNetwork({ environment })] as const),
  ),
);
/** edge:sync writes the default environment at the top level, the others under `env.<name>`. */
const sectionOf = (environment: string) =>
  environment === definition.defaultEnvironment ? [] : ["env", environment];
const cases = environments.flatMap((environment) =>
  (Object.keys(workerWiring(networks.get(environment)!)) as WorkerName[]).map(
    (worker) => [worker, environment] as const,
  ),
);

describe.each(cases)("the %s Worker in %s", (worker, environment) => {
  const network = networks.get(environment)!;
  const wiring = workerWiring(network)[worker];
  const text = readWrangler(wiring.dir);
  const section = wranglerSection(text, sectionOf(environment));

  it("binds every name edge:sync writes, with the same kind, and nothing edge-provisioned besides", () => {
    expect(wiringMismatches(wiring, section)).toEqual([]);
  });

  it("is the script, the custom domain and the values the network config says", () => {
    expect(section.name).toBe(wiring.scriptName);
    expect(section.routes).toEqual([{ pattern: wiring.hostname, custom_domain: true }]);
    expect(section.vars).toMatchObject(wiring.vars);
    expect(section.r2_buckets ?? []).toEqual(
      Object.entries(wiring.r2Buckets).map(([binding, bucket_name]) =>
        expect.objectContaining({ binding, bucket_name }),
      ),
    );
  });

  it("changes nothing but the KV namespace ids when edge:sync writes Pulumi's entry", () => {
    const ids = Object.fromEntries(
      Object.keys(kvNamespaceTitles(network)).map((key, index) => [key, `${index + 1}`.padStart(32, "f")]),
    ) as Record<KvNamespaceKey, string>;
    const synced = applyWorkerEntry(text, workerSyncEntry(wiring, ids), sectionOf(environment));
    expect(synced).not.toBe(text);
    const after = wranglerSection(synced, sectionOf(environment));
    expect(
      (after.kv_namespaces as { binding: string; id: string }[]).map((kv) => [kv.binding, kv.id]),
    ).toEqual(Object.entries(wiring.kvNamespaces).map(([binding, key]) => [binding, ids[key]]));
    // With the ids put back, the file is what is committed: no binding appended, no value replaced.
    const entry = workerSyncEntry(wiring, ids);
    const restored = applyWorkerEntry(
      synced,
      { ...entry, kv_namespaces: section.kv_namespaces as typeof entry.kv_namespaces },
      sectionOf(environment),
    );
    expect(restored).toBe(text);
  });

  it("has a generated Env declaring every wired binding with its kind's type", () => {
    const dts = readFileSync(join(WORKERS_DIR, wiring.dir, "worker-configuration.d.ts"), "utf8");
    const env = generatedEnv(
      dts,
      environment === definition.defaultEnvironment
        ? "__BaseEnv_Env"
        : `${environment[0]!.toUpperCase()}${environment.slice(1)}Env`,
    );
    for (const [name, kind] of wiredBindings(wiring)) {
      expect(env.get(name), `${name} in worker-configuration.d.ts`).toBeDefined();
      expect(generatedTypeFits(kind, env.get(name)!), `${name}: ${env.get(name)} for ${kind}`).toBe(true);
    }
    for (const [name, value] of Object.entries(wiring.vars)) {
      const type = env.get(name)!;
      if (type !== "string") expect(type.split(" | ")).toContain(JSON.stringify(value));
    }
  });
});

describe("the binding comparison", () => {
  const wiring = workerWiring(networks.get(definition.defaultEnvironment)!).status;
  const committed = () => wranglerSection(readWrangler("status"), []);

  it("notices a binding renamed on one side", () => {
    const renamed = wranglerSection(readWrangler("status").replace('"STATUS_KV"', '"STATUS"'), []);
    expect(wiringMismatches(wiring, renamed)).toEqual([
      "kv_namespaces STATUS_KV: wrangler.jsonc has nothing",
      "kv_namespaces STATUS: not provisioned by the edge",
    ]);
  });

  it("notices a binding of the wrong kind, a missing secret and one the edge does not provision", () => {
    const section = committed();
    const changed = {
      ...section,
      vars: { ...(section.vars as object), STATUS_KV: "x" },
      kv_namespaces: [],
      secrets: { required: [] },
      d1_databases: [{ binding: "DB", database_id: "1" }],
    };
    expect(wiringMismatches(wiring, changed)).toEqual([
      "kv_namespaces STATUS_KV: wrangler.jsonc has vars",
      "secrets ADMIN_TOKEN: wrangler.jsonc has nothing",
      "d1_databases DB: not provisioned by the edge",
    ]);
  });

  it("lets a Worker keep tuning vars of its own", () => {
    expect(Object.keys(committed().vars as object)).toEqual(
      expect.arrayContaining(["HEARTBEAT_MINUTES", ...Object.keys(wiring.vars)]),
    );
    expect(wiringMismatches(wiring, committed())).toEqual([]);
  });
});
