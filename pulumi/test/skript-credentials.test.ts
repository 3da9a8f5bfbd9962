import { join } from "node:path";
import { clusterSecrets, loadNetwork, skriptGitSecretKeys } from "@mc-infra/config";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { ClusterSecrets } from "../src/cluster-secrets.ts";
import { readStackSettings } from "../src/stack-settings.ts";
import {
  allRegistered,
  installEdgeMocks,
  type RecordedResource,
  settle,
  TEST_STACK_CONFIG,
} from "./mocks.ts";

// A stack whose network syncs Skript from a private repository, with the credentials set as a secret.
const FIXTURE = "test/fixtures/network-with-private-skript.config.ts";
const HTTPS_CREDENTIALS = { username: "skript-bot", password: "mock-secret-skript-token" };
const mocks = await installEdgeMocks(
  "production",
  undefined,
  { configFile: FIXTURE, skriptGitCredentials: JSON.stringify(HTTPS_CREDENTIALS) },
  ["skriptGitCredentials"],
);
const program = (await import("../index.ts")) as Record<string, unknown>;
const network = await loadNetwork({ configFile: join(import.meta.dirname, "..", FIXTURE) });
beforeAll(async () => {
  await allRegistered(program);
});

// biome-ignore lint/suspicious/noExplicitAny: resource inputs are the provider's wire shape.
type Wire = any;
const secretsNamed = (name: string, resources: readonly RecordedResource[] = mocks.resources) =>
  resources.filter(
    (resource) =>
      resource.type === "kubernetes:core/v1:Secret" && (resource.inputs.metadata as Wire).name === name,
  );

describe("the edge program for a network with a private Skript repository", () => {
  it("writes the credentials Secret with exactly the keys git-sync reads, as a secret input", async () => {
    const ref = clusterSecrets(network).skriptGit!;
    expect(ref.name).toBe("skript-git");
    const written = secretsNamed(ref.name);
    expect(written).toHaveLength(1);
    const secret = written[0]!;
    expect((secret.inputs.metadata as Wire).namespace).toBe(network.cluster.namespaces.minecraft);
    expect(Object.keys(secret.inputs.stringData as object).sort()).toEqual(
      [...skriptGitSecretKeys(network.skript.repo)].sort(),
    );
    expect(secret.inputs.stringData).toEqual(HTTPS_CREDENTIALS);
    expect(secret.secretInputs).toContain("stringData");
    expect((secret.inputs.metadata as Wire).labels["app.kubernetes.io/managed-by"]).toBe("pulumi");
    expect(program.clusterSecretsWritten).toContain(`${ref.namespace}/${ref.name}`);
  });

  it("shows the credentials in no plain output", async () => {
    for (const [name, exported] of Object.entries(program)) {
      const { value, secret } = pulumi.Output.isInstance(exported)
        ? await settle(exported)
        : { value: exported, secret: false };
      if (!secret) expect(JSON.stringify(value) ?? "", name).not.toContain(HTTPS_CREDENTIALS.password);
    }
  });
});

describe("the stack config of a private Skript repository", () => {
  const base = {
    "minecraft-edge:accountId": TEST_STACK_CONFIG.accountId,
    "minecraft-edge:zoneId": TEST_STACK_CONFIG.zoneId,
    "minecraft-edge:discordWebhookUrl": TEST_STACK_CONFIG.discordWebhookUrl,
    "minecraft-edge:configFile": FIXTURE,
  };
  /** Replaces the stack config (as `pulumi config` would have left it) and reads the settings. */
  const settingsWith = (
    config: Record<string, string>,
    secretKeys: readonly string[] = ["skriptGitCredentials"],
  ) => {
    pulumi.runtime.setAllConfig(
      {
        ...base,
        ...Object.fromEntries(Object.entries(config).map(([key, value]) => [`minecraft-edge:${key}`, value])),
      },
      ["minecraft-edge:discordWebhookUrl", ...secretKeys.map((key) => `minecraft-edge:${key}`)],
    );
    return readStackSettings();
  };

  it("is required, and the error says how to set it", async () => {
    await expect(settingsWith({})).rejects.toThrow(
      `stack config minecraft-edge:skriptGitCredentials is missing: skript.credentialsSecret names Secret minecraft/skript-git`,
    );
    await expect(settingsWith({})).rejects.toThrow(
      `pulumi config set --secret skriptGitCredentials '{"username":"…","password":"…"}'`,
    );
  });

  it("must be a secret: a plain value would sit in Pulumi.<stack>.yaml, in git", async () => {
    const error = await settingsWith({ skriptGitCredentials: JSON.stringify(HTTPS_CREDENTIALS) }, []).catch(
      (caught: Error) => caught,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      /stored in plain text in Pulumi\.production\.yaml: set it again with --secret/,
    );
    expect((error as Error).message).not.toContain(HTTPS_CREDENTIALS.password);
  });

  it.each([
    ["a missing key", { username: "skript-bot" }],
    [
      "the ssh keys for an https repository",
      { ssh: "mock-secret-key", known_hosts: "github.com ssh-ed25519 AAAA" },
    ],
    ["an extra key", { ...HTTPS_CREDENTIALS, token: "mock-secret-extra" }],
    ["an empty password", { username: "skript-bot", password: "" }],
    ["a number", { username: "skript-bot", password: 1234 }],
    ["a string that is not JSON", "mock-secret-hunter2"],
    ["an array", ["mock-secret-a", "mock-secret-b"]],
  ])("refuses %s, naming the keys git-sync reads and never the value", async (_label, value) => {
    const raw = typeof value === "string" ? value : JSON.stringify(value);
    const error = await settingsWith({ skriptGitCredentials: raw }).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(
      "must be a JSON object with exactly the non-empty string fields username, password",
    );
    expect((error as Error).message).not.toMatch(/mock-secret|1234/);
  });

  it("is not asked for when the repository is public", async () => {
    pulumi.runtime.setAllConfig(
      {
        "minecraft-edge:accountId": TEST_STACK_CONFIG.accountId,
        "minecraft-edge:zoneId": TEST_STACK_CONFIG.zoneId,
        "minecraft-edge:discordWebhookUrl": TEST_STACK_CONFIG.discordWebhookUrl,
      },
      ["minecraft-edge:discordWebhookUrl"],
    );
    const settings = await readStackSettings();
    expect(settings.network.skript.credentialsSecret).toBeUndefined();
    expect(settings.skriptGitCredentials).toBeUndefined();
  });

  it("asks an ssh repository for its key and known_hosts, and the Secret holds exactly those", async () => {
    const sshCredentials = { ssh: "mock-secret-ssh-key", known_hosts: "github.com ssh-ed25519 AAAAC3Nza" };
    await expect(
      settingsWith({ environment: "ssh", skriptGitCredentials: JSON.stringify(HTTPS_CREDENTIALS) }),
    ).rejects.toThrow("exactly the non-empty string fields ssh, known_hosts");

    const settings = await settingsWith({
      environment: "ssh",
      skriptGitCredentials: JSON.stringify(sshCredentials),
    });
    expect(settings.network.skript.repo).toMatch(/^ssh:\/\//);
    expect(await settle(settings.skriptGitCredentials!)).toEqual({ value: sshCredentials, secret: true });

    const before = mocks.resources.length;
    const r2 = {
      accessKeyId: pulumi.output("access"),
      secretAccessKey: pulumi.output("secret"),
      endpoint: "https://r2.example",
    };
    const secrets = new ClusterSecrets("ssh-secrets", {
      network: settings.network,
      tunnelToken: "token",
      backupCredentials: r2,
      logCredentials: r2,
      longhornCredentials: r2,
      backupsBucket: "backups",
      logsBucket: "logs",
      skriptGitCredentials: settings.skriptGitCredentials!,
    });
    await allRegistered({ rcon: secrets.rconPassword });
    const [secret] = secretsNamed("skript-git", mocks.resources.slice(before));
    expect(Object.keys(secret!.inputs.stringData as object).sort()).toEqual(
      [...skriptGitSecretKeys(settings.network.skript.repo)].sort(),
    );
    expect(secret!.inputs.stringData).toEqual(sshCredentials);
    expect(secret!.secretInputs).toContain("stringData");
  });
});
