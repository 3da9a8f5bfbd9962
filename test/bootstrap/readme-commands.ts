import { readFileSync } from "node:fs";

const README = new URL("../../README.md", import.meta.url);
const HEADING = "### Bootstrap a fresh cluster";

/** The commands of the README's bootstrap block, in the order a new user types them. */
export function readmeBootstrapCommands(text = readFileSync(README, "utf8")): string[] {
  const section = text.indexOf(HEADING);
  if (section < 0) throw new Error(`README.md has no "${HEADING}" section`);
  const block = /```sh\n([\s\S]*?)```/.exec(text.slice(section));
  if (!block) throw new Error(`README.md's "${HEADING}" section has no sh block`);
  return block[1]!
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
}
