import { describe, expect, it } from "vitest";
import definition from "../../../network.config.ts";
import {
  bucketNames,
  type ConfigError,
  clusterSecrets,
  LONGHORN_BACKUP_PREFIX,
  longhornBackupTargetUrl,
  type NetworkOverride,
  resolveNetwork,
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
