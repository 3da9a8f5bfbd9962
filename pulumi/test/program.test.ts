import {
  BUCKET_PREFIXES,
  bucketNames,
  clusterSecrets,
  GATEWAY_SECRET_HEADER,
  kvNamespaceTitles,
  loadNetwork,
  resourcePackWorker,
  velocityService,
} from "@mc-infra/config";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import {
  allRegistered,
  type EdgeMocks,
  installEdgeMocks,
  type RecordedResource,
  settle,
  TEST_STACK_CONFIG,
} from "./mocks.ts";

// The order matters: mocks and config first, then the program, whose top level registers everything.
const mocks: EdgeMocks = await installEdgeMocks("production");
const program = (await import("../index.ts")) as Record<string, unknown>;
const network = await loadNetwork({ configFile: "network.config.ts", environment: "production" });

beforeAll(async () => {
  await allRegistered(program);
});

const ofType = (suffix: string): RecordedResource[] =>
  mocks.resources.filter((resource) => resource.custom && resource.type.endsWith(`:${suffix}`));
const one = (suffix: string): RecordedResource => {
  const found = ofType(suffix);
  expect(found, suffix).toHaveLength(1);
  return found[0]!;
};
// biome-ignore lint/suspicious/noExplicitAny: resource inputs are the provider's wire shape.
type Wire = any;

describe("the edge program for the example network", () => {
  it("creates a remotely managed tunnel with a generated secret", () => {
    const tunnel = one("ZeroTrustTunnelCloudflared");
    expect(tunnel.inputs).toMatchObject({
      accountId: TEST_STACK_CONFIG.accountId,
      name: network.name,
      configSrc: "cloudflare",
    });
    expect(Buffer.from(tunnel.inputs.tunnelSecret as string, "base64").length).toBeGreaterThan(0);
  });

  it("routes the tunnel hostname over tcp:// to the Velocity Service and ends with the catch-all", () => {
    const config = one("ZeroTrustTunnelCloudflaredConfig");
    const ingresses = (config.inputs.config as Wire).ingresses as { hostname?: string; service: string }[];
    const velocity = velocityService(network);
    expect(ingresses[0]).toEqual({
      hostname: network.edge.tunnelHostname,
      service: `tcp://${velocity.host}:${velocity.port}`,
    });
    expect(ingresses.at(-1)).toEqual({ service: "http_status:404" });
    expect(ingresses.slice(0, -1).every((rule) => rule.hostname)).toBe(true);
    expect(config.inputs.tunnelId).toBe("tunnel-tunnel-id");
  });

  it("guards the tunnel hostname with an Access application only the relay service token passes", () => {
    const token = one("ZeroTrustAccessServiceToken");
    const policy = one("ZeroTrustAccessPolicy");
    const app = one("ZeroTrustAccessApplication");
    expect(policy.inputs).toMatchObject({
      decision: "non_identity",
      includes: [{ serviceToken: { tokenId: token.id } }],
    });
    expect((policy.inputs.includes as unknown[]).length).toBe(1);
    expect(app.inputs).toMatchObject({
      type: "self_hosted",
      domain: network.edge.tunnelHostname,
      policies: [{ id: policy.id }],
    });
  });

  it("points a proxied CNAME for the tunnel hostname at <tunnel-id>.cfargotunnel.com", () => {
    const records = ofType("DnsRecord");
    const tunnelRecord = records.find((record) => record.inputs.name === network.edge.tunnelHostname);
    expect(tunnelRecord?.inputs).toMatchObject({
      zoneId: TEST_STACK_CONFIG.zoneId,
      type: "CNAME",
      content: "tunnel-tunnel-id.cfargotunnel.com",
      proxied: true,
    });
    // The Minecraft hostname belongs to the load balancer, the Workers' to their custom domains.
    expect(records.map((record) => record.inputs.name)).not.toContain(network.edge.minecraftHostname);
  });

  it("answers the Minecraft hostname with a DNS-only load balancer failing over primary → standby", () => {
    const pools = ofType("LoadBalancerPool");
    expect(pools).toHaveLength(2);
    const byName = Object.fromEntries(pools.map((pool) => [pool.name, pool]));
    const primary = byName["ingress-primary"]!;
    const standby = byName["ingress-standby"]!;
    expect((primary.inputs.origins as Wire)[0]).toMatchObject({
      address: network.ingressNodes.primary.publicIp,
      enabled: true,
    });
    expect((standby.inputs.origins as Wire)[0]).toMatchObject({
      address: network.ingressNodes.standby.publicIp,
    });
    const lb = one("LoadBalancer");
    expect(lb.inputs).toMatchObject({
      zoneId: TEST_STACK_CONFIG.zoneId,
      name: network.edge.minecraftHostname,
      proxied: false,
      steeringPolicy: "off",
      defaultPools: [primary.id, standby.id],
      fallbackPool: standby.id,
    });
  });

  it("monitors GET /health on the health port, expecting ok and sending the gateway secret", async () => {
    const monitor = one("LoadBalancerMonitor");
    expect(monitor.inputs).toMatchObject({
      method: "GET",
      path: "/health",
      port: network.ingressNodes.healthPort,
      expectedBody: "ok",
      expectedCodes: "200",
    });
    const { value: gatewaySecret } = await settle(program.gatewaySecret as pulumi.Output<string>);
    expect((monitor.inputs.header as Wire)[GATEWAY_SECRET_HEADER]).toEqual([gatewaySecret]);
    expect(monitor.secretInputs.some((path) => path.startsWith("header"))).toBe(true);
    for (const pool of ofType("LoadBalancerPool")) expect(pool.inputs.monitor).toBe(monitor.id);
  });

  it("creates the three buckets, each with lifecycle rules that abort stale multipart uploads after 7 days", () => {
    const buckets = ofType("R2Bucket");
    expect(buckets.map((bucket) => bucket.inputs.name).sort()).toEqual(
      Object.values(bucketNames(network)).sort(),
    );
    const lifecycles = ofType("R2BucketLifecycle");
    expect(lifecycles.map((lifecycle) => lifecycle.inputs.bucketName).sort()).toEqual(
      Object.values(bucketNames(network)).sort(),
    );
    for (const lifecycle of lifecycles) {
      expect(lifecycle.inputs.rules).toContainEqual(
        expect.objectContaining({
          enabled: true,
          conditions: { prefix: "" },
          abortMultipartUploadsTransition: { condition: { type: "Age", maxAge: 7 * 86_400 } },
        }),
      );
    }
  });

  it("deletes world backups after the retention days and logs after theirs, never Longhorn's blocks", () => {
    const rulesOf = (bucket: string) =>
      ofType("R2BucketLifecycle").find((lifecycle) => lifecycle.inputs.bucketName === bucket)!.inputs
        .rules as Wire[];
    const expiring = (bucket: string) => rulesOf(bucket).filter((rule) => rule.deleteObjectsTransition);
    const names = bucketNames(network);
    expect(expiring(names.backups)).toEqual([
      expect.objectContaining({
        conditions: { prefix: BUCKET_PREFIXES.worldBackups },
        deleteObjectsTransition: {
          condition: { type: "Age", maxAge: network.backups.retentionDays * 86_400 },
        },
      }),
    ]);
    expect(BUCKET_PREFIXES.longhorn.startsWith(BUCKET_PREFIXES.worldBackups)).toBe(false);
    expect(expiring(names.logs)).toEqual([
      expect.objectContaining({
        conditions: { prefix: BUCKET_PREFIXES.logs },
        deleteObjectsTransition: { condition: { type: "Age", maxAge: network.logs.retentionDays * 86_400 } },
      }),
    ]);
  });

  it("deletes resource-pack uploads staged under incoming/ after a day, and never the packs", () => {
    const assets = ofType("R2BucketLifecycle").find(
      (lifecycle) => lifecycle.inputs.bucketName === bucketNames(network).assets,
    )!.inputs.rules as Wire[];
    const worker = resourcePackWorker(network);
    const expiring = assets.filter((rule) => rule.enabled && rule.deleteObjectsTransition);
    expect(expiring).toEqual([
      expect.objectContaining({
        conditions: { prefix: worker.stagingPrefix },
        deleteObjectsTransition: { condition: { type: "Age", maxAge: 86_400 } },
      }),
    ]);
    expect(worker.stagingPrefix).toBe("incoming/");
    // R2 matches a rule's prefix against the key's start: no expiring prefix may be one packs/ keys start with.
    const packKey = `${worker.packPrefix}${"0".repeat(40)}.zip`;
    for (const rule of expiring) expect(packKey.startsWith(rule.conditions.prefix)).toBe(false);
  });

  it("creates the KV namespaces for the resource-pack index and the status cache", () => {
    expect(
      ofType("WorkersKvNamespace")
        .map((namespace) => namespace.inputs.title)
        .sort(),
    ).toEqual(Object.values(kvNamespaceTitles(network)).sort());
  });

  it("scopes each R2 S3 credential to its one bucket", () => {
    const tokens = ofType("AccountToken");
    expect(tokens).toHaveLength(4);
    const scopes = tokens.map((token) =>
      Object.keys(JSON.parse((token.inputs.policies as Wire)[0].resources)),
    );
    const names = bucketNames(network);
    for (const scope of scopes) expect(scope).toHaveLength(1);
    expect(scopes.flat().sort()).toEqual(
      [names.backups, names.backups, names.logs, names.assets]
        .map((bucket) => `com.cloudflare.edge.r2.bucket.${TEST_STACK_CONFIG.accountId}_default_${bucket}`)
        .sort(),
    );
  });

  it("hands pack:publish an S3 credential of its own, scoped to the assets bucket, as a secret output", async () => {
    const token = ofType("AccountToken").find((candidate) => candidate.name === "storage-assets-s3")!;
    expect(Object.keys(JSON.parse((token.inputs.policies as Wire)[0].resources))).toEqual([
      `com.cloudflare.edge.r2.bucket.${TEST_STACK_CONFIG.accountId}_default_${bucketNames(network).assets}`,
    ]);
    const { value: r2, secret } = await settle(program.r2Credentials as pulumi.Output<Wire>);
    expect(secret).toBe(true);
    expect(r2.assets).toEqual({
      accessKeyId: token.id,
      secretAccessKey: expect.stringMatching(/^[0-9a-f]{64}$/),
      endpoint: `https://${TEST_STACK_CONFIG.accountId}.r2.cloudflarestorage.com`,
    });
  });

  it("writes every Secret clusterSecrets() names, with exactly its keys, labelled as managed by Pulumi", async () => {
    const written = ofType("Secret").filter((resource) => resource.type === "kubernetes:core/v1:Secret");
    const expected = Object.values(clusterSecrets(network));
    expect(
      written
        .map(
          (secret) =>
            `${(secret.inputs.metadata as Wire).namespace}/${(secret.inputs.metadata as Wire).name}`,
        )
        .sort(),
    ).toEqual(expected.map((ref) => `${ref.namespace}/${ref.name}`).sort());
    for (const ref of expected) {
      const secret = written.find((candidate) => (candidate.inputs.metadata as Wire).name === ref.name)!;
      expect(Object.keys(secret.inputs.stringData as object).sort()).toEqual([...ref.keys].sort());
      expect((secret.inputs.metadata as Wire).labels["app.kubernetes.io/managed-by"]).toBe("pulumi");
      expect(secret.secretInputs).toContain("stringData");
    }
  });

  it("fills the Secrets from the same values it exports: tunnel token, R2 credentials, webhook", async () => {
    const secretNamed = (name: string) =>
      ofType("Secret").find((resource) => (resource.inputs.metadata as Wire).name === name)!.inputs
        .stringData as Wire;
    const refs = clusterSecrets(network);
    const { value: token } = await settle(program.tunnelToken as pulumi.Output<string>);
    expect(secretNamed(refs.tunnelToken.name).token).toBe(token);
    const { value: r2 } = await settle(program.r2Credentials as pulumi.Output<Wire>);
    expect(secretNamed(refs.backupStorage.name)).toEqual({
      AWS_ACCESS_KEY_ID: r2.backups.accessKeyId,
      AWS_SECRET_ACCESS_KEY: r2.backups.secretAccessKey,
      S3_ENDPOINT: `https://${TEST_STACK_CONFIG.accountId}.r2.cloudflarestorage.com`,
      S3_BUCKET: bucketNames(network).backups,
    });
    // The S3 secret key is derived from the token value (SHA-256), never the value itself.
    expect(r2.backups.secretAccessKey).toMatch(/^[0-9a-f]{64}$/);
    expect(secretNamed(refs.discordWebhook.name)["webhook-url"]).toBe(TEST_STACK_CONFIG.discordWebhookUrl);
  });

  it("marks every output that carries a secret as secret", async () => {
    const leaks: string[] = [];
    for (const [name, exported] of Object.entries(program)) {
      if (!pulumi.Output.isInstance(exported)) {
        const text = JSON.stringify(exported);
        if ([...mocks.secretValues].some((secret) => text.includes(secret)))
          leaks.push(`${name} (plain value)`);
        continue;
      }
      const { value, secret } = await settle(exported);
      const text = JSON.stringify(value);
      if (!secret && [...mocks.secretValues].some((candidate) => text.includes(candidate))) leaks.push(name);
    }
    expect(leaks).toEqual([]);
    for (const name of [
      "tunnelToken",
      "relayServiceToken",
      "gatewaySecret",
      "workerSecrets",
      "velocityForwardingSecret",
      "rconPassword",
      "r2Credentials",
      "ingressCloudInit",
    ]) {
      expect((await settle(program[name] as pulumi.Output<unknown>)).secret, name).toBe(true);
    }
  });

  it("exports what the Workers need in wrangler's own shape", async () => {
    const { value: workers, secret } = await settle(program.workers as pulumi.Output<Wire>);
    expect(secret).toBe(false);
    expect(workers["resource-pack"].routes).toEqual([
      { pattern: network.edge.resourcePackHostname, custom_domain: true },
    ]);
    expect(workers.status.routes).toEqual([{ pattern: network.edge.statusHostname, custom_domain: true }]);
    expect(workers["resource-pack"].r2_buckets).toEqual([
      { binding: "PACKS", bucket_name: bucketNames(network).assets },
    ]);
    expect(workers.status.vars.STATUS_TARGET).toBe(`${network.edge.minecraftHostname}:25565`);
    const kvIds = ofType("WorkersKvNamespace").map((namespace) => namespace.id);
    expect(
      [...workers["resource-pack"].kv_namespaces, ...workers.status.kv_namespaces]
        .map((kv: Wire) => kv.id)
        .sort(),
    ).toEqual(kvIds.sort());
  });

  it("renders each ingress node's cloud-init with the relay token and gateway secret filled in", async () => {
    const { value: cloudInit } = await settle(
      program.ingressCloudInit as pulumi.Output<Record<string, string>>,
    );
    const { value: relay } = await settle(program.relayServiceToken as pulumi.Output<Wire>);
    const { value: gateway } = await settle(program.gatewaySecret as pulumi.Output<string>);
    for (const role of ["primary", "standby"] as const) {
      expect(cloudInit[role]).toContain(`hostname: ${network.ingressNodes[role].name}`);
      expect(cloudInit[role]).toContain(`TUNNEL_SERVICE_TOKEN_SECRET=${relay.clientSecret}`);
      expect(cloudInit[role]).toContain(gateway);
    }
  });

  it("organises resources in typed components whose children carry the component's name", () => {
    const components = mocks.resources.filter((resource) => !resource.custom);
    expect(components.map((component) => `${component.type} ${component.name}`).sort()).toEqual([
      "mc-infra:edge:ClusterSecrets secrets",
      "mc-infra:edge:Edge edge",
      "mc-infra:edge:Ingress ingress",
      "mc-infra:edge:Storage storage",
      "mc-infra:edge:Tunnel tunnel",
    ]);
    const prefixes = components.map((component) => `${component.name}-`);
    for (const resource of mocks.resources.filter((candidate) => candidate.custom)) {
      expect(
        prefixes.some((prefix) => resource.name.startsWith(prefix)),
        resource.name,
      ).toBe(true);
    }
  });
});
