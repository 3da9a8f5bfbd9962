import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { agentSettingsFromEnv } from "../src/agent-env.ts";

const secretFile = (content: string) => {
  const file = join(mkdtempSync(join(tmpdir(), "agent-env-")), "gateway-secret");
  writeFileSync(file, content);
  return file;
};

describe("the health agent's environment", () => {
  it("reads the secret from its credential file and defaults to the local HAProxy", () => {
    const settings = agentSettingsFromEnv({ GATEWAY_SECRET_FILE: secretFile("abc\n") });
    expect(settings.agent.gatewaySecret).toBe("abc");
    expect(settings.agent.target).toEqual({ host: "127.0.0.1", port: 25565 });
    expect(settings.port).toBe(8443);
    expect(settings.agent.tls).toBeUndefined();
  });

  it("lists every problem at once: no secret file, a bad port, half a TLS pair", () => {
    const attempt = () => agentSettingsFromEnv({ HEALTH_PORT: "70000", TLS_CERT_FILE: secretFile("cert") });
    expect(attempt).toThrow(/GATEWAY_SECRET_FILE: must name the file/);
    expect(attempt).toThrow(/HEALTH_PORT: "70000" is not a port/);
    expect(attempt).toThrow(/TLS_CERT_FILE and TLS_KEY_FILE: set both or neither/);
  });

  it("refuses an empty secret file rather than accepting an empty header", () => {
    expect(() => agentSettingsFromEnv({ GATEWAY_SECRET_FILE: secretFile("\n") })).toThrow(
      /the file is empty/,
    );
  });
});
