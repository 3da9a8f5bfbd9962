import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), "utf8");

describe("the Node runtime the project provisions", () => {
  const rootPackage = JSON.parse(read("package.json"));
  const pinned: string = rootPackage.devDependencies.node;

  it("is what the tests run on", () => {
    expect(process.version).toBe(`v${pinned}`);
  });

  it("is pinned to one exact Node 22 LTS version in package.json, pnpm-workspace.yaml and .node-version", () => {
    expect(pinned).toMatch(/^22\.\d+\.\d+$/);
    expect(parse(read("pnpm-workspace.yaml")).nodeVersion).toBe(pinned);
    expect(read(".node-version").trim()).toBe(pinned);
  });

  it("satisfies wrangler 4's floor of 22.12, which engines declares", () => {
    const [major, minor] = pinned.split(".").map(Number);
    expect(major! > 22 || (major === 22 && minor! >= 12)).toBe(true);
    expect(rootPackage.engines.node).toBe(">=22.12");
  });

  it("lets only the packages that ship binaries run install scripts", () => {
    expect(parse(read("pnpm-workspace.yaml")).onlyBuiltDependencies).toEqual(["esbuild", "node", "workerd"]);
  });

  it("pins pnpm with a hash, so corepack verifies it without registry signatures", () => {
    expect(rootPackage.packageManager).toMatch(/^pnpm@\d+\.\d+\.\d+\+sha512\.[0-9a-f]{128}$/);
  });
});
