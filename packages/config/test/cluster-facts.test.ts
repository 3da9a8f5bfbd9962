import { describe, expect, it } from "vitest";
import definition from "../../../network.config.ts";
import {
  BUCKET_PREFIXES,
  bucketKeyOf,
  bucketNames,
  type ConfigError,
  clusterSecrets,
  LONGHORN_BACKUP_PREFIX,
  longhornBackupTargetUrl,
  NEVER_EXPIRE_PREFIXES,
  type NetworkOverride,
  resolveNetwork,
  resourcePackWorker,
  skriptGitSecretKeys,
  velocityLanService,
  velocityService,
} from "../src/index.ts";

const resolve = (override: NetworkOverride = {}) =>
  resolveNetwork({ ...definition, environments: { ...definition.environments, test: override } }, "test");

describe("cluster facts for the workloads", () => {
  it("gives the tunnel and the LAN separate Velocity Services, the LAN one on Minecraft's default port", () => {
    const network = resolve();
    expect(velocityService(network)).toMatchObject({ name: "velocity", port: 25577 });
    expect(velocityLanService(network)).toMatchObject({ name: "velocity-lan", port: 25565 });
  });

  it("tells each bucket of the network by its name alone, for checks that see only names", () => {
    for (const name of ["craftnet", "craftnet-staging", "assets-logs"]) {
      const names = bucketNames(resolve({ name }));
      for (const [key, bucket] of Object.entries(names)) expect(bucketKeyOf(bucket)).toBe(key);
    }
    expect(bucketKeyOf("someone-elses-bucket")).toBeUndefined();
  });

  it("keeps Longhorn's blocks and the packs out of every expiring prefix, and expires staged uploads", () => {
    const worker = resourcePackWorker(resolve());
    expect(NEVER_EXPIRE_PREFIXES.backups).toEqual([LONGHORN_BACKUP_PREFIX]);
    expect(NEVER_EXPIRE_PREFIXES.assets).toEqual([worker.packPrefix]);
    for (const expiring of [BUCKET_PREFIXES.worldBackups, worker.stagingPrefix]) {
      for (const kept of Object.values(NEVER_EXPIRE_PREFIXES).flat()) {
        expect(kept.startsWith(expiring) || expiring.startsWith(kept), `${expiring} vs ${kept}`).toBe(false);
      }
    }
    expect(worker.stagingExpiryDays).toBe(1);
  });

  it("points Longhorn's backup target at the backups bucket, under a prefix of its own", () => {
    const network = resolve();
    expect(longhornBackupTargetUrl(network)).toBe(
      `s3://${bucketNames(network).backups}@auto/${LONGHORN_BACKUP_PREFIX}`,
    );
  });

  it("lists the Skript repository's credentials Secret only for a private repository", () => {
    expect(clusterSecrets(resolve()).skriptGit).toBeUndefined();
    const secret = clusterSecrets(resolve({ skript: { credentialsSecret: "skript-git" } })).skriptGit;
    expect(secret).toMatchObject({
      name: "skript-git",
      namespace: "minecraft",
      keys: ["username", "password"],
    });
    expect(skriptGitSecretKeys("ssh://git@example.net/scripts.git")).toEqual(["ssh", "known_hosts"]);
  });

  it("refuses server names that would collide with a proxy Service or velocity.toml's try list", () => {
    for (const name of ["velocity-lan", "try"]) {
      const servers = definition.base.servers.map((server, index) =>
        index === 1 ? { ...server, name } : server,
      );
      const paths = (() => {
        try {
          resolve({ servers });
          return [];
        } catch (error) {
          return (error as ConfigError).problems.map((problem) => problem.path);
        }
      })();
      expect(paths, name).toContain("servers[1].name");
    }
  });
});
