// @ts-check
import { renameSync, rmSync, writeFileSync } from "node:fs";

/**
 * Writes `path` under a temporary name and renames it into place, so a concurrent reader sees the
 * old file or the new one, never half of one. A failed write leaves no temporary file behind.
 * @param {string} path
 * @param {string | Uint8Array} content
 */
export function writeAtomically(path, content) {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
