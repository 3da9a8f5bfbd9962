import { beforeEach, describe, expect, it } from "vitest";
import { ADMIN_TOKEN_FOR_TESTS } from "./fixtures.ts";
import { freshState, getStatus, minuteAt, putConfig, request, runCron } from "./helpers.ts";

beforeEach(freshState);

describe("admin authentication", () => {
  it("refuses PUT /api/config without a token, asking for a bearer", async () => {
    const response = await putConfig({ maintenance: { enabled: true } }, null);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer /);
  });

  it.each([
    ["a wrong token of the same length", ADMIN_TOKEN_FOR_TESTS.replace(/.$/, "X")],
    ["a prefix of the token", ADMIN_TOKEN_FOR_TESTS.slice(0, 8)],
    ["the token with more appended", `${ADMIN_TOKEN_FOR_TESTS}x`],
  ])("refuses %s", async (_, token) => {
    expect((await putConfig({ maintenance: { enabled: true } }, token)).status).toBe(401);
    expect((await getStatus()).maintenance.enabled).toBe(false);
  });

  it("refuses everyone when no admin token is configured", async () => {
    const response = await request(
      "/api/config",
      { method: "PUT", headers: { authorization: "Bearer " }, body: "{}" },
      { ADMIN_TOKEN: "" },
    );
    expect(response.status).toBe(401);
  });

  it("keeps GET /api/config for admins too", async () => {
    expect((await request("/api/config")).status).toBe(401);
    const response = await request("/api/config", {
      headers: { authorization: `Bearer ${ADMIN_TOKEN_FOR_TESTS}` },
    });
    expect(await response.json()).toEqual({ maintenance: { enabled: false, message: "" }, customMotd: null });
  });
});

describe("PUT /api/config validation", () => {
  it.each([
    [{ maintenance: { enabled: "yes" } }, "maintenance.enabled"],
    [{ maintenence: { enabled: true } }, "maintenence"],
    [{ maintenance: { enabled: true, colour: "red" } }, "maintenance.colour"],
    [{ customMotd: "x".repeat(300) }, "customMotd"],
    [{ customMotd: 42 }, "customMotd"],
  ])("refuses %j naming %s", async (body, field) => {
    const response = await putConfig(body);
    expect(response.status).toBe(400);
    const problem = await response.json<{ error: string; issues: { field: string }[] }>();
    expect(problem.issues.map((issue) => issue.field)).toContain(field);
    expect(problem.error).toContain(field);
  });

  it("refuses a body that is not JSON", async () => {
    const response = await putConfig("maintenance=on");
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "body is not JSON" });
  });
});

describe("maintenance and custom MOTD", () => {
  it("reports maintenance and its message whatever the ping says", async () => {
    await runCron(minuteAt(Date.now()));
    const response = await putConfig({ maintenance: { enabled: true, message: "Back at 18:00 UTC <3" } });
    expect(response.status).toBe(200);

    const view = await getStatus();
    expect(view).toMatchObject({
      state: "maintenance",
      online: true,
      maintenance: { enabled: true, message: "Back at 18:00 UTC <3" },
    });
    const page = await (await request("/")).text();
    expect(page).toContain('data-testid="maintenance"');
    expect(page).toContain("Back at 18:00 UTC &lt;3");
    expect(await (await request("/badge.svg")).text()).toContain("<title>status: maintenance</title>");

    await putConfig({ maintenance: { enabled: false } });
    expect((await getStatus()).state).toBe("online");
  });

  it("reports maintenance even while the server does not answer", async () => {
    await runCron(minuteAt(Date.now()), { STATUS_TARGET: "127.0.0.1:1" });
    await putConfig({ maintenance: { enabled: true, message: "Moving to new hardware" } });
    expect(await getStatus()).toMatchObject({ state: "maintenance", online: false, error: "connect" });
    expect(await (await request("/badge.svg")).text()).toContain("<title>status: maintenance</title>");
  });

  it("replaces the server's MOTD in the API and on the page, until cleared", async () => {
    await runCron(minuteAt(Date.now()));
    await putConfig({ customMotd: "§cEvent tonight: §lBuild battle" });

    const view = await getStatus();
    expect(view.motd?.clean).toBe("Event tonight: Build battle");
    expect(view.motd?.raw).toBe("§cEvent tonight: §c§lBuild battle");
    const page = await (await request("/")).text();
    expect(page).toContain('<span style="color:#FF5555;font-weight:bold">Build battle</span>');

    // Setting maintenance leaves the custom MOTD in place.
    await putConfig({ maintenance: { enabled: true } });
    expect((await getStatus()).motd?.clean).toBe("Event tonight: Build battle");

    await putConfig({ customMotd: null });
    expect((await getStatus()).motd?.clean).toBe("CraftNet — Survival & Creative");
  });
});
