import { writeFileSync } from "node:fs";

/**
 * Preloaded into a CLI child process (`node --import`): at exit, writes the process's peak resident
 * set size in bytes, as the kernel counted it (getrusage ru_maxrss), and its CPU seconds to
 * $MAX_RSS_FILE as `<bytes> <cpu seconds>`.
 */
const target = process.env.MAX_RSS_FILE;
if (target) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    writeFileSync(target, `${usage.maxRSS * 1024} ${(usage.userCPUTime + usage.systemCPUTime) / 1e6}`);
  });
}
