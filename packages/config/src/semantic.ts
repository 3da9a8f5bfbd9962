import { BlockList } from "node:net";
import type { z } from "zod";
import { heapBytes, quantityBytes } from "./quantity.ts";
import type { networkShape } from "./schema/network.ts";

type Spec = z.output<typeof networkShape>;
type Path = (string | number)[];

/** The JVM needs headroom beyond the heap (metaspace, threads, direct buffers, GC); past 80% the OOM killer wins. */
export const MAX_HEAP_FRACTION = 0.8;

/**
 * Rules that span fields, reported with the path of the field to change. They also run when some
 * field failed its own schema (so the operator sees every problem in one go), which means the spec
 * may be partly malformed here: each rule is guarded, and a rule whose inputs are broken is skipped,
 * since the broken field is already reported by its own schema.
 */
export function checkNetwork(spec: Spec, ctx: z.RefinementCtx): void {
  const problem = (path: Path, message: string) => ctx.addIssue({ code: "custom", path, message });
  const guard = (rule: () => void) => {
    try {
      rule();
    } catch {
      // Malformed input to this rule: reported by the field's own schema.
    }
  };

  guard(() => checkHeap(spec.proxy.memory, ["proxy", "memory", "heap"], problem));
  const names = new Map<string, number>();
  guard(() =>
    spec.servers.forEach((server, index) => {
      guard(() => checkHeap(server.memory, ["servers", index, "memory", "heap"], problem));
      const first = names.get(server.name);
      if (first !== undefined) {
        problem(["servers", index, "name"], `"${server.name}" is already the name of servers[${first}]`);
      } else {
        names.set(server.name, index);
      }
      if (server.name === "velocity" || server.name === "velocity-lan")
        problem(["servers", index, "name"], `"${server.name}" is the name of a proxy Service`);
      // velocity.toml's [servers] table holds the server addresses and the `try` list side by side.
      if (server.name === "try")
        problem(["servers", index, "name"], `"try" is a reserved key in velocity.toml`);
    }),
  );

  guard(() => {
    const { longhorn } = spec.cluster;
    if (longhorn.scratchStorageClassName === longhorn.storageClassName)
      problem(
        ["cluster", "longhorn", "scratchStorageClassName"],
        `must differ from cluster.longhorn.storageClassName: scratch volumes must not be retained and backed up like worlds`,
      );
  });

  guard(() =>
    spec.proxy.try.forEach((name, index) => {
      if (!names.has(name)) problem(["proxy", "try", index], `"${name}" is not a configured server`);
    }),
  );
  guard(() => {
    for (const [host, targets] of Object.entries(spec.proxy.forcedHosts)) {
      targets.forEach((name, index) => {
        if (!names.has(name))
          problem(["proxy", "forcedHosts", host, index], `"${name}" is not a configured server`);
      });
      if (!underDomain(host, spec.domain)) {
        problem(["proxy", "forcedHosts", host], `must be a hostname under ${spec.domain}`);
      }
    }
  });

  guard(() => checkVip(spec, problem));

  guard(() => {
    const seenHosts = new Map<string, string>();
    for (const [key, host] of Object.entries(spec.edge)) {
      if (!underDomain(host, spec.domain))
        problem(["edge", key], `"${host}" is not under the domain ${spec.domain}`);
      const clash = seenHosts.get(host);
      if (clash) problem(["edge", key], `"${host}" is already used by edge.${clash}`);
      seenHosts.set(host, key);
    }
    spec.tunnel.httpRoutes.forEach(({ hostname: host }, index) => {
      const path = ["tunnel", "httpRoutes", index, "hostname"];
      if (!underDomain(host, spec.domain)) problem(path, `"${host}" is not under the domain ${spec.domain}`);
      const clash = seenHosts.get(host);
      if (clash) {
        const owner = clash.startsWith("tunnel.") ? clash : `edge.${clash}`;
        problem(path, `"${host}" is already used by ${owner}`);
      }
      seenHosts.set(host, `tunnel.httpRoutes[${index}]`);
    });
  });

  guard(() => {
    const { primary, standby } = spec.ingressNodes;
    if (primary.name === standby.name)
      problem(["ingressNodes", "standby", "name"], "must differ from the primary's name");
    if (primary.publicIp === standby.publicIp) {
      problem(
        ["ingressNodes", "standby", "publicIp"],
        "must differ from the primary's address: a standby on the same host fails with it",
      );
    }
  });

  guard(() => {
    const namespaces = Object.entries(spec.cluster.namespaces);
    namespaces.forEach(([key, value], index) => {
      const earlier = namespaces.slice(0, index).find(([, other]) => other === value);
      if (earlier)
        problem(["cluster", "namespaces", key], `"${value}" is already the ${earlier[0]} namespace`);
    });
  });

  guard(() => {
    if (spec.cluster.longhorn.replicaCount > 1 && spec.cluster.longhorn.dataLocality === "strict-local") {
      problem(["cluster", "longhorn", "dataLocality"], "strict-local allows exactly one replica");
    }
  });
}

function checkHeap(
  memory: { limit: string; heap: string },
  path: Path,
  problem: (path: Path, message: string) => void,
): void {
  const limit = quantityBytes(memory.limit);
  const heap = heapBytes(memory.heap);
  if (heap > limit * MAX_HEAP_FRACTION) {
    const max = Math.floor((limit * MAX_HEAP_FRACTION) / 2 ** 20);
    problem(path, `${memory.heap} is more than 80% of the ${memory.limit} limit (at most ${max}M)`);
  }
}

function checkVip(spec: Spec, problem: (path: Path, message: string) => void): void {
  const pool = new BlockList();
  spec.cluster.metallb.addresses.forEach((range, index) => {
    const [start, end] = range.split("-");
    const [network, prefix] = range.split("/");
    try {
      if (end !== undefined) pool.addRange(start!, end, "ipv4");
      else pool.addSubnet(network!, Number(prefix), "ipv4");
    } catch (error) {
      problem(
        ["cluster", "metallb", "addresses", index],
        `is not a usable range: ${(error as Error).message}`,
      );
    }
  });
  if (!pool.check(spec.cluster.metallb.proxyVip, "ipv4")) {
    problem(
      ["cluster", "metallb", "proxyVip"],
      `${spec.cluster.metallb.proxyVip} is not inside cluster.metallb.addresses`,
    );
  }
}

function underDomain(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}
