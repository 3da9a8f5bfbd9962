import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import definition from "../network.config.ts";
import { SECRET_CONFIG_KEYS } from "../pulumi/src/stack-settings.ts";

const PULUMI_DIR = join(import.meta.dirname, "../pulumi");
const stackFiles = readdirSync(PULUMI_DIR).filter((name) => /^Pulumi\.[\w-]+\.yaml$/.test(name));

/** Whether a stack config value is a plain value rather than ciphertext (`secure:`), at any depth. */
function plainParts(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return value !== undefined;
  if ("secure" in value && Object.keys(value).length === 1) return false;
  return Object.values(value).some(plainParts);
}

describe("the committed Pulumi stack files", () => {
  it("exist for each environment of the network config", () => {
    expect([...stackFiles].sort()).toEqual(
      Object.keys(definition.environments)
        .map((environment) => `Pulumi.${environment}.yaml`)
        .sort(),
    );
  });

  it.each(stackFiles)("%s holds the secret config keys only encrypted", (file) => {
    const config = (
      parse(readFileSync(join(PULUMI_DIR, file), "utf8")) as { config?: Record<string, unknown> }
    ).config;
    const plain = SECRET_CONFIG_KEYS.filter((key) => plainParts(config?.[key]));
    expect(plain).toEqual([]);
  });

  it("would notice a plain value, whole or in one field", () => {
    expect(plainParts("https://discord.example/api/webhooks/1/x")).toBe(true);
    expect(plainParts({ username: { secure: "v1:abc" }, password: "hunter2" })).toBe(true);
    expect(plainParts({ secure: "v1:abc" })).toBe(false);
    expect(plainParts(undefined)).toBe(false);
  });
});
