import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as z from "zod";

/** The local stack's folder (gitignored): Workers' KV/R2, s3rver's objects, the seed pack, stack.json. */
export const DEFAULT_STATE_DIR = ".dev";

/** Where a running stack says what it serves, for `pnpm verify --local` and other tools. */
export function stackFilePath(stateDir: string): string {
  return join(stateDir, "stack.json");
}

const address = z.object({ host: z.string(), port: z.number().int().min(1).max(65535) });

export const stackFileSchema = z.object({
  /** The process serving the stack; a file whose process is gone describes nothing. */
  pid: z.number().int().positive(),
  startedAt: z.iso.datetime(),
  configFile: z.string(),
  environment: z.string(),
  network: z.string(),
  minecraft: address,
  ingressNodes: z.array(z.object({ name: z.string(), healthUrl: z.url() })).min(1),
  resourcePackUrl: z.url(),
  statusUrl: z.url(),
  s3: z.object({
    endpoint: z.url(),
    accessKeyId: z.string(),
    secretAccessKey: z.string(),
    buckets: z.array(z.string()),
  }),
  /** This run's credentials: the file is readable by its owner only. */
  secrets: z.object({
    resourcePackAdminToken: z.string().min(1),
    statusAdminToken: z.string().min(1),
    gatewaySecret: z.string().min(1),
  }),
});

export type StackFile = z.infer<typeof stackFileSchema>;

/** Written whole (temporary file, then rename) and owner-only: it holds this run's tokens. */
export async function writeStackFile(path: string, stack: StackFile): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(stack, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, path);
}

/** Removes the file if it still describes this process's stack (a newer stack may have replaced it). */
export async function removeStackFile(path: string, pid = process.pid): Promise<void> {
  const current = await readFile(path, "utf8").catch(() => undefined);
  if (current === undefined) return;
  try {
    if ((JSON.parse(current) as { pid?: unknown }).pid !== pid) return;
  } catch {
    // unreadable: ours was written whole, so this is not ours
    return;
  }
  await rm(path, { force: true });
}

/** There is no running local stack to read (none started, or it was stopped): says how to start one. */
export class NoLocalStackError extends Error {}

/** The running local stack, or a NoLocalStackError saying how to start one. */
export async function readStackFile(path: string): Promise<StackFile> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new NoLocalStackError(
        `no local stack is running (${path} does not exist): start one with \`pnpm dev\``,
      );
    }
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${path} is not JSON: restart \`pnpm dev\` to rewrite it`);
  }
  const parsed = stackFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${path}: ${issue.path.join(".") || "(file)"} ${issue.message}; restart \`pnpm dev\``);
  }
  if (!isRunning(parsed.data.pid)) {
    throw new NoLocalStackError(
      `the local stack described by ${path} (pid ${parsed.data.pid}) is not running any more: start it with \`pnpm dev\``,
    );
  }
  return parsed.data;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
