import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { minecraftAlertRules } from "../src/monitoring/alert-rules.ts";
import { exampleNetwork } from "./support/network.ts";

/**
 * The rendered alert rules, checked and unit-tested by Prometheus's own `promtool` (Debian package
 * `prometheus`, installed by .ci/run). The test files in ./promtool/ give each alert a firing and a
 * non-firing case against the production config's rules.
 */
const TESTS_DIR = new URL("./promtool/", import.meta.url).pathname;
const promtool = findPromtool();

if (!promtool && !process.env.CI) {
  console.warn(
    "\n!!! promtool not found: the alert rule unit tests are SKIPPED on this machine.\n" +
      "!!! Install it with `apt-get install -y prometheus` (CI installs it in .ci/run).\n",
  );
}

function findPromtool(): string | undefined {
  const found = spawnSync("sh", ["-c", "command -v promtool"], { encoding: "utf8" });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

type Group = { name: string; rules: { alert: string; annotations?: unknown }[] };

describe.skipIf(!promtool && !process.env.CI)("alert rules under promtool", () => {
  let dir: string;
  let groups: Group[];

  beforeAll(() => {
    if (!promtool)
      throw new Error("promtool is required in CI: .ci/run installs the Debian package prometheus");
    dir = mkdtempSync(join(tmpdir(), "promtool-"));
    groups = JSON.parse(JSON.stringify(minecraftAlertRules(exampleNetwork())));
    writeFileSync(join(dir, "rules-annotated.yaml"), stringify({ groups }));
    // Behaviour tests compare labels only; promtool would otherwise demand every annotation verbatim.
    const bare = groups.map((group) => ({
      ...group,
      rules: group.rules.map(({ annotations: _annotations, ...rule }) => rule),
    }));
    writeFileSync(join(dir, "rules.yaml"), stringify({ groups: bare }));
    for (const file of testFiles()) copyFileSync(join(TESTS_DIR, file), join(dir, file));
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("accepts the rendered rules as a valid rules file, templates included", () => {
    const result = spawnSync(promtool!, ["check", "rules", "rules-annotated.yaml"], {
      cwd: dir,
      encoding: "utf8",
    });
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });

  it("passes every unit test: each alert fires when it should and stays quiet otherwise", () => {
    const result = spawnSync(promtool!, ["test", "rules", ...testFiles()], { cwd: dir, encoding: "utf8" });
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });

  it("has a firing and a non-firing case for every alert", () => {
    const firing = new Set<string>();
    const quiet = new Set<string>();
    for (const file of testFiles()) {
      const doc = parse(readFileSync(join(TESTS_DIR, file), "utf8")) as {
        tests: { alert_rule_test?: { alertname: string; exp_alerts?: unknown[] }[] }[];
      };
      for (const test of doc.tests) {
        for (const check of test.alert_rule_test ?? []) {
          (check.exp_alerts?.length ? firing : quiet).add(check.alertname);
        }
      }
    }
    const alerts = new Set(groups.flatMap((group) => group.rules.map((rule) => rule.alert)));
    for (const alert of alerts) {
      expect(firing, `${alert} fires in some test`).toContain(alert);
      expect(quiet, `${alert} stays quiet in some test`).toContain(alert);
    }
  });

  it("fails a test whose expectation is wrong (the harness can fail)", () => {
    const wrong = readFileSync(join(TESTS_DIR, "tps.test.yaml"), "utf8").replace(
      "exp_labels: { severity: warning, server: survival }",
      "exp_labels: { severity: warning, server: lobby }",
    );
    writeFileSync(join(dir, "wrong.test.yaml"), wrong);
    const result = spawnSync(promtool!, ["test", "rules", "wrong.test.yaml"], { cwd: dir, encoding: "utf8" });
    expect(result.status).not.toBe(0);
  });
});

function testFiles(): string[] {
  return readdirSync(TESTS_DIR)
    .filter((file) => file.endsWith(".test.yaml"))
    .sort();
}
