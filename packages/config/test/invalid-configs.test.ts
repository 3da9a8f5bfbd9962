import { describe, expect, it } from "vitest";
import example from "../../../network.config.ts";
import { ConfigError, type NetworkDefinition, resolveNetwork } from "../src/index.ts";
import { brokenBase, INVALID_CASES } from "./invalid-cases.ts";

function resolveBroken(base: NetworkDefinition["base"], environment?: string) {
  try {
    resolveNetwork({ ...example, base }, environment);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("the config was accepted");
}

describe("an invalid network config", () => {
  it("has at least twenty distinct cases under test", () => {
    expect(new Set(INVALID_CASES.map((testCase) => testCase.path)).size).toBeGreaterThanOrEqual(20);
  });

  for (const testCase of INVALID_CASES) {
    it(`is rejected naming ${testCase.path}: ${testCase.name}`, () => {
      const error = resolveBroken(brokenBase(example.base, testCase), testCase.environment);
      const problem = error.problems.find((candidate) => candidate.path === testCase.path);
      expect(problem, error.message).toBeDefined();
      expect(problem!.message).toMatch(testCase.message);
      expect(error.message).toContain(`${testCase.path}: `);
    });
  }

  it("lists every problem at once, not just the first", () => {
    const base = structuredClone(example.base);
    base.servers[0]!.eula = false as true;
    base.servers[1]!.memory.heap = "7G";
    base.cluster.metallb.proxyVip = "10.0.0.1";
    const error = resolveBroken(base);
    expect(error.problems.map((problem) => problem.path)).toEqual([
      "cluster.metallb.proxyVip",
      "servers[0].eula",
      "servers[1].memory.heap",
    ]);
  });

  it("accepts a heap of exactly 80% of the limit", () => {
    const base = structuredClone(example.base);
    base.servers[0]!.memory = { limit: "5Gi", heap: "4G" };
    expect(resolveNetwork({ ...example, base }).servers[0]!.memory.heap).toBe("4G");
  });
});
