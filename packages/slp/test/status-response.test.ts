import { describe, expect, it } from "vitest";
import { SlpError } from "../src/errors.ts";
import { parseStatusJson } from "../src/status-response.ts";

const minimal = { version: { name: "Paper 1.21.4", protocol: 769 }, players: { online: 0, max: 20 } };

function failure(text: string): SlpError {
  try {
    parseStatusJson(text);
  } catch (error) {
    if (error instanceof SlpError) return error;
    throw error;
  }
  throw new Error("parsed without an error");
}

describe("status JSON", () => {
  it("names the missing field of a response that is JSON but not a status", () => {
    const error = failure(JSON.stringify({ version: { name: "x", protocol: 1 } }));
    expect(error.kind).toBe("invalid-response");
    expect(error.message).toContain("players");
  });

  it("names a field of the wrong type", () => {
    const error = failure(JSON.stringify({ ...minimal, players: { online: "many", max: 20 } }));
    expect(error.kind).toBe("invalid-response");
    expect(error.message).toContain("players.online");
  });

  it("keeps only PNG data URLs as the favicon, joining wrapped base64", () => {
    const icon = (favicon: string) => parseStatusJson(JSON.stringify({ ...minimal, favicon })).favicon;
    expect(icon("data:image/png;base64,iVBORw0K\nGgo=")).toBe("data:image/png;base64,iVBORw0KGgo=");
    expect(icon("https://tracker.example/pixel.png")).toBeNull();
    expect(icon('data:image/png;base64,x" onerror="alert(1)')).toBeNull();
  });

  it("treats a missing sample and description as empty", () => {
    const status = parseStatusJson(JSON.stringify(minimal));
    expect(status.players.sample).toEqual([]);
    expect(status.motd).toEqual({ raw: "", clean: "", html: "" });
  });
});
