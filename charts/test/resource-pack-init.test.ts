import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { IMAGES, loadNetwork, type Network, WORLD_VOLUME, workerWiring } from "@mc-infra/config";
import type { IStatefulSet } from "kubernetes-models/apps/v1/StatefulSet";
import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import type { IContainer } from "kubernetes-models/v1/Container";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentHash } from "../src/lib/content-hash.ts";
import type { ManifestObject } from "../src/lib/kinds.ts";
import {
  RESOURCE_PACK_INIT_CONTAINER,
  RESOURCE_PACK_INIT_HASH_ANNOTATION,
  RESOURCE_PACK_INIT_SCRIPT_KEY,
} from "../src/minecraft/resource-pack-init.ts";
import { exampleNetwork } from "./support/network.ts";
import { connectionAllowed, type Endpoint } from "./support/network-policy-eval.ts";
import { restrictedViolations } from "./support/pod-security.ts";
import { find, ofKind, synthNetwork } from "./support/synth.ts";
import { schemaProblems } from "./support/validate.ts";

const CONFIG_FILE = join(import.meta.dirname, "../../network.config.ts");
const SHA1 = "0123456789abcdef0123456789abcdef01234567";
const ID = "d6d2e324-8b02-5fed-829f-b62458b00a97";

/** What `pnpm synth` renders into apps/minecraft for a network. */
function minecraftApp(network: Network): readonly ManifestObject[] {
  return synthNetwork(network).get("apps/minecraft") ?? [];
}

const scriptOf = (objects: readonly ManifestObject[]) =>
  find<IConfigMap>(objects, "ConfigMap", "resource-pack-init").data![RESOURCE_PACK_INIT_SCRIPT_KEY]!;
const initContainerOf = (set: IStatefulSet): IContainer | undefined =>
  set.spec!.template.spec!.initContainers?.find((c) => c.name === RESOURCE_PACK_INIT_CONTAINER);
const envOf = (container: IContainer) =>
  Object.fromEntries((container.env ?? []).map((variable) => [variable.name, variable.value]));

describe("the resource-pack init container in the rendered Paper pods", () => {
  const network = exampleNetwork();
  const objects = minecraftApp(network);
  const statefulSets = ofKind<IStatefulSet>(objects, "StatefulSet");

  it("runs in every Paper StatefulSet, to completion before Paper starts", () => {
    expect(statefulSets.map((set) => set.metadata?.name).sort()).toEqual(
      network.servers.map((server) => server.name).sort(),
    );
    for (const set of statefulSets) {
      const spec = set.spec!.template.spec!;
      const init = initContainerOf(set);
      expect(init, set.metadata?.name).toBeDefined();
      // restartPolicy Always would make it a native sidecar, started beside Paper instead of before it.
      expect(init!.restartPolicy).toBeUndefined();
      expect(spec.containers.map((c) => c.name)).not.toContain(RESOURCE_PACK_INIT_CONTAINER);
      expect(spec.containers[0]?.name).toBe("paper");
    }
  });

  it("leaves the image's RESOURCE_PACK* variables off the Paper container, which would overwrite the init's work", () => {
    for (const set of statefulSets) {
      for (const container of set.spec!.template.spec!.containers) {
        expect(
          (container.env ?? [])
            .map((variable) => variable.name)
            .filter((name) => /^RESOURCE_PACK/.test(name)),
          `${set.metadata?.name}/${container.name}`,
        ).toEqual([]);
      }
    }
  });

  it("writes server.properties on the world volume, which Paper mounts at the same path", () => {
    for (const set of statefulSets) {
      const init = initContainerOf(set)!;
      const paper = set.spec!.template.spec!.containers.find((c) => c.name === "paper")!;
      const world = (c: IContainer) =>
        c.volumeMounts?.find((mount) => mount.name === WORLD_VOLUME)?.mountPath;
      expect(world(init)).toBe("/data");
      expect(world(paper)).toBe("/data");
      expect(envOf(init).SERVER_PROPERTIES).toBe("/data/server.properties");
      expect(set.spec!.volumeClaimTemplates?.map((claim) => claim.metadata?.name)).toEqual([WORLD_VOLUME]);
    }
  });

  it("runs the shared script from the one ConfigMap the chart renders, and rolls the pods when it changes", () => {
    expect(
      ofKind<IConfigMap>(objects, "ConfigMap").filter((c) => c.metadata?.name === "resource-pack-init"),
    ).toHaveLength(1);
    const script = scriptOf(objects);
    expect(script).toMatch(/^#!\/bin\/sh\n/);
    for (const set of statefulSets) {
      const spec = set.spec!.template.spec!;
      const init = initContainerOf(set)!;
      const [shell, path] = init.command ?? [];
      expect(shell).toBe("/bin/sh");
      const mount = init.volumeMounts!.find((m) => path!.startsWith(`${m.mountPath}/`))!;
      expect(mount.readOnly).toBe(true);
      expect(path).toBe(`${mount.mountPath}/${RESOURCE_PACK_INIT_SCRIPT_KEY}`);
      const volume = spec.volumes!.find((v) => v.name === mount.name)!;
      expect(volume.configMap?.name).toBe("resource-pack-init");
      expect(set.spec!.template.metadata?.annotations?.[RESOURCE_PACK_INIT_HASH_ANNOTATION]).toBe(
        contentHash(script),
      );
    }
  });

  it("asks the Worker for its latest record, with the config's require flag, as Paper's restricted user", () => {
    for (const set of statefulSets) {
      const init = initContainerOf(set)!;
      expect(init.image).toBe(IMAGES.curl);
      expect(envOf(init)).toMatchObject({
        RESOURCE_PACK_LATEST_URL: "https://rp.example.net/api/pack/latest",
        RESOURCE_PACK_ORIGIN: workerWiring(network)["resource-pack"].vars.PUBLIC_ORIGIN,
        RESOURCE_PACK_REQUIRED: "false",
      });
      expect(envOf(init)).not.toHaveProperty("RESOURCE_PACK_PROMPT");
      expect(init.securityContext).toMatchObject({ runAsUser: 1000, runAsGroup: 1000 });
      expect(init.resources?.limits?.memory).toBeDefined();
      expect(restrictedViolations(set.spec!.template.spec!)).toEqual([]);
    }
    expect(objects.flatMap(schemaProblems)).toEqual([]);
  });

  it("follows the staging hostname, and a required pack with a prompt", async () => {
    const staging = await loadNetwork({ configFile: CONFIG_FILE, environment: "staging" });
    const stagingInit = initContainerOf(ofKind<IStatefulSet>(minecraftApp(staging), "StatefulSet")[0]!)!;
    expect(envOf(stagingInit).RESOURCE_PACK_LATEST_URL).toBe(
      "https://rp.staging.example.net/api/pack/latest",
    );

    const required = exampleNetwork({ resourcePack: { required: true, prompt: 'Our "textures"' } });
    const env = envOf(initContainerOf(ofKind<IStatefulSet>(minecraftApp(required), "StatefulSet")[0]!)!);
    expect(env.RESOURCE_PACK_REQUIRED).toBe("true");
    expect(JSON.parse(env.RESOURCE_PACK_PROMPT!)).toEqual({ text: 'Our "textures"' });
  });

  it("may reach the resource-pack hostname at Cloudflare over HTTPS, through the Paper pods' NetworkPolicy", () => {
    const policies = [...synthNetwork(network).values()].flat().filter((o) => o.kind === "NetworkPolicy");
    for (const set of statefulSets) {
      // The pod as the API server would see it: the template's own labels.
      const pod: Endpoint = {
        pod: {
          namespace: network.cluster.namespaces.minecraft,
          labels: set.spec!.template.metadata!.labels!,
        },
      };
      const resolver: Endpoint = { pod: { namespace: "kube-system", labels: { "k8s-app": "kube-dns" } } };
      expect(connectionAllowed(policies, { from: pod, to: resolver, port: 53, protocol: "UDP" })).toBe(true);
      // A proxied custom domain resolves to Cloudflare's anycast ranges (104.16.0.0/13, 172.64.0.0/13, …).
      for (const cloudflare of ["104.21.48.1", "172.67.180.2", "188.114.97.3", "162.159.140.4"]) {
        expect(
          connectionAllowed(policies, { from: pod, to: { ip: cloudflare }, port: 443 }),
          cloudflare,
        ).toBe(true);
        expect(connectionAllowed(policies, { from: pod, to: { ip: cloudflare }, port: 80 }), cloudflare).toBe(
          false,
        );
      }
    }
  });
});

describe("resource-pack-init.sh (the rendered script, run for real)", () => {
  let script: string;
  let server: Server;
  let origin: string;
  let answer: { status: number; body: string };
  let dir: string;

  beforeAll(async () => {
    // The script fetches with curl, else wget; without either every fetch would look like an outage.
    await promisify(execFile)("sh", ["-c", "command -v curl || command -v wget"]).catch(() => {
      throw new Error("these tests need curl or wget on PATH (bash .ci/run installs curl)");
    });
    script = scriptOf(minecraftApp(await loadNetwork({ configFile: CONFIG_FILE })));
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
    const scriptFile = join(dir, RESOURCE_PACK_INIT_SCRIPT_KEY);
    await writeFile(scriptFile, script);
    const { stderr } = await promisify(execFile)("sh", [scriptFile], {
      env: {
        PATH: process.env.PATH,
        RESOURCE_PACK_LATEST_URL: latestUrl,
        RESOURCE_PACK_ORIGIN: "https://rp.example.net",
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
    ["a pack URL on another host", record({ url: `https://evil.example/packs/${SHA1}.zip` })],
    ["a plain-http pack URL", record({ url: `http://rp.example.net/packs/${SHA1}.zip` })],
    [
      "a URL for another pack than the hash",
      record({ url: `https://rp.example.net/packs/${"b".repeat(40)}.zip` }),
    ],
    ["HTML from a captive portal", "<html>log in first</html>"],
  ])("ignores %s and keeps the last known pack", async (_label, body) => {
    answer = { status: 200, body };
    const { properties } = await run(LAST_KNOWN, {});
    expect(properties).toBe(`${LAST_KNOWN}require-resource-pack=false\n`);
    expect(properties).not.toContain("evil");
  });

  it("takes the origin from the latest URL when none is given", async () => {
    answer = { status: 200, body: record({ url: `${origin}/packs/${SHA1}.zip` }) };
    const { properties } = await run("", { RESOURCE_PACK_ORIGIN: "" });
    expect(properties).toContain(`resource-pack-sha1=${SHA1}\n`);
    answer = { status: 200, body: record() };
    expect((await run("", { RESOURCE_PACK_ORIGIN: "" })).properties).not.toContain("resource-pack-sha1");
  });

  it("writes the prompt as JSON with its backslashes escaped for the properties format", async () => {
    answer = { status: 200, body: record() };
    const prompt = JSON.stringify({ text: 'Our "textures"' });
    const { properties } = await run("", { RESOURCE_PACK_PROMPT: prompt });
    expect(properties).toContain('resource-pack-prompt={"text":"Our \\\\"textures\\\\""}\n');
  });
});
