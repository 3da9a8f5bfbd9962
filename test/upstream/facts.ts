import { readFileSync } from "node:fs";

/**
 * Facts about the software we drive, each read in its source at the version we pin and transcribed
 * here with that source (`owner/repo@tag:path`). The contract tests check rendered output against
 * these, never against what the charts believe. docs/upstream-contracts.md lists every one; the
 * upstream files themselves are not copied into the repository (see that record, "Why facts").
 */
export interface Fact<T> {
  readonly source: string;
  readonly value: T;
}

/** The pinned versions the facts were read at; each must equal the pin in packages/config. */
export const FACT_VERSIONS = {
  "itzg/minecraft-server": "2025.10.2-java21",
  "itzg/mc-proxy": "2025.10.0-java21",
  "itzg/mc-monitor": "0.15.5",
  "sladkoff/minecraft-prometheus-exporter": "3.1.2",
  paper: "1.21.4",
  velocity: "3.4.0-SNAPSHOT",
} as const;

function envList(file: string): Set<string> {
  const text = readFileSync(new URL(`facts/${file}`, import.meta.url), "utf8");
  return new Set(text.split("\n").filter((line) => line && !line.startsWith("#")));
}

export const PAPER_IMAGE_ENV: Fact<ReadonlySet<string>> = {
  source:
    "itzg/docker-minecraft-server@2025.10.2:scripts/, itzg/docker-minecraft-server@2025.10.2:files/property-definitions.json, itzg/mc-image-helper@1.49.2:src/main/java",
  value: envList("itzg-minecraft-server@2025.10.2.env"),
};

export const PROXY_IMAGE_ENV: Fact<ReadonlySet<string>> = {
  source: "itzg/docker-mc-proxy@2025.10.0:scripts/, itzg/mc-image-helper@1.50.2:src/main/java",
  value: envList("itzg-mc-proxy@2025.10.0.env"),
};

/** Variables the server software itself reads, beyond the image's scripts. */
export const SERVER_ENV: Record<"paper" | "velocity", Fact<ReadonlySet<string>>> = {
  // GlobalConfiguration.Proxies.Velocity#postProcess: System.getenv("PAPER_VELOCITY_SECRET") replaces
  // proxies.velocity.secret when proxies.velocity.enabled is true.
  paper: {
    source:
      "PaperMC/Paper@ver/1.21.4:paper-server/src/main/java/io/papermc/paper/configuration/GlobalConfiguration.java",
    value: new Set(["PAPER_VELOCITY_SECRET"]),
  },
  // VelocityConfiguration#read: System.getenv().getOrDefault("VELOCITY_FORWARDING_SECRET", "") before
  // forwarding-secret-file.
  velocity: {
    source:
      "PaperMC/Velocity@69ee655d7490705f950699f9d3b0a206671456ab:proxy/src/main/java/com/velocitypowered/proxy/config/VelocityConfiguration.java",
    value: new Set(["VELOCITY_FORWARDING_SECRET"]),
  },
};

/**
 * mc-monitor `export-for-prometheus`: go-flagsfiller with prefix "Export" turns Servers, BedrockServers
 * and Port into EXPORT_SERVERS, EXPORT_BEDROCK_SERVERS and EXPORT_PORT; Timeout carries its own
 * `env:"TIMEOUT"` tag (default 60s), so EXPORT_TIMEOUT is read by nothing.
 */
export const MC_MONITOR_EXPORT_ENV: Fact<ReadonlySet<string>> = {
  source: "itzg/mc-monitor@0.15.5:prom_cmd.go",
  value: new Set(["EXPORT_SERVERS", "EXPORT_BEDROCK_SERVERS", "EXPORT_PORT", "TIMEOUT"]),
};

/**
 * mc-image-helper `patch FILE_OR_DIR`: a directory is read as one PatchDefinition per `*.json`, a
 * file as one PatchSet (PatchCommand#loadPatchSet); a target file that does not exist is skipped
 * with a warning (PatchSetProcessor#processPatch). Unknown fields fail Jackson's mapping (exit 2).
 */
export const PATCH_MODEL: Fact<{
  readonly patchSet: readonly string[];
  readonly definition: { readonly required: readonly string[]; readonly optional: readonly string[] };
  readonly operations: Record<
    string,
    { readonly required: readonly string[]; readonly optional: readonly string[] }
  >;
}> = {
  source:
    "itzg/mc-image-helper@1.49.2:src/main/java/me/itzg/helpers/patch/PatchCommand.java, itzg/mc-image-helper@1.49.2:src/main/java/me/itzg/helpers/patch/model/",
  value: {
    patchSet: ["patches"],
    definition: { required: ["file", "ops"], optional: ["file-format"] },
    operations: {
      $set: { required: ["path", "value"], optional: ["value-type"] },
      $put: { required: ["path", "key", "value"], optional: ["value-type"] },
      $add: { required: ["path", "value"], optional: ["value-type"] },
    },
  },
};

/** Config keys, as dotted paths, that each program defines in the files we seed and patch. */
export const CONFIG_KEYS: Record<string, Fact<readonly string[]>> = {
  "config/paper-global.yml": {
    source:
      "PaperMC/Paper@ver/1.21.4:paper-server/src/main/java/io/papermc/paper/configuration/GlobalConfiguration.java",
    value: ["proxies.velocity.enabled", "proxies.velocity.online-mode", "proxies.velocity.secret"],
  },
  "spigot.yml": {
    source: "Shonz1/minecraft-default-configs@756b4c3911c7718acc6992a32075b59486c08851:1.21.4/spigot.yml",
    value: ["settings.bungeecord"],
  },
  // PrometheusExporterConfig: PluginConfig("host", "localhost"), PluginConfig("port", 9940), and one
  // `enable_metrics.<name>` per metric; the plugin reads nothing from the environment.
  "plugins/PrometheusExporter/config.yml": {
    source:
      "sladkoff/minecraft-prometheus-exporter@v3.1.2:src/main/java/de/sldk/mc/config/PrometheusExporterConfig.java",
    value: ["host", "port"],
  },
};

/**
 * Velocity's default configuration: its config-version and every key it ships. `servers` and
 * `forced-hosts` are maps of the operator's own names.
 */
export const VELOCITY_TOML: Fact<{
  readonly configVersion: string;
  readonly keys: readonly string[];
  readonly openTables: readonly string[];
}> = {
  source:
    "PaperMC/Velocity@69ee655d7490705f950699f9d3b0a206671456ab:proxy/src/main/resources/default-velocity.toml",
  value: {
    configVersion: "2.7",
    keys: [
      "config-version",
      "bind",
      "motd",
      "show-max-players",
      "online-mode",
      "force-key-authentication",
      "prevent-client-proxy-connections",
      "player-info-forwarding-mode",
      "forwarding-secret-file",
      "announce-forge",
      "kick-existing-players",
      "ping-passthrough",
      "enable-player-address-logging",
      "servers.try",
      "advanced.compression-threshold",
      "advanced.compression-level",
      "advanced.login-ratelimit",
      "advanced.connection-timeout",
      "advanced.read-timeout",
      "advanced.haproxy-protocol",
      "advanced.tcp-fast-open",
      "advanced.bungee-plugin-message-channel",
      "advanced.show-ping-requests",
      "advanced.failover-on-unexpected-server-disconnect",
      "advanced.announce-proxy-commands",
      "advanced.log-command-executions",
      "advanced.log-player-connections",
      "advanced.accepts-transfers",
      "query.enabled",
      "query.port",
      "query.map",
      "query.show-plugins",
    ],
    openTables: ["servers", "forced-hosts"],
  },
};

/**
 * cloud-init's module order on Debian and Ubuntu images (config/cloud.cfg.tmpl): runcmd only writes
 * its script in the config stage; scripts_user runs it at the end of the final stage.
 */
export const CLOUD_INIT_ORDER: Fact<readonly string[]> = {
  source: "canonical/cloud-init@25.3:config/cloud.cfg.tmpl",
  value: [
    "write_files",
    "apt_configure",
    "package_update_upgrade_install",
    "write_files_deferred",
    "scripts_user",
  ],
};

/**
 * Values keys of the pinned charts that we set, each found in the chart's values.yaml at its tag.
 * `passThrough` keys are handed to a custom resource whole (`toYaml`), so their children are the CRD's.
 */
export const HELM_VALUES: Record<
  string,
  Fact<{ readonly keys: readonly string[]; readonly passThrough: readonly string[] }>
> = {
  "kube-prometheus-stack": {
    source:
      "prometheus-community/helm-charts@kube-prometheus-stack-79.7.1:charts/kube-prometheus-stack/values.yaml",
    value: {
      keys: [
        "kubeControllerManager.enabled",
        "kubeScheduler.enabled",
        "kubeEtcd.enabled",
        "kubeProxy.enabled",
        "coreDns.enabled",
        "defaultRules.rules.etcd",
        "defaultRules.rules.kubeControllerManager",
        "defaultRules.rules.kubeSchedulerAlerting",
        "defaultRules.rules.kubeSchedulerRecording",
        "defaultRules.rules.kubeProxy",
        "defaultRules.rules.windows",
        "prometheusOperator.admissionWebhooks.enabled",
        "prometheusOperator.tls.enabled",
        "prometheus.prometheusSpec.retention",
        "prometheus.prometheusSpec.serviceMonitorSelectorNilUsesHelmValues",
        "prometheus.prometheusSpec.podMonitorSelectorNilUsesHelmValues",
        "prometheus.prometheusSpec.ruleSelectorNilUsesHelmValues",
        "prometheus.prometheusSpec.probeSelectorNilUsesHelmValues",
        "prometheus.prometheusSpec.scrapeConfigSelectorNilUsesHelmValues",
        "grafana.admin.existingSecret",
        "grafana.admin.userKey",
        "grafana.admin.passwordKey",
      ],
      passThrough: [
        "prometheus.prometheusSpec.storageSpec",
        "alertmanager.alertmanagerSpec.storage",
        "alertmanager.alertmanagerSpec.alertmanagerConfigMatcherStrategy",
      ],
    },
  },
  longhorn: {
    source: "longhorn/longhorn@v1.10.1:chart/values.yaml",
    value: { keys: ["persistence.defaultClass", "preUpgradeChecker.jobEnabled"], passThrough: [] },
  },
  metallb: {
    source: "metallb/metallb@v0.15.2:charts/metallb/values.schema.json",
    value: { keys: [], passThrough: [] },
  },
};
