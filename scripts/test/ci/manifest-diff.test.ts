import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMENT_MARKER, manifestDiff } from "../../src/ci/manifest-diff.ts";

describe("the rendered-manifest diff summary", () => {
  let repo: string;
  let base: string;
  const git = (...args: string[]) =>
    execFileSync("git", args, {
      cwd: repo,
      encoding: "utf8",
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: "t",
        GIT_AUTHOR_EMAIL: "t@example.net",
        GIT_COMMITTER_NAME: "t",
        GIT_COMMITTER_EMAIL: "t@example.net",
      },
    }).trim();
  const write = (path: string, content: string) => {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), content);
  };

  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), "manifest-diff-"));
    git("init", "-q", "-b", "main");
    write("apps/minecraft/service-velocity.yaml", "kind: Service\nport: 25577\n");
    write("apps/minecraft/configmap-old.yaml", "kind: ConfigMap\n");
    write("argocd/applications/application-minecraft.yaml", "kind: Application\n");
    write("README.md", "hello\n");
    git("add", "-A");
    git("commit", "-qm", "base");
    base = git("rev-parse", "HEAD");
    write("apps/minecraft/service-velocity.yaml", "kind: Service\nport: 25578\nextra: true\n");
    write("apps/monitoring/prometheusrule-minecraft.yaml", "kind: PrometheusRule\n");
    unlinkSync(join(repo, "argocd/applications/application-minecraft.yaml"));
    renameSync(
      join(repo, "apps/minecraft/configmap-old.yaml"),
      join(repo, "apps/minecraft/configmap-new.yaml"),
    );
    write("README.md", "outside the rendered folders\n");
    git("add", "-A");
    git("commit", "-qm", "change");
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it("counts added, changed, renamed and removed files per app, ignoring everything outside apps/ and argocd/", () => {
    const summary = manifestDiff(base, repo);
    expect(summary.startsWith(COMMENT_MARKER)).toBe(true);
    expect(summary).toContain("| `apps/minecraft` | 0 | 2 | 0 | +2 −1 |");
    expect(summary).toContain("| `apps/monitoring` | 1 | 0 | 0 | +1 −0 |");
    expect(summary).toContain("| `argocd` | 0 | 0 | 1 | +0 −1 |");
    expect(summary).toContain("- renamed `apps/minecraft/configmap-new.yaml` (+0 −0)");
    expect(summary).toContain("- removed `argocd/applications/application-minecraft.yaml` (+0 −1)");
    expect(summary).not.toContain("README");
  });

  it("says so when the rendered output does not change", () => {
    expect(manifestDiff("HEAD", repo)).toContain("No change to `apps/` or `argocd/`");
  });
});
