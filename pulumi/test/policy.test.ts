import type {
  PolicyResource,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
} from "@pulumi/policy";
import { beforeAll, describe, expect, it } from "vitest";
import {
  bucketsHaveLifecycleRules,
  lifecycleKeepsProtectedPrefixes,
  monitorsSendGatewayHeader,
  TYPES,
  tunnelConfigEndsWithCatchAll,
} from "../policy/policies.ts";
import { allRegistered, installEdgeMocks, type RecordedResource } from "./mocks.ts";

// The policies run against what the real program registers (mocks first, then the program).
const mocks = await installEdgeMocks("production");
const program = (await import("../index.ts")) as Record<string, unknown>;
beforeAll(async () => {
  await allRegistered(program);
});

type Props = Record<string, unknown>;
const asPolicyResource = (resource: { type: string; name: string; props: Props }) =>
  ({
    ...resource,
    urn: `urn:pulumi:test::minecraft-edge::${resource.type}::${resource.name}`,
  }) as unknown as PolicyResource;
const programResources = (): { type: string; name: string; props: Props }[] =>
  mocks.resources
    .filter((resource: RecordedResource) => resource.custom)
    .map((resource) => ({
      type: resource.type,
      name: resource.name,
      props: structuredClone(resource.inputs),
    }));

function runStack(resources: { type: string; name: string; props: Props }[]): string[] {
  const violations: string[] = [];
  const args = { resources: resources.map(asPolicyResource) } as unknown as StackValidationArgs;
  bucketsHaveLifecycleRules.validateStack(args, (message) => violations.push(message));
  return violations;
}

function runResource(
  policy: ResourceValidationPolicy,
  resource: { type: string; name: string; props: Props },
): string[] {
  const violations: string[] = [];
  const validate = policy.validateResource;
  for (const check of Array.isArray(validate) ? validate : [validate!]) {
    check(asPolicyResource(resource) as unknown as ResourceValidationArgs, (message) =>
      violations.push(message),
    );
  }
  return violations;
}

const find = (type: string) => {
  const resource = programResources().find((candidate) => candidate.type === type);
  if (!resource) throw new Error(`the program registers no ${type}`);
  return resource;
};

describe("policy: every R2 bucket has lifecycle rules", () => {
  it("passes for the program's buckets", () => {
    expect(runStack(programResources())).toEqual([]);
  });

  it("fails for a bucket without a lifecycle", () => {
    const resources = programResources().filter(
      (resource) =>
        !(resource.type === TYPES.r2BucketLifecycle && resource.name === "storage-logs-lifecycle"),
    );
    expect(runStack(resources)).toEqual([
      expect.stringMatching(/craftnet-logs" has no enabled lifecycle rules/),
    ]);
  });

  it("fails for a lifecycle that never aborts incomplete multipart uploads", () => {
    const resources = programResources().map((resource) =>
      resource.type === TYPES.r2BucketLifecycle
        ? {
            ...resource,
            props: {
              ...resource.props,
              rules: (resource.props.rules as Props[]).filter(
                (rule) => !rule.abortMultipartUploadsTransition,
              ),
            },
          }
        : resource,
    );
    expect(runStack(resources)).toEqual([
      expect.stringMatching(/craftnet-backups" has no rule aborting/),
      expect.stringMatching(/craftnet-logs" has no rule aborting/),
      expect.stringMatching(/craftnet-assets" has no rule aborting/),
    ]);
  });
});

describe("policy: lifecycle rules never delete Longhorn's blocks or the resource packs", () => {
  const lifecycleOf = (suffix: string) =>
    programResources().find(
      (resource) =>
        resource.type === TYPES.r2BucketLifecycle && (resource.props.bucketName as string).endsWith(suffix),
    )!;
  const withRule = (resource: { type: string; name: string; props: Props }, rule: Props) => ({
    ...resource,
    props: { ...resource.props, rules: [...(resource.props.rules as Props[]), rule] },
  });
  const expiring = (id: string, prefix: string) => ({
    id,
    enabled: true,
    conditions: { prefix },
    deleteObjectsTransition: { condition: { type: "Age", maxAge: 86_400 } },
  });

  it("passes for every lifecycle of the program, including the assets bucket's staged-upload expiry", () => {
    const lifecycles = programResources().filter((resource) => resource.type === TYPES.r2BucketLifecycle);
    expect(lifecycles).toHaveLength(3);
    for (const lifecycle of lifecycles)
      expect(runResource(lifecycleKeepsProtectedPrefixes, lifecycle), lifecycle.name).toEqual([]);
  });

  it.each([
    ["the packs themselves", "-assets", "packs/"],
    ["one pack", "-assets", `packs/${"0".repeat(40)}.zip`],
    ["the whole assets bucket", "-assets", ""],
    ["Longhorn's blocks", "-backups", "longhorn/"],
    ["the whole backups bucket", "-backups", ""],
  ])("fails for a rule deleting %s", (_label, bucket, prefix) => {
    expect(
      runResource(lifecycleKeepsProtectedPrefixes, withRule(lifecycleOf(bucket), expiring("oops", prefix))),
    ).toEqual([expect.stringContaining(`lifecycle rule "oops"`)]);
  });

  it("allows what is meant to expire, and rules that only abort multipart uploads", () => {
    for (const [bucket, prefix] of [
      ["-assets", "incoming/"],
      ["-backups", "backups/"],
      ["-logs", ""],
    ] as const) {
      expect(
        runResource(lifecycleKeepsProtectedPrefixes, withRule(lifecycleOf(bucket), expiring("fine", prefix))),
      ).toEqual([]);
    }
    const abortOnly = {
      id: "abort",
      enabled: true,
      conditions: { prefix: "" },
      abortMultipartUploadsTransition: {},
    };
    expect(runResource(lifecycleKeepsProtectedPrefixes, withRule(lifecycleOf("-assets"), abortOnly))).toEqual(
      [],
    );
  });
});

describe("policy: tunnel configs end with the catch-all", () => {
  it("passes for the program's tunnel config", () => {
    expect(runResource(tunnelConfigEndsWithCatchAll, find(TYPES.tunnelConfig))).toEqual([]);
  });

  it("fails when the catch-all is missing or not last", () => {
    const config = find(TYPES.tunnelConfig);
    const ingresses = (config.props.config as { ingresses: Props[] }).ingresses;
    const withoutCatchAll = { ...config, props: { config: { ingresses: ingresses.slice(0, -1) } } };
    expect(runResource(tunnelConfigEndsWithCatchAll, withoutCatchAll)).not.toEqual([]);
    const catchAllFirst = {
      ...config,
      props: { config: { ingresses: [ingresses.at(-1), ...ingresses.slice(0, -1)] } },
    };
    expect(runResource(tunnelConfigEndsWithCatchAll, catchAllFirst)).not.toEqual([]);
  });

  it("ignores other resource types", () => {
    expect(runResource(tunnelConfigEndsWithCatchAll, { type: TYPES.r2Bucket, name: "x", props: {} })).toEqual(
      [],
    );
  });
});

describe("policy: load balancer monitors send the gateway header", () => {
  it("passes for the program's monitor", () => {
    expect(runResource(monitorsSendGatewayHeader, find(TYPES.lbMonitor))).toEqual([]);
  });

  it("fails for a monitor without the header, or with an empty one", () => {
    const monitor = find(TYPES.lbMonitor);
    expect(
      runResource(monitorsSendGatewayHeader, { ...monitor, props: { ...monitor.props, header: {} } }),
    ).toHaveLength(1);
    expect(
      runResource(monitorsSendGatewayHeader, {
        ...monitor,
        props: { ...monitor.props, header: { "X-Gateway-Secret": [""] } },
      }),
    ).toHaveLength(1);
  });
});
