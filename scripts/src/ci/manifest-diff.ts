import { execFileSync } from "node:child_process";

/**
 * `pnpm ci:manifest-diff <base>`: a Markdown summary of what a change does to the rendered
 * manifests, for the pull-request comment. Because `pnpm synth --check` guarantees the committed
 * apps/ and argocd/ are exactly what the config renders, the git diff of those folders *is* the
 * rendered-manifest diff.
 */

export const COMMENT_MARKER = "<!-- manifest-diff -->";
const FOLDERS = ["apps", "argocd"];

export interface FileChange {
  /** A added, M modified, D deleted, R renamed. */
  readonly status: "A" | "M" | "D" | "R";
  readonly path: string;
  readonly added: number;
  readonly removed: number;
}

/** Parses `git diff --name-status -z` and `git diff --numstat -z` (renames detected) into one list. */
export function parseGitDiff(nameStatus: string, numstat: string): FileChange[] {
  const lines = new Map<string, { added: number; removed: number }>();
  const stat = numstat.split("\0");
  for (let index = 0; index < stat.length - 1; ) {
    const [added, removed, path] = stat[index]!.split("\t");
    if (path === "") {
      // Rename: "added\tremoved\t" then old path, then new path.
      lines.set(stat[index + 2]!, { added: Number(added), removed: Number(removed) });
      index += 3;
    } else {
      lines.set(path!, { added: Number(added), removed: Number(removed) });
      index += 1;
    }
  }
  const changes: FileChange[] = [];
  const fields = nameStatus.split("\0");
  for (let index = 0; index < fields.length - 1; ) {
    const code = fields[index]!;
    const status = code[0] as FileChange["status"];
    const path = status === "R" ? fields[index + 2]! : fields[index + 1]!;
    index += status === "R" ? 3 : 2;
    const count = lines.get(path) ?? { added: 0, removed: 0 };
    changes.push({ status, path, added: count.added || 0, removed: count.removed || 0 });
  }
  return changes.sort((a, b) => a.path.localeCompare(b.path));
}

/** `apps/monitoring/x.yaml` → `apps/monitoring`; `argocd/applications/x.yaml` → `argocd`. */
function groupOf(path: string): string {
  const parts = path.split("/");
  return parts[0] === "apps" && parts.length > 2 ? `apps/${parts[1]}` : parts[0]!;
}

export function formatSummary(changes: readonly FileChange[]): string {
  const lines = [COMMENT_MARKER, "### Rendered manifests"];
  if (changes.length === 0) {
    lines.push("", "No change to `apps/` or `argocd/`: this PR does not change what ArgoCD deploys.");
    return `${lines.join("\n")}\n`;
  }
  const groups = new Map<string, FileChange[]>();
  for (const change of changes)
    groups.set(groupOf(change.path), [...(groups.get(groupOf(change.path)) ?? []), change]);
  lines.push("", "| Folder | Added | Changed | Removed | Lines |", "| --- | ---: | ---: | ---: | ---: |");
  for (const [group, files] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const count = (statuses: string) => files.filter((file) => statuses.includes(file.status)).length;
    const added = files.reduce((sum, file) => sum + file.added, 0);
    const removed = files.reduce((sum, file) => sum + file.removed, 0);
    lines.push(`| \`${group}\` | ${count("A")} | ${count("MR")} | ${count("D")} | +${added} −${removed} |`);
  }
  const marks: Record<FileChange["status"], string> = {
    A: "added",
    M: "changed",
    D: "removed",
    R: "renamed",
  };
  lines.push("", `<details><summary>${changes.length} files</summary>`, "");
  for (const change of changes) {
    lines.push(`- ${marks[change.status]} \`${change.path}\` (+${change.added} −${change.removed})`);
  }
  lines.push(
    "",
    "</details>",
    "",
    "ArgoCD applies these after merge; the deploy workflow then runs `pnpm verify`.",
  );
  return `${lines.join("\n")}\n`;
}

export function manifestDiff(base: string, cwd = process.cwd()): string {
  const git = (...args: string[]) =>
    execFileSync("git", ["diff", "-z", "--find-renames", ...args, `${base}...HEAD`, "--", ...FOLDERS], {
      cwd,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
  return formatSummary(parseGitDiff(git("--name-status"), git("--numstat")));
}

if (import.meta.main) {
  const base = process.argv[2];
  if (!base) {
    console.error("Usage: pnpm ci:manifest-diff <base-commit-or-ref>");
    process.exitCode = 2;
  } else {
    try {
      process.stdout.write(manifestDiff(base));
    } catch (error) {
      console.error(`manifest diff failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    }
  }
}
