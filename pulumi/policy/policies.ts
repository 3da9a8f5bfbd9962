import { bucketKeyOf, GATEWAY_SECRET_HEADER, NEVER_EXPIRE_PREFIXES } from "@mc-infra/config";
import type {
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";

/** Provider type tokens the policies look at (what `pulumi preview` hands a policy pack). */
export const TYPES = {
  r2Bucket: "cloudflare:index/r2Bucket:R2Bucket",
  r2BucketLifecycle: "cloudflare:index/r2BucketLifecycle:R2BucketLifecycle",
  tunnelConfig: "cloudflare:index/zeroTrustTunnelCloudflaredConfig:ZeroTrustTunnelCloudflaredConfig",
  lbMonitor: "cloudflare:index/loadBalancerMonitor:LoadBalancerMonitor",
} as const;

interface LifecycleRuleProps {
  enabled?: boolean;
  abortMultipartUploadsTransition?: unknown;
  deleteObjectsTransition?: unknown;
}

/** A bucket without lifecycle rules grows forever: abandoned multipart uploads alone are billed storage. */
export const bucketsHaveLifecycleRules: StackValidationPolicy = {
  name: "r2-buckets-have-lifecycle-rules",
  description: "Every R2 bucket has lifecycle rules, including one that aborts incomplete multipart uploads.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const lifecycles = args.resources.filter((resource) => resource.type === TYPES.r2BucketLifecycle);
    for (const bucket of args.resources.filter((resource) => resource.type === TYPES.r2Bucket)) {
      const name = bucket.props.name as string | undefined;
      // Unknown during a preview of a new stack: the check runs again on `up`.
      if (name === undefined) continue;
      const rules = lifecycles
        .filter((lifecycle: PolicyResource) => lifecycle.props.bucketName === name)
        .flatMap((lifecycle) => (lifecycle.props.rules ?? []) as LifecycleRuleProps[])
        .filter((rule) => rule.enabled !== false);
      if (rules.length === 0) {
        reportViolation(`R2 bucket "${name}" has no enabled lifecycle rules.`, bucket.urn);
      } else if (!rules.some((rule) => rule.abortMultipartUploadsTransition)) {
        reportViolation(`R2 bucket "${name}" has no rule aborting incomplete multipart uploads.`, bucket.urn);
      }
    }
  },
};

/**
 * Deleting under a kept prefix loses what nothing can rebuild: Longhorn blocks that newer backups
 * still reference, resource packs that clients and servers fetch by their hash. A rule's prefix
 * matches every key that starts with it, so a rule overlaps a kept prefix when either starts with
 * the other (the empty prefix overlaps everything).
 */
export const lifecycleKeepsProtectedPrefixes: ResourceValidationPolicy = {
  name: "r2-lifecycle-keeps-protected-prefixes",
  description: "No R2 lifecycle rule deletes objects under Longhorn's blocks or the resource packs.",
  enforcementLevel: "mandatory",
  validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    if (args.type !== TYPES.r2BucketLifecycle) return;
    const bucketName = args.props.bucketName as string | undefined;
    // Unknown during a preview of a new stack: the check runs again on `up`.
    const key = bucketName === undefined ? undefined : bucketKeyOf(bucketName);
    if (key === undefined) return;
    const rules = (args.props.rules ?? []) as (LifecycleRuleProps & {
      id?: string;
      conditions?: { prefix?: string };
    })[];
    for (const rule of rules) {
      if (rule.enabled === false || !rule.deleteObjectsTransition) continue;
      const prefix = rule.conditions?.prefix ?? "";
      for (const kept of NEVER_EXPIRE_PREFIXES[key]) {
        if (kept.startsWith(prefix) || prefix.startsWith(kept)) {
          reportViolation(
            `lifecycle rule "${rule.id ?? "?"}" of "${bucketName}" deletes objects under "${prefix}", which covers "${kept}": those must never expire.`,
          );
        }
      }
    }
  },
};

/** cloudflared refuses an ingress whose last rule matches a hostname; a missing 404 catch-all also leaks routes. */
export const tunnelConfigEndsWithCatchAll: ResourceValidationPolicy = {
  name: "tunnel-config-ends-with-catch-all",
  description: "A Cloudflare Tunnel config's ingress ends with a hostname-less http_status:404 rule.",
  enforcementLevel: "mandatory",
  validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    if (args.type !== TYPES.tunnelConfig) return;
    const ingresses = (args.props.config?.ingresses ?? []) as {
      hostname?: string;
      path?: string;
      service?: string;
    }[];
    const last = ingresses.at(-1);
    if (!last || last.hostname || last.path || last.service !== "http_status:404") {
      reportViolation(
        `the tunnel ingress must end with { service: "http_status:404" } and no hostname or path.`,
      );
    }
    ingresses.slice(0, -1).forEach((rule, index) => {
      if (!rule.hostname)
        reportViolation(`ingress rule ${index} has no hostname: it would shadow every rule after it.`);
    });
  },
};

/** Without the header the agents answer 403, the monitor marks both nodes down and the LB serves the fallback blind. */
export const monitorsSendGatewayHeader: ResourceValidationPolicy = {
  name: "lb-monitors-send-gateway-header",
  description: `Load balancer monitors send a non-empty ${GATEWAY_SECRET_HEADER} header.`,
  enforcementLevel: "mandatory",
  validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    if (args.type !== TYPES.lbMonitor) return;
    const headers = (args.props.header ?? {}) as Record<string, unknown>;
    const entry = Object.entries(headers).find(
      ([key]) => key.toLowerCase() === GATEWAY_SECRET_HEADER.toLowerCase(),
    );
    const values = entry?.[1];
    if (!Array.isArray(values) || values.length === 0 || values.some((value) => value === "")) {
      reportViolation(
        `the monitor does not send ${GATEWAY_SECRET_HEADER}: the ingress health agents will answer 403.`,
      );
    }
  },
};

export const POLICIES = [
  bucketsHaveLifecycleRules,
  lifecycleKeepsProtectedPrefixes,
  tunnelConfigEndsWithCatchAll,
  monitorsSendGatewayHeader,
];
