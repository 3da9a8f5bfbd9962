import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { type RunningMinecraftServer, serverIconDataUrl, startMinecraftServer } from "@mc-infra/slp/testing";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalStatusWorker, startLocalStatusWorker, WORKER_DIR } from "../../testing/index.ts";
import { ADMIN_TOKEN_FOR_TESTS, SERVER_FIXTURE } from "../fixtures.ts";

/** Debian's chromium (installed by .ci/run), never a browser download. */
const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const ARTIFACTS = join(WORKER_DIR, "test-artifacts");
/** A fresh machine may lack the browser: skip loudly there; CI installs it and must run this. */
const browserMissing = !existsSync(CHROMIUM) && !process.env.CI;
if (browserMissing) {
  console.warn(
    "\n!!! chromium not found: the status page browser tests are SKIPPED on this machine.\n" +
      "!!! Install it with `apt-get install -y chromium` (CI installs it in .ci/run).\n",
  );
}

/** The text as the page shows it: innerText follows the rendering (hidden parts, line breaks), as a reader does. */
function seen(page: Page, testId: string): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what is under test
  return page.getByTestId(testId).innerText();
}

describe.skipIf(browserMissing)("the status page in headless Chromium", () => {
  let minecraft: RunningMinecraftServer;
  let worker: LocalStatusWorker;
  let browser: Browser;

  beforeAll(async () => {
    minecraft = await startMinecraftServer({
      ...SERVER_FIXTURE,
      sample: [...SERVER_FIXTURE.sample],
      favicon: serverIconDataUrl(),
    });
    [worker, browser] = await Promise.all([
      startLocalStatusWorker({
        statusTarget: `${minecraft.host}:${minecraft.port}`,
        adminToken: ADMIN_TOKEN_FOR_TESTS,
      }),
      chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS }),
    ]);
    await mkdir(ARTIFACTS, { recursive: true });
    await worker.check();
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), worker?.close(), minecraft?.stop()]);
  });

  async function open(viewport: { width: number; height: number }): Promise<Page> {
    const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
    const response = await page.goto(worker.url.href);
    expect(response?.status()).toBe(200);
    return page;
  }

  it("shows the server's MOTD in its colours and the player count", async () => {
    const page = await open({ width: 1024, height: 720 });
    await expect.poll(() => seen(page, "motd")).toBe("CraftNet — Survival & Creative");
    expect(await seen(page, "players")).toBe(`${SERVER_FIXTURE.onlinePlayers}/${SERVER_FIXTURE.maxPlayers}`);
    expect(await seen(page, "state")).toBe("Online");
    // §6§l: gold and bold, as the client draws it.
    const craft = page.getByTestId("motd").locator("span").first();
    expect(await craft.evaluate((node) => getComputedStyle(node).color)).toBe("rgb(255, 170, 0)");
    expect(await craft.evaluate((node) => getComputedStyle(node).fontWeight)).toBe("700");
    // The server icon decoded as a 64×64 image, not a broken one.
    const icon = page.locator("img.icon");
    expect(await icon.evaluate((node) => (node as HTMLImageElement).naturalWidth)).toBe(64);
    await page.screenshot({ path: join(ARTIFACTS, "status-page.png"), fullPage: true });
    await page.close();
  });

  it("fits a phone screen without sideways scrolling", async () => {
    const page = await open({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await page.getByTestId("players").isVisible()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, "status-page-phone.png"), fullPage: true });
    await page.close();
  });

  it("draws the badge as an image a README can embed", async () => {
    const page = await browser.newPage({ viewport: { width: 300, height: 60 } });
    await page.setContent(`<img id="badge" src="${new URL("/badge.svg", worker.url).href}">`);
    const badge = page.locator("#badge");
    await expect
      .poll(() => badge.evaluate((node) => (node as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(60);
    await badge.screenshot({ path: join(ARTIFACTS, "badge.png") });
    await page.close();
  });

  it("shows the maintenance banner once an admin turns maintenance on", async () => {
    const response = await fetch(new URL("/api/config", worker.url), {
      method: "PUT",
      headers: { authorization: `Bearer ${ADMIN_TOKEN_FOR_TESTS}`, "content-type": "application/json" },
      body: JSON.stringify({ maintenance: { enabled: true, message: "Map reset — back at 18:00 UTC" } }),
    });
    expect(response.status).toBe(200);
    const page = await open({ width: 1024, height: 720 });
    expect(await seen(page, "maintenance")).toBe("Maintenance — Map reset — back at 18:00 UTC");
    expect(await seen(page, "state")).toBe("Maintenance");
    await page.screenshot({ path: join(ARTIFACTS, "status-page-maintenance.png"), fullPage: true });
    await page.close();
  });
});
