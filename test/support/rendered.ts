import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parseAllDocuments } from "yaml";
import type { Manifest } from "./validate-manifest.ts";

export const REPO_ROOT = new URL("../../", import.meta.url).pathname;

export interface RenderedFile {
  readonly path: string;
  readonly manifest: Manifest;
}

/** Every committed rendered object under apps/ and argocd/ (what ArgoCD will apply), except patch files. */
export function committedManifests(): RenderedFile[] {
  const files: RenderedFile[] = [];
  for (const top of ["apps", "argocd"]) {
    const dir = join(REPO_ROOT, top);
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith(".yaml") || entry.name.endsWith(".patch.yaml")) continue;
      const full = join(entry.parentPath, entry.name);
      for (const document of parseAllDocuments(readFileSync(full, "utf8"))) {
        if (document.errors.length > 0) throw new Error(`${full}: ${document.errors[0]!.message}`);
        files.push({ path: relative(REPO_ROOT, full), manifest: document.toJS() as Manifest });
      }
    }
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}
