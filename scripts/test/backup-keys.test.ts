import { describe, expect, it } from "vitest";
import { archiveKey, backupIdFor, backupTime, classifyKey, manifestKey } from "../src/backup/keys.ts";
import { MIN_PART_SIZE, partSizeFor } from "../src/backup/part-size.ts";
import { parseRconAddress } from "../src/backup/rcon-session.ts";
import { excludeFilter } from "../src/backup/world-files.ts";

describe("backup keys", () => {
  it("sort by time: lexical order of the ids is chronological order", () => {
    const dates = [
      new Date("2025-12-31T23:59:59Z"),
      new Date("2025-01-02T03:04:05Z"),
      new Date("2026-01-01T00:00:00Z"),
      new Date("2025-01-02T03:04:06Z"),
    ];
    const ids = dates.map(backupIdFor);
    expect(ids[1]).toBe("20250102T030405Z");
    expect([...ids].sort()).toEqual([...dates].sort((a, b) => a.getTime() - b.getTime()).map(backupIdFor));
    expect(backupTime("20250102T030405Z").toISOString()).toBe("2025-01-02T03:04:05.000Z");
  });

  it("name archives and manifests under backups/<server>/ and recognise only those", () => {
    expect(archiveKey("survival", "20250102T030405Z", "zstd")).toBe(
      "backups/survival/20250102T030405Z.tar.zst",
    );
    expect(archiveKey("survival", "20250102T030405Z", "gzip")).toBe(
      "backups/survival/20250102T030405Z.tar.gz",
    );
    expect(manifestKey("lobby", "20250102T030405Z")).toBe("backups/lobby/20250102T030405Z.manifest.json");
    expect(classifyKey("lobby", "backups/lobby/20250102T030405Z.tar.zst")).toEqual({
      kind: "archive",
      id: "20250102T030405Z",
    });
    expect(classifyKey("lobby", "backups/lobby-2/20250102T030405Z.tar.zst")).toBeUndefined();
    expect(classifyKey("lobby", "backups/lobby/notes.txt")).toBeUndefined();
    expect(() => archiveKey("../etc", "20250102T030405Z", "zstd")).toThrow(/not a server name/);
  });
});

describe("part size", () => {
  it("is fixed per upload and keeps even a 200 GiB world under the 10 000-part limit", () => {
    expect(partSizeFor(300 * 1024 * 1024)).toBe(MIN_PART_SIZE);
    const huge = 200 * 1024 ** 3;
    const size = partSizeFor(huge);
    expect(size % (1024 * 1024)).toBe(0);
    expect(Math.ceil(huge / size)).toBeLessThanOrEqual(9000);
  });
});

describe("excludes", () => {
  it("match paths relative to the world directory, and an excluded folder takes its contents along", () => {
    const excluded = excludeFilter(["cache", "*.jar", "plugins/*.jar", "logs/"]);
    expect(excluded("cache")).toBe(true);
    expect(excluded("paper-1.21.4.jar")).toBe(true);
    expect(excluded("plugins/LuckPerms.jar")).toBe(true);
    expect(excluded("plugins/LuckPerms/config.yml")).toBe(false);
    expect(excluded("logs")).toBe(true);
    expect(excluded("world/region/r.0.0.mca")).toBe(false);
    expect(excluded("lost+found")).toBe(true);
  });
});

describe("--rcon", () => {
  it("takes host:port, defaults the port, and needs RCON_PASSWORD", () => {
    expect(parseRconAddress("survival.minecraft.svc.cluster.local:25575", "pw")).toEqual({
      host: "survival.minecraft.svc.cluster.local",
      port: 25575,
      password: "pw",
    });
    expect(parseRconAddress("localhost", "pw").port).toBe(25575);
    expect(() => parseRconAddress("host:99999", "pw")).toThrow(/not host:port/);
    expect(() => parseRconAddress("host:25575", undefined)).toThrow(/RCON_PASSWORD is not set/);
  });
});
