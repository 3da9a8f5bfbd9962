import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { syncWorkers } from "../sync.ts";
import { applyWorkerEntry, parseStrict, type WorkerSyncEntry } from "../wrangler-edit.ts";

const fixture = readFileSync(new URL("./fixtures/resource-pack.wrangler.jsonc", import.meta.url), "utf8");
const entry: WorkerSyncEntry = {
  kv_namespaces: [{ binding: "PACK_INDEX", id: "0123456789abcdef0123456789abcdef" }],
  r2_buckets: [{ binding: "PACKS", bucket_name: "craftnet-assets" }],
  vars: { PUBLIC_ORIGIN: "https://rp.example.net" },
  routes: [{ pattern: "rp.example.net", custom_domain: true }],
};

describe("writing edge outputs into wrangler.jsonc", () => {
  it("sets the ids, buckets, vars and routes the edge owns", () => {
    const config = parseStrict(applyWorkerEntry(fixture, entry));
    expect(config.kv_namespaces).toEqual([
      { binding: "PACK_INDEX", id: "0123456789abcdef0123456789abcdef", preview_id: "local-preview" },
      { binding: "UNRELATED", id: "keep-me" },
    ]);
    expect(config.r2_buckets).toEqual([{ binding: "PACKS", bucket_name: "craftnet-assets" }]);
    expect(config.vars).toEqual({ HISTORY_LIMIT: "10", PUBLIC_ORIGIN: "https://rp.example.net" });
    expect(config.routes).toEqual([{ pattern: "rp.example.net", custom_domain: true }]);
  });

  it("keeps comments and everything it does not own", () => {
    const text = applyWorkerEntry(fixture, entry);
    for (const comment of [
      "// Resource-pack Worker",
      "// Hashing a 250 MiB pack",
      "// Filled in by",
      "// keep ten packs",
    ]) {
      expect(text).toContain(comment);
    }
    expect(parseStrict(text).limits).toEqual({ cpu_ms: 300000 });
  });

  it("is idempotent: a second run changes nothing", () => {
    const once = applyWorkerEntry(fixture, entry);
    expect(applyWorkerEntry(once, entry)).toBe(once);
  });

  it("updates a changed id in place instead of adding a second binding", () => {
    const once = applyWorkerEntry(fixture, entry);
    const moved = {
      ...entry,
      kv_namespaces: [{ binding: "PACK_INDEX", id: "ffffffffffffffffffffffffffffffff" }],
    };
    const namespaces = parseStrict(applyWorkerEntry(once, moved)).kv_namespaces as {
      binding: string;
      id: string;
    }[];
    expect(namespaces.filter((namespace) => namespace.binding === "PACK_INDEX")).toEqual([
      expect.objectContaining({ id: "ffffffffffffffffffffffffffffffff" }),
    ]);
  });

  it("writes a non-default environment under env.<name> and leaves the top level alone", () => {
    const text = applyWorkerEntry(fixture, entry, ["env", "staging"]);
    const config = parseStrict(text) as { env: { staging: Record<string, unknown> }; kv_namespaces: unknown };
    expect(config.env.staging.kv_namespaces).toEqual(entry.kv_namespaces);
    expect(config.env.staging.routes).toEqual(entry.routes);
    expect(config.kv_namespaces).toEqual(parseStrict(fixture).kv_namespaces);
  });

  it("refuses a file that is not valid JSONC with a clear error", () => {
    expect(() => applyWorkerEntry('{ "name": "x", ', entry)).toThrow(/not valid JSONC/);
  });
});

describe("pnpm edge:sync over a workers folder", () => {
  const setup = () => {
    const dir = mkdtempSync(join(tmpdir(), "edge-sync-"));
    mkdirSync(join(dir, "resource-pack"));
    writeFileSync(join(dir, "resource-pack", "wrangler.jsonc"), fixture);
    return dir;
  };
  const outputs = (environment: string) => ({
    environment,
    workers: { "resource-pack": entry, status: entry },
  });

  it("updates present Workers, reports absent ones, and is unchanged on a second run", async () => {
    const dir = setup();
    const first = await syncWorkers({
      outputs: outputs("production"),
      workersDir: dir,
      defaultEnvironment: "production",
    });
    expect(first.map((result) => [result.worker, result.status])).toEqual([
      ["resource-pack", "updated"],
      ["status", "missing"],
    ]);
    const written = readFileSync(join(dir, "resource-pack", "wrangler.jsonc"), "utf8");
    expect(parseStrict(written).routes).toEqual(entry.routes);
    const second = await syncWorkers({
      outputs: outputs("production"),
      workersDir: dir,
      defaultEnvironment: "production",
    });
    expect(second[0]?.status).toBe("unchanged");
    expect(readFileSync(join(dir, "resource-pack", "wrangler.jsonc"), "utf8")).toBe(written);
  });

  it("--check reports the change without writing", async () => {
    const dir = setup();
    const results = await syncWorkers({
      outputs: outputs("staging"),
      workersDir: dir,
      defaultEnvironment: "production",
      check: true,
    });
    expect(results[0]?.status).toBe("updated");
    expect(readFileSync(join(dir, "resource-pack", "wrangler.jsonc"), "utf8")).toBe(fixture);
  });
});
