import { writeFileSync } from "node:fs";

/**
 * Preloaded into a CLI child process (`node --import`): at exit, writes the process's peak resident
 * set size in bytes, as the kernel counted it (getrusage ru_maxrss), to $MAX_RSS_FILE.
 */
const target = process.env.MAX_RSS_FILE;
if (target) {
  process.on("exit", () => writeFileSync(target, String(process.resourceUsage().maxRSS * 1024)));
}
