import { clusterSecrets, type Network } from "@mc-infra/config";

/**
 * Values for the pinned kube-prometheus-stack chart. Everything not set here is the chart's default:
 * Prometheus, Alertmanager, Grafana, kube-state-metrics and node-exporter with the upstream rules.
 */
export function kubePrometheusStackValues(network: Network): Record<string, unknown> {
  const grafanaAdmin = clusterSecrets(network).grafanaAdmin;
  // Not the worlds' class: that one retains volumes and backs them up like worlds.
  const storageClassName = network.cluster.longhorn.scratchStorageClassName;
  const volume = (size: string) => ({
    volumeClaimTemplate: {
      spec: { storageClassName, accessModes: ["ReadWriteOnce"], resources: { requests: { storage: size } } },
    },
  });
  return {
    // The chart would create Services for these in kube-system, a namespace the AppProject does not
    // admit, and on k3s/kubeadm home labs they listen on localhost only, so their "down" alerts would
    // fire forever.
    kubeControllerManager: { enabled: false },
    kubeScheduler: { enabled: false },
    kubeEtcd: { enabled: false },
    kubeProxy: { enabled: false },
    coreDns: { enabled: false },
    defaultRules: {
      rules: {
        etcd: false,
        kubeControllerManager: false,
        kubeSchedulerAlerting: false,
        kubeSchedulerRecording: false,
        kubeProxy: false,
        windows: false,
      },
    },
    prometheusOperator: {
      // The webhook's certificate Jobs are Helm hooks whose caBundle patch ArgoCD sees as drift on
      // every sync; our rules are checked by promtool in CI instead. The operator's TLS reuses the
      // webhook certificate, so it goes too (it would wait for a Secret that never comes).
      admissionWebhooks: { enabled: false },
      tls: { enabled: false },
    },
    prometheus: {
      prometheusSpec: {
        retention: network.monitoring.retention,
        storageSpec: volume(network.monitoring.storage),
        // Without these, Prometheus only loads objects labelled with the Helm release, and our
        // ServiceMonitors, PodMonitors and rules (another application) would be ignored.
        serviceMonitorSelectorNilUsesHelmValues: false,
        podMonitorSelectorNilUsesHelmValues: false,
        ruleSelectorNilUsesHelmValues: false,
        probeSelectorNilUsesHelmValues: false,
        scrapeConfigSelectorNilUsesHelmValues: false,
      },
    },
    alertmanager: {
      alertmanagerSpec: {
        // Our Discord route (an AlertmanagerConfig) applies to every alert, not only to alerts whose
        // namespace label is the route's own namespace, which is the operator's default.
        alertmanagerConfigMatcherStrategy: { type: "None" },
        // Silences survive a restart.
        storage: volume("1Gi"),
      },
    },
    grafana: {
      // The chart's default admin password is public knowledge; Pulumi writes this Secret instead.
      admin: {
        existingSecret: grafanaAdmin.name,
        userKey: grafanaAdmin.keys[0],
        passwordKey: grafanaAdmin.keys[1],
      },
    },
  };
}
