import { describe, expect, it } from "vitest";
import { asAdmin, call } from "./support/client.ts";

describe("public routes", () => {
  it("answers /api/pack/latest with a JSON 404 before the first upload", async () => {
    const response = await call("/api/pack/latest");
    expect(response.status).toBe(404);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(await response.json()).toEqual({ error: "no pack has been published yet" });
  });

  it("uploads a small pack", async () => {
    const body = new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]);
    const response = await call("/api/pack", asAdmin({ method: "PUT", body }));
    expect(response.status).toBe(201);
    console.log(await response.json());
  });
});
