import { CliError, messageOf } from "../lib/errors.ts";
import type { BackupManifest } from "./manifest.ts";

/**
 * Tells the Pushgateway a backup completed (docs/adr/0004): PUT of the freshness gauges, in the
 * body format the alert rules are written against (`backupMetricsBody` in @mc-infra/config). Called
 * only after the manifest exists; a failed backup pushes nothing, so its staleness shows.
 */
export async function pushFreshness(url: string, manifest: BackupManifest, completedAt: Date): Promise<void> {
  // Loaded here, after the upload: the config package is not needed while memory matters most.
  const { backupMetricsBody } = await import("@mc-infra/config");
  const body = backupMetricsBody({
    completedAt,
    sizeBytes: manifest.archive.size,
    durationSeconds: manifest.durationSeconds,
  });
  let response: Response;
  try {
    response = await fetch(url, {
      method: "PUT",
      headers: { "content-type": "text/plain; version=0.0.4" },
      body,
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new CliError(
      `backup ${manifest.id} is stored, but the freshness metric could not be pushed to ${url}: ${messageOf(error)}`,
    );
  }
  if (!response.ok) {
    throw new CliError(
      `backup ${manifest.id} is stored, but the Pushgateway at ${url} answered ${response.status} ${response.statusText}`,
    );
  }
}
