import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { IMAGES, loadNetwork, type Network } from "@mc-infra/config";
import { App, Chart } from "cdk8s";
import { Pod, Volume } from "cdk8s-plus-33";
import { ConfigMap as ConfigMapModel, Pod as PodModel } from "kubernetes-models/v1";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ResourcePackInit } from "../src/minecraft/resource-pack-init.ts";

const CONFIG_FILE = join(import.meta.dirname, "../../network.config.ts");
const SHA1 = "0123456789abcdef0123456789abcdef01234567";
const ID = "d6d2e324-8b02-5fed-829f-b62458b00a97";

interface Rendered {
  pod: PodModel;
  configMap: ConfigMapModel;
  script: string;
}

function render(network: Network): Rendered {
  const chart = new Chart(new App(), "test", { namespace: "minecraft" });
  const pod = new Pod(chart, "paper", { securityContext: { ensureNonRoot: false } });
  const dataVolume = Volume.fromEmptyDir(chart, "data", "data");
  const init = new ResourcePackInit(chart, "resource-pack", { network, dataVolume });
  // A stand-in for the Paper container, which mounts the same data volume.
  pod.addContainer({
    name: "paper",
    image: IMAGES.paper,
    volumeMounts: [{ volume: dataVolume, path: "/data" }],
  });
  pod.addInitContainer(init.container);
  pod.addVolume(init.scriptVolume);
  const objects = chart.toJson() as { kind: string }[];
  const configMap = new ConfigMapModel(objects.find((object) => object.kind === "ConfigMap") as never);
  const podModel = new PodModel(objects.find((object) => object.kind === "Pod") as never);
  configMap.validate();
  podModel.validate();
  return { pod: podModel, configMap, script: configMap.data!["resource-pack-init.sh"]! };
}

describe("ResourcePackInit (rendered)", () => {
  it("points the init container at the Worker's latest record and the config's require flag", async () => {
    const network = await loadNetwork({ configFile: CONFIG_FILE });
    const { pod } = render(network);
    const init = pod.spec!.initContainers![0]!;
    expect(init.image).toBe(IMAGES.curl);
    const env = Object.fromEntries(init.env!.map((variable) => [variable.name, variable.value]));
    expect(env).toMatchObject({
      RESOURCE_PACK_LATEST_URL: "https://rp.example.net/api/pack/latest",
      RESOURCE_PACK_REQUIRED: "false",
      SERVER_PROPERTIES: "/data/server.properties",
    });
    expect(init.volumeMounts).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: "data", mountPath: "/data" })]),
    );
    expect(init.securityContext).toMatchObject({
      runAsUser: 1000,
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
    });
  });

  it("follows the staging hostname and a required pack with a prompt", async () => {
    const staging = await loadNetwork({ configFile: CONFIG_FILE, environment: "staging" });
    const network = { ...staging, resourcePack: { required: true, prompt: 'Our "textures"' } };
    const env = Object.fromEntries(
      render(network).pod.spec!.initContainers![0]!.env!.map((variable) => [variable.name, variable.value]),
    );
    expect(env.RESOURCE_PACK_LATEST_URL).toBe("https://rp.staging.example.net/api/pack/latest");
    expect(env.RESOURCE_PACK_REQUIRED).toBe("true");
    expect(JSON.parse(env.RESOURCE_PACK_PROMPT!)).toEqual({ text: 'Our "textures"' });
  });
});

describe("resource-pack-init.sh (the rendered script, run for real)", () => {
  let script: string;
  let server: Server;
  let origin: string;
  let answer: { status: number; body: string };
  let dir: string;

  beforeAll(async () => {
    script = render(await loadNetwork({ configFile: CONFIG_FILE })).script;
    server = createServer((_request, response) => {
      response.writeHead(answer.status, { "Content-Type": "application/json" });
      response.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = await mkdtemp(join(tmpdir(), "resource-pack-init-"));
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  async function run(
    existing: string | null,
    env: Record<string, string>,
    latestUrl = `${origin}/api/pack/latest`,
  ) {
    const properties = join(dir, `server-${Math.random().toString(36).slice(2)}.properties`);
    if (existing !== null) await writeFile(properties, existing);
    const scriptFile = join(dir, "resource-pack-init.sh");
    await writeFile(scriptFile, script);
    const { stderr } = await promisify(execFile)("sh", [scriptFile], {
      env: {
        PATH: process.env.PATH,
        RESOURCE_PACK_LATEST_URL: latestUrl,
        SERVER_PROPERTIES: properties,
        RESOURCE_PACK_TIMEOUT_SECONDS: "5",
        ...env,
      },
    });
    return { properties: await readFile(properties, "utf8"), stderr };
  }

  const record = (overrides: Record<string, unknown> = {}) =>
    JSON.stringify({
      sha1: SHA1,
      size: 1234,
      url: `https://rp.example.net/packs/${SHA1}.zip`,
      id: ID,
      uploadedAt: "2026-11-22T04:36:34.331Z",
      ...overrides,
    });

  it("writes URL, SHA-1, id and require-resource-pack, keeping every other property", async () => {
    answer = { status: 200, body: record() };
    const { properties } = await run("motd=craftnet lobby\nresource-pack=\nmax-players=200\n", {
      RESOURCE_PACK_REQUIRED: "true",
    });
    expect(properties.split("\n").filter(Boolean)).toEqual([
      "motd=craftnet lobby",
      `resource-pack=https\\://rp.example.net/packs/${SHA1}.zip`,
      "max-players=200",
      "require-resource-pack=true",
      `resource-pack-sha1=${SHA1}`,
      `resource-pack-id=${ID}`,
    ]);
  });

  it("creates server.properties on a first start", async () => {
    answer = { status: 200, body: record() };
    const { properties } = await run(null, {});
    expect(properties).toContain(`resource-pack-sha1=${SHA1}\n`);
    expect(properties).toContain("require-resource-pack=false\n");
  });

  const LAST_KNOWN = `motd=hi\nresource-pack=https\\://rp.example.net/packs/${"a".repeat(40)}.zip\nresource-pack-sha1=${"a".repeat(40)}\nresource-pack-id=${ID}\n`;

  it("keeps the last known pack when the edge is unreachable", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const { properties, stderr } = await run(LAST_KNOWN, {}, `http://127.0.0.1:${port}/api/pack/latest`);
    expect(properties).toBe(`${LAST_KNOWN}require-resource-pack=false\n`);
    expect(stderr).toContain("keeping the last known pack");
  });

  it("keeps the last known pack before the first upload (404)", async () => {
    answer = { status: 404, body: JSON.stringify({ error: "no pack has been published yet" }) };
    const { properties } = await run(LAST_KNOWN, {});
    expect(properties).toContain(`resource-pack-sha1=${"a".repeat(40)}\n`);
  });

  it.each([
    ["a sha1 that is not one", record({ sha1: "not-a-sha1" })],
    [
      "a URL that injects a property",
      record({ url: `https://rp.example.net/packs/${SHA1}.zip\\nop-list=evil` }),
    ],
    ["a URL elsewhere", record({ url: "https://evil.example/x.zip" })],
    ["HTML from a captive portal", "<html>log in first</html>"],
  ])("ignores %s and keeps the last known pack", async (_label, body) => {
    answer = { status: 200, body };
    const { properties } = await run(LAST_KNOWN, {});
    expect(properties).toBe(`${LAST_KNOWN}require-resource-pack=false\n`);
    expect(properties).not.toContain("evil");
  });

  it("writes the prompt as JSON with its backslashes escaped for the properties format", async () => {
    answer = { status: 200, body: record() };
    const prompt = JSON.stringify({ text: 'Our "textures"' });
    const { properties } = await run("", { RESOURCE_PACK_PROMPT: prompt });
    expect(properties).toContain('resource-pack-prompt={"text":"Our \\\\"textures\\\\""}\n');
  });
});
