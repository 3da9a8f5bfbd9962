import { defineNetwork } from "@mc-infra/config";

/**
 * The example network: the single source of truth for the cluster manifests (`pnpm synth`), the
 * Cloudflare edge (`pulumi up`) and the Workers (`wrangler deploy`). Edit here, never downstream.
 * Addresses use the documentation ranges (RFC 5737) and example.net; replace them with yours.
 */
export default defineNetwork({
  defaultEnvironment: "production",
  base: {
    name: "craftnet",
    domain: "example.net",
    cluster: {
      namespaces: {},
      metallb: { addresses: ["192.168.1.240-192.168.1.250"], proxyVip: "192.168.1.240" },
      longhorn: { replicaCount: 2 },
      lanCidr: "192.168.1.0/24",
    },
    proxy: {
      velocityVersion: "3.4.0-SNAPSHOT",
      // renovate: datasource=custom.papermc-velocity depName=3.4.0-SNAPSHOT
      velocityBuild: 559,
      replicas: 2,
      memory: { limit: "1Gi", heap: "768M" },
      cpu: { request: "250m", limit: "2" },
      forcedHosts: { "survival.example.net": ["survival"] },
      try: ["lobby"],
      proxyProtocol: true,
      motd: "<green>craftnet</green> — lobby, survival",
      showMaxPlayers: 200,
    },
    servers: [
      {
        name: "lobby",
        paperVersion: "1.21.4",
        memory: { limit: "3Gi", heap: "2G" },
        disk: "10Gi",
        plugins: [{ modrinth: "luckperms", version: "v5.4.145-bukkit" }],
        properties: {
          motd: "craftnet lobby",
          gamemode: "adventure",
          difficulty: "peaceful",
          maxPlayers: 200,
          pvp: false,
        },
        eula: true,
      },
      {
        name: "survival",
        paperVersion: "1.21.4",
        memory: { limit: "8Gi", heap: "6G" },
        cpu: { request: "2", limit: "4" },
        disk: "50Gi",
        plugins: [
          { modrinth: "luckperms", version: "v5.4.145-bukkit" },
          { modrinth: "skript", version: "2.9.5" },
        ],
        properties: { motd: "craftnet survival", difficulty: "hard", viewDistance: 12, maxPlayers: 100 },
        eula: true,
        stopDurationSeconds: 90,
      },
    ],
    skript: { repo: "https://github.com/example/minecraft-project-skript.git", branch: "main" },
    edge: {
      minecraftHostname: "play.example.net",
      tunnelHostname: "mc-tunnel.example.net",
      resourcePackHostname: "rp.example.net",
      statusHostname: "status.example.net",
    },
    ingressNodes: {
      primary: { name: "vps-primary", publicIp: "203.0.113.10" },
      standby: { name: "vps-standby", publicIp: "198.51.100.20" },
    },
    backups: { retentionDays: 30 },
    logs: { retentionDays: 90 },
    argocd: { repoURL: "https://github.com/example/minecraft-project-infra.git", targetRevision: "main" },
  },
  environments: {
    production: {},
    staging: {
      name: "craftnet-staging",
      cluster: {
        metallb: { addresses: ["192.168.2.240-192.168.2.245"], proxyVip: "192.168.2.240" },
        longhorn: { replicaCount: 1 },
      },
      proxy: { replicas: 1 },
      edge: {
        minecraftHostname: "play.staging.example.net",
        tunnelHostname: "mc-tunnel.staging.example.net",
        resourcePackHostname: "rp.staging.example.net",
        statusHostname: "status.staging.example.net",
      },
      argocd: { targetRevision: "staging" },
    },
    // `pnpm dev`: the network on one machine. Names only — the local stack binds everything to
    // 127.0.0.1 on ports of its own and points the Workers there at run time. Nothing here may name
    // a production address: a command run with `--env local` must not reach the real network.
    local: {
      name: "craftnet-local",
      edge: {
        minecraftHostname: "play.local.example.net",
        tunnelHostname: "mc-tunnel.local.example.net",
        resourcePackHostname: "rp.local.example.net",
        statusHostname: "status.local.example.net",
      },
      ingressNodes: {
        primary: { name: "local-primary", publicIp: "127.0.0.1" },
        standby: { name: "local-standby", publicIp: "127.0.0.2" },
      },
    },
  },
});
