import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { toYaml } from "../src/serialize.ts";

describe("rendered YAML", () => {
  it("keeps strings strings for a YAML 1.1 reader, as Kubernetes' go-yaml is", () => {
    // An operator's MOTD of "yes" or an env value of "on" must not reach the API server as a boolean.
    const values = {
      motd: "yes",
      pvp: "on",
      flag: "off",
      answer: "No",
      letter: "y",
      octal: "0755",
      float: "1e3",
      tilde: "~",
    };
    const text = toYaml(values);
    expect(parse(text, { version: "1.1" })).toEqual(values);
    expect(parse(text, { version: "1.2" })).toEqual(values);
  });

  it("writes no anchors or aliases, even for repeated objects", () => {
    const shared = { name: "world", mountPath: "/data" };
    const text = toYaml({ a: [shared], b: [shared] });
    expect(text).not.toMatch(/[&*]\w/);
  });

  it("never folds long lines, so scripts and TOML stay byte-for-byte", () => {
    const line = `echo ${"x".repeat(300)}`;
    expect(toYaml({ script: line })).toContain(line);
  });
});
