import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { EVERY_MINUTE, startCronTrigger } from "../../src/dev/cron-trigger.ts";
import { memoryLog } from "../../src/dev/log.ts";
import { waitFor } from "./processes.ts";

// A loopback node:http server in place of the Worker: what is under test is when and how the
// trigger calls `/__scheduled`; the status Worker's answer to it is tested in the local-stack test.
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function scheduledEndpoint() {
  const crons: string[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://worker");
    if (url.pathname === "/__scheduled") crons.push(url.searchParams.get("cron") ?? "");
    response.end("Ran scheduled event");
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`), crons };
}

describe("the local cron trigger", () => {
  it("fires every cron at start and repeats * * * * * each period until stopped", async () => {
    const worker = await scheduledEndpoint();
    const trigger = startCronTrigger({
      workerUrl: worker.url,
      crons: [EVERY_MINUTE, "0 3 * * *"],
      label: "status worker",
      log: memoryLog(),
      periodMs: 150,
    });
    await trigger.fireNow();
    expect(worker.crons.slice(0, 2).sort()).toEqual(["* * * * *", "0 3 * * *"]);
    await waitFor(() => worker.crons.length >= 4, "two periodic runs", 5000);
    await trigger.stop();
    const fired = worker.crons.length;
    expect(worker.crons.slice(2).every((cron) => cron === EVERY_MINUTE)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(worker.crons).toHaveLength(fired);
  });

  it("reports a Worker that refuses the trigger instead of failing silently", async () => {
    const log = memoryLog();
    const trigger = startCronTrigger({
      workerUrl: new URL("http://127.0.0.1:9/"),
      crons: ["0 3 * * *"],
      label: "status worker",
      log,
    });
    await trigger.fireNow();
    await trigger.stop();
    expect(log.lines).toEqual([expect.stringMatching(/^warn \[status worker\] cron "0 3 \* \* \*" failed/)]);
  });
});
