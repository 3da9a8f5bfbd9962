import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { INGRESS_PORTS, loadNetwork } from "@mc-infra/config";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { bundleHealthAgent } from "../src/agent-bundle.ts";
import { renderCloudInit } from "../src/cloud-init.ts";
import { startMinecraftServer } from "./minecraft-server.ts";

interface WrittenFile {
  path: string;
  content: string;
  permissions: string;
  encoding?: string;
}
interface CloudConfig {
  hostname: string;
  packages: string[];
  write_files: WrittenFile[];
  runcmd: string[][];
}

const credentials = {
  accessClientId: "id.access",
  accessClientSecret: "access-secret",
  gatewaySecret: "gw-secret",
};
let userData: string;
let cloudConfig: CloudConfig;
let agentBundle: string;
const network = await loadNetwork({ configFile: "network.config.ts" });

beforeAll(async () => {
  agentBundle = await bundleHealthAgent();
  userData = renderCloudInit({ network, role: "standby", credentials, agentBundle });
  cloudConfig = parse(userData) as CloudConfig;
});

const fileAt = (path: string): WrittenFile => {
  const file = cloudConfig.write_files.find((candidate) => candidate.path === path);
  if (!file) throw new Error(`cloud-init writes no ${path}`);
  return file;
};

describe("the ingress node's cloud-init", () => {
  it("is a #cloud-config document for the configured node", () => {
    expect(userData.startsWith("#cloud-config\n")).toBe(true);
    expect(cloudConfig.hostname).toBe(network.ingressNodes.standby.name);
  });

  it("installs HAProxy and cloudflared from their packages", () => {
    expect(cloudConfig.packages).toEqual(expect.arrayContaining(["haproxy", "nftables", "nodejs"]));
    expect(cloudConfig.runcmd).toContainEqual(["apt-get", "install", "-y", "cloudflared"]);
    expect(fileAt("/etc/apt/sources.list.d/cloudflared.list").content).toContain(
      "pkg.cloudflare.com/cloudflared",
    );
  });

  it("relays :25565 through HAProxy with a PROXY v2 header to the local cloudflared listener", () => {
    const haproxy = fileAt("/etc/haproxy/haproxy.cfg").content;
    expect(haproxy).toMatch(new RegExp(`bind :${INGRESS_PORTS.minecraft}\\b`));
    expect(haproxy).toMatch(new RegExp(`server relay 127\\.0\\.0\\.1:${INGRESS_PORTS.relay} send-proxy-v2`));
    expect(haproxy).toContain("mode tcp");
  });

  it("runs cloudflared access tcp to the tunnel hostname on loopback, the token outside the command line", () => {
    const unit = fileAt("/etc/systemd/system/cloudflared-access.service").content;
    expect(unit).toContain(
      `cloudflared access tcp --hostname ${network.edge.tunnelHostname} --url 127.0.0.1:${INGRESS_PORTS.relay}`,
    );
    expect(unit).not.toContain(credentials.accessClientSecret);
    const env = fileAt("/etc/mc-ingress/access-token.env");
    expect(env.permissions).toBe("0600");
    expect(env.content).toContain(`TUNNEL_SERVICE_TOKEN_ID=${credentials.accessClientId}`);
    expect(env.content).toContain(`TUNNEL_SERVICE_TOKEN_SECRET=${credentials.accessClientSecret}`);
  });

  it("denies inbound by default and opens only 22, 25565 and the health port", () => {
    const rules = fileAt("/etc/nftables.conf").content;
    expect(rules).toMatch(/hook input priority filter; policy drop;/);
    const opened = [...rules.matchAll(/tcp dport \{([^}]*)\} accept/g)].flatMap((match) =>
      match[1]!.split(",").map((port) => Number(port.trim())),
    );
    expect(opened.sort((a, b) => a - b)).toEqual(
      [22, network.ingressNodes.healthPort, INGRESS_PORTS.minecraft].sort((a, b) => a - b),
    );
    expect(rules).not.toContain(String(INGRESS_PORTS.relay));
    // Before anything that listens is started.
    const firewallAt = cloudConfig.runcmd.findIndex((command) => command.includes("nftables"));
    const servicesAt = cloudConfig.runcmd.findIndex((command) =>
      command.includes("cloudflared-access.service"),
    );
    expect(firewallAt).toBeGreaterThanOrEqual(0);
    expect(firewallAt).toBeLessThan(servicesAt);
  });

  it("keeps secrets in root-only files handed to the agent through LoadCredential", () => {
    expect(fileAt("/etc/mc-ingress/gateway-secret")).toMatchObject({
      permissions: "0600",
      content: "gw-secret\n",
    });
    const unit = fileAt("/etc/systemd/system/mc-health-agent.service").content;
    expect(unit).toContain("LoadCredential=gateway-secret:/etc/mc-ingress/gateway-secret");
    expect(unit).toContain(`HEALTH_PORT=${network.ingressNodes.healthPort}`);
    expect(unit).not.toContain("gw-secret");
  });

  it("fits the 16 KiB user-data limit of the smallest VPS providers", () => {
    expect(Buffer.byteLength(userData)).toBeLessThan(16 * 1024);
  });

  it("ships the agent as one file that runs without node_modules", () => {
    const file = fileAt("/opt/mc-ingress/health-agent.mjs");
    expect(file.encoding).toBe("gz+b64");
    expect(gunzipSync(Buffer.from(file.content, "base64")).toString("utf8")).toBe(agentBundle);
  });
});

describe("the bundled health agent, run as on the node", () => {
  let agent: ChildProcess | undefined;
  let stopMinecraft: (() => Promise<void>) | undefined;
  let url: string;

  beforeAll(async () => {
    const minecraft = await startMinecraftServer();
    stopMinecraft = minecraft.close;
    const dir = mkdtempSync(join(tmpdir(), "ingress-agent-"));
    writeFileSync(join(dir, "health-agent.mjs"), agentBundle);
    writeFileSync(join(dir, "gateway-secret"), "bundle-secret\n", { mode: 0o600 });
    const port = 20000 + Math.floor(Math.random() * 20000);
    agent = spawn(process.execPath, [join(dir, "health-agent.mjs")], {
      cwd: dir, // no node_modules anywhere above a temp dir
      env: {
        HEALTH_HOST: "127.0.0.1",
        HEALTH_PORT: String(port),
        RELAY_PORT: String(minecraft.port),
        GATEWAY_SECRET_FILE: join(dir, "gateway-secret"),
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      agent!.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("health agent on") && resolve());
      agent!.once("exit", (code) => reject(new Error(`agent exited with ${code}`)));
    });
    url = `http://127.0.0.1:${port}/health`;
  });

  afterAll(async () => {
    agent?.kill("SIGTERM");
    await stopMinecraft?.();
  });

  const status = (headers: Record<string, string>) =>
    new Promise<number>((resolve, reject) =>
      get(url, { headers }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      }).on("error", reject),
    );

  it("answers 200 with the secret from its credential file and 403 without it", async () => {
    expect(await status({ "X-Gateway-Secret": "bundle-secret" })).toBe(200);
    expect(await status({})).toBe(403);
  });
});
