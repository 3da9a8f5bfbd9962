import * as pulumi from "@pulumi/pulumi";

/** One resource the program registered, as the engine would have received it. */
export interface RecordedResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  readonly id: string;
  /** False for ComponentResources. */
  readonly custom: boolean;
  /** Dotted paths of inputs the program passed as secrets (e.g. `stringData`). */
  readonly secretInputs: readonly string[];
}

/** The SDK's wire marker for a secret value. */
const SECRET_SIG = { key: "4dabf18193072939515e22adb298388d", value: "1b47061264138c4ac30d75fd1eb44270" };

function unwrapSecrets(value: unknown, path: string, secretPaths: string[]): unknown {
  if (Array.isArray(value))
    return value.map((item, index) => unwrapSecrets(item, `${path}[${index}]`, secretPaths));
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  if (record[SECRET_SIG.key] === SECRET_SIG.value) {
    secretPaths.push(path);
    return unwrapSecrets(record.value, path, secretPaths);
  }
  return Object.fromEntries(
    Object.entries(record).map(([key, child]) => [
      key,
      unwrapSecrets(child, path ? `${path}.${key}` : key, secretPaths),
    ]),
  );
}

export interface EdgeMocks {
  readonly resources: RecordedResource[];
  /** Every value the mocks handed out as a generated secret, to find it wherever it leaks. */
  readonly secretValues: Set<string>;
}

export const TEST_STACK_CONFIG = {
  accountId: "0123456789abcdef0123456789abcdef",
  zoneId: "fedcba9876543210fedcba9876543210",
  discordWebhookUrl: "https://discord.example/api/webhooks/1/test-webhook-token",
} as const;

/**
 * Mocks standing in for the Cloudflare and Kubernetes APIs (the edge of the world), not for the
 * program: every resource it registers is recorded with its inputs and given the outputs the real
 * provider would compute (ids, generated secrets, tokens).
 */
export async function installEdgeMocks(
  stack: string,
  environment?: string,
  extraConfig: Record<string, string> = {},
  /** Keys of `extraConfig` set as `pulumi config set --secret` would; their values count as secrets. */
  secretConfigKeys: readonly string[] = [],
): Promise<EdgeMocks> {
  const resources: RecordedResource[] = [];
  const secretValues = new Set<string>();
  const secret = (label: string) => {
    const value = `mock-secret-${label}`;
    secretValues.add(value);
    return value;
  };

  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const id = `${args.name}-id`;
        const secretInputs: string[] = [];
        const inputs = unwrapSecrets(args.inputs, "", secretInputs) as Record<string, unknown>;
        const state: Record<string, unknown> = { ...args.inputs };
        switch (args.type) {
          case "random:index/randomPassword:RandomPassword":
            state.result = secret(args.name);
            break;
          case "random:index/randomBytes:RandomBytes":
            state.base64 = Buffer.from(secret(args.name)).toString("base64");
            break;
          case "cloudflare:index/zeroTrustAccessServiceToken:ZeroTrustAccessServiceToken":
            state.clientId = secret(`${args.name}.access`);
            state.clientSecret = secret(`${args.name}-client-secret`);
            break;
          case "cloudflare:index/accountToken:AccountToken":
            state.value = secret(`${args.name}-token-value`);
            break;
        }
        resources.push({
          type: args.type,
          name: args.name,
          inputs,
          id,
          custom: args.custom ?? true,
          secretInputs,
        });
        return { id, state };
      },
      call(args) {
        if (
          args.token ===
          "cloudflare:index/getZeroTrustTunnelCloudflaredToken:getZeroTrustTunnelCloudflaredToken"
        ) {
          return { token: secret(`tunnel-token-${args.inputs.tunnelId}`) };
        }
        throw new Error(`unexpected invoke ${args.token}`);
      },
    },
    "minecraft-edge",
    stack,
    false,
  );
  secretValues.add(TEST_STACK_CONFIG.discordWebhookUrl);
  for (const key of secretConfigKeys) {
    const value = extraConfig[key] ?? "";
    secretValues.add(value);
    // A secret object's fields are secrets too, wherever one of them ends up on its own.
    try {
      for (const field of Object.values(JSON.parse(value) as Record<string, unknown>))
        if (typeof field === "string") secretValues.add(field);
    } catch {}
  }
  pulumi.runtime.setAllConfig(
    {
      "minecraft-edge:accountId": TEST_STACK_CONFIG.accountId,
      "minecraft-edge:zoneId": TEST_STACK_CONFIG.zoneId,
      "minecraft-edge:discordWebhookUrl": TEST_STACK_CONFIG.discordWebhookUrl,
      ...(environment ? { "minecraft-edge:environment": environment } : {}),
      ...Object.fromEntries(
        Object.entries(extraConfig).map(([key, value]) => [`minecraft-edge:${key}`, value]),
      ),
    },
    ["minecraft-edge:discordWebhookUrl", ...secretConfigKeys.map((key) => `minecraft-edge:${key}`)],
  );
  return { resources, secretValues };
}

/** An output's value and whether Pulumi treats it as secret (what `pulumi stack output` would mask). */
export async function settle<T>(output: pulumi.Output<T>): Promise<{ value: T; secret: boolean }> {
  // biome-ignore lint/suspicious/noExplicitAny: the SDK keeps these two on the Output's internals.
  const internals = output as any;
  const [value, secret] = await Promise.all([
    internals.promise() as Promise<T>,
    internals.isSecret as Promise<boolean>,
  ]);
  return { value, secret };
}

/** Resolves once every registration the program started has reached the mocks. */
export async function allRegistered(program: Record<string, unknown>): Promise<void> {
  await Promise.all(
    Object.values(program)
      .filter((value): value is pulumi.Output<unknown> => pulumi.Output.isInstance(value))
      .map((output) => settle(output)),
  );
  // Resources no output depends on (DNS records, lifecycle rules) register in the same turn; let their RPCs land.
  for (let turn = 0; turn < 20; turn += 1) await new Promise((resolve) => setImmediate(resolve));
}
