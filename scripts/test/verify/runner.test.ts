import { describe, expect, it } from "vitest";
import { type Check, fail, pass, skip } from "../../src/verify/check.ts";
import { exitCode, runChecks } from "../../src/verify/run-checks.ts";
import { formatTable } from "../../src/verify/table.ts";

const check = (name: string, run: Check["run"]): Check => ({ name, run });

describe("running checks", () => {
  it("keeps the order of the plan and times each check", async () => {
    const results = await runChecks([
      check("slow", async () => {
        await new Promise((resolve) => setTimeout(resolve, 60));
        return pass("done");
      }),
      check("fast", async () => pass("done")),
    ]);
    expect(results.map((result) => result.name)).toEqual(["slow", "fast"]);
    expect(results[0]!.durationMs).toBeGreaterThanOrEqual(50);
    expect(results[1]!.durationMs).toBeLessThan(results[0]!.durationMs);
  });

  it("turns a thrown error into a failed row with its message", async () => {
    const [result] = await runChecks([
      check("throws", async () => {
        throw new Error("connect ECONNREFUSED 127.0.0.1:1");
      }),
    ]);
    expect(result).toMatchObject({ status: "fail", detail: "connect ECONNREFUSED 127.0.0.1:1" });
  });

  it('shows the cause fetch hides behind "fetch failed"', async () => {
    const [result] = await runChecks([
      check("refused", async () => {
        throw new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:9") });
      }),
    ]);
    expect(result!.detail).toBe("fetch failed: connect ECONNREFUSED 127.0.0.1:9");
  });

  it("fails a check that overruns its deadline and aborts its signal", async () => {
    let aborted = false;
    const [result] = await runChecks(
      [
        check("hangs", (signal) => {
          signal.addEventListener("abort", () => {
            aborted = true;
          });
          return new Promise(() => {});
        }),
      ],
      { timeoutMs: 50 },
    );
    expect(result).toMatchObject({ status: "fail", detail: "timed out after 0.1s" });
    expect(aborted).toBe(true);
  });

  it("exits non-zero on any failure, and not for skips", () => {
    const row = (status: "pass" | "fail" | "skip") => ({ name: status, status, detail: "", durationMs: 1 });
    expect(exitCode([row("pass"), row("skip")])).toBe(0);
    expect(exitCode([row("pass"), row("fail"), row("skip")])).toBe(1);
  });
});

describe("the results table", () => {
  it("shows a mark, the name, the time and the detail per check, and a summary line", async () => {
    const results = await runChecks([
      check("Server List Ping play.example.net:25565", async () => pass("1.21.4, 3/200 players, 41 ms")),
      check("status: /api/status fresh and online", async () => fail("reports offline (checked 20 s ago)")),
      check("ArgoCD applications Synced and Healthy", async () => skip("no kubeconfig")),
    ]);
    const table = formatTable(results);
    const lines = table.split("\n");
    expect(lines[1]).toMatch(
      /^✓ {2}Server List Ping play\.example\.net:25565 +\d+ ms {2}1\.21\.4, 3\/200 players, 41 ms$/,
    );
    expect(lines[2]).toMatch(/^✗ {2}status: \/api\/status fresh and online +\d+ ms {2}reports offline/);
    expect(lines[3]).toMatch(/^– {2}ArgoCD applications Synced and Healthy +\d+ ms {2}no kubeconfig$/);
    expect(lines.at(-1)).toBe("verify: 1 passed, 1 failed, 1 skipped");
    expect(table).not.toContain("\u001b[");
    expect(formatTable(results, { colour: true })).toContain("\u001b[31m✗");
  });
});
