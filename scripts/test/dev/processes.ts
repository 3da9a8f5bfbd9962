import { readdirSync, readFileSync } from "node:fs";
import { connect } from "node:net";

/** Direct children of a process, from every thread's /proc children list (Linux). */
export function childPids(pid: number): number[] {
  const pids = new Set<number>();
  let tasks: string[] = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  for (const task of tasks) {
    const raw = readFileOrEmpty(`/proc/${pid}/task/${task}/children`);
    for (const child of raw.split(/\s+/).filter(Boolean)) pids.add(Number(child));
  }
  return [...pids];
}

/** Every process below `pid`, children first. */
export function descendantPids(pid: number): number[] {
  return childPids(pid).flatMap((child) => [child, ...descendantPids(child)]);
}

/** The process's name (`comm`), or undefined once it is gone. */
export function processName(pid: number): string | undefined {
  const name = readFileOrEmpty(`/proc/${pid}/comm`).trim();
  return name === "" ? undefined : name;
}

/** Alive: present and not a zombie waiting to be reaped. */
export function isAlive(pid: number): boolean {
  const stat = readFileOrEmpty(`/proc/${pid}/stat`);
  if (stat === "") return false;
  const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
  return state !== "Z" && state !== "X";
}

/** Resolves true when nothing accepts connections on the loopback port. */
export function refusesConnections(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}

/** Waits until `condition` holds, polling; fails with `what` after `timeoutMs`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function readFileOrEmpty(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}
