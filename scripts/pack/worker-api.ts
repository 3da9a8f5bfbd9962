/** What the Worker answers for a published pack (`/api/pack/latest`). */
export interface PackRecord {
  readonly sha1: string;
  readonly size: number;
  readonly url: string;
  readonly id: string;
  readonly uploadedAt: string;
}

export interface WorkerTarget {
  /** The Worker's origin, e.g. https://rp.example.net. */
  readonly origin: string;
  readonly adminToken: string;
}

/** Turns a non-2xx answer into an error that says what the Worker said and what to check. */
export async function workerError(response: Response, action: string): Promise<Error> {
  const text = await response.text().catch(() => "");
  let detail = text;
  try {
    detail = (JSON.parse(text) as { error?: string }).error ?? text;
  } catch {
    // not JSON: keep the text as it came
  }
  const hint =
    response.status === 401
      ? " (check RESOURCE_PACK_ADMIN_TOKEN: it must equal the Worker's ADMIN_TOKEN secret)"
      : "";
  return new Error(`${action} failed: HTTP ${response.status}: ${detail.slice(0, 500)}${hint}`);
}
