import { expect } from "vitest";
import { asAdmin, call } from "./client.ts";

export interface PackJson {
  sha1: string;
  size: number;
  url: string;
  id: string;
  uploadedAt: string;
}

/** Uploads `bytes` with PUT /api/pack and returns the record, failing the test on any other status. */
export async function upload(bytes: Uint8Array<ArrayBuffer>, expectedStatus = 201): Promise<PackJson> {
  const response = await call("/api/pack", asAdmin({ method: "PUT", body: bytes }));
  expect(response.status, await response.clone().text()).toBe(expectedStatus);
  return response.json();
}

export async function latest(): Promise<PackJson | null> {
  const response = await call("/api/pack/latest");
  return response.status === 200 ? response.json() : null;
}
