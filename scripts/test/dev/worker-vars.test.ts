import { fileURLToPath } from "node:url";
import { loadNetwork } from "@mc-infra/config";
import { describe, expect, it } from "vitest";
import { localVars, publicToLocal } from "../../src/dev/worker-vars.ts";
import { readWorkerConfig } from "../../src/dev/wrangler-worker.ts";

const CONFIG = fileURLToPath(new URL("../../../network.config.ts", import.meta.url));
const WORKERS = fileURLToPath(new URL("../../../workers/", import.meta.url));
const local = {
  resourcePackOrigin: "http://127.0.0.1:8788",
  statusOrigin: "http://127.0.0.1:8787",
  minecraft: { host: "127.0.0.1", port: 25565 },
};

describe("the Workers' vars in the local stack", () => {
  it("point every public address in both Workers' wrangler.jsonc at its loopback counterpart", async () => {
    const deployed = await loadNetwork({ configFile: CONFIG });
    const addresses = publicToLocal(deployed, local);
    const resourcePack = readWorkerConfig(`${WORKERS}resource-pack`);
    const status = readWorkerConfig(`${WORKERS}status`);

    const packVars = localVars(resourcePack.vars, addresses, deployed.domain, resourcePack.configPath);
    const statusVars = localVars(status.vars, addresses, deployed.domain, status.configPath);
    // Checked by value, not by var name: the names belong to the Workers and pnpm edge:sync.
    expect(Object.values(packVars)).toEqual([local.resourcePackOrigin]);
    expect(Object.values(statusVars)).toEqual(["127.0.0.1:25565"]);
    // Everything else keeps the value wrangler.jsonc gives it.
    for (const name of Object.keys(status.vars)) {
      if (!(name in statusVars)) expect(String(status.vars[name])).not.toContain(deployed.domain);
    }
  });

  it("refuse a var that names the public network but has no local counterpart", () => {
    const addresses = new Map([["https://rp.example.net", local.resourcePackOrigin]]);
    expect(() =>
      localVars(
        { PUBLIC_ORIGIN: "https://rp.example.net/", WEBHOOK: "https://hooks.example.net/x" },
        addresses,
        "example.net",
        "workers/x/wrangler.jsonc",
      ),
    ).toThrow(
      /workers\/x\/wrangler\.jsonc: var WEBHOOK = "https:\/\/hooks\.example\.net\/x" names the public network/,
    );
  });

  it("leave plain settings and JSON vars alone", () => {
    expect(
      localVars({ HEARTBEAT_MINUTES: "15", LIMITS: { max: 3 } }, new Map(), "example.net", "wrangler.jsonc"),
    ).toEqual({});
  });
});
