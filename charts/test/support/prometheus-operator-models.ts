import { PodMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor";
import { PrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule";
import { ServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor";
import { AlertmanagerConfig } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/AlertmanagerConfig";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { Service } from "kubernetes-models/v1/Service";
import type { ManifestObject } from "../../src/lib/kinds.ts";

type Model = new (data: never) => { validate(): void };

/** Published schema models for every kind the monitoring app renders. */
const MODELS: Record<string, Model> = {
  "apps/v1/Deployment": Deployment as unknown as Model,
  "v1/Service": Service as unknown as Model,
  "networking.k8s.io/v1/NetworkPolicy": NetworkPolicy as unknown as Model,
  "monitoring.coreos.com/v1/ServiceMonitor": ServiceMonitor as unknown as Model,
  "monitoring.coreos.com/v1/PodMonitor": PodMonitor as unknown as Model,
  "monitoring.coreos.com/v1/PrometheusRule": PrometheusRule as unknown as Model,
  "monitoring.coreos.com/v1alpha1/AlertmanagerConfig": AlertmanagerConfig as unknown as Model,
};

/** Throws with the schema's complaint if the object does not validate; fails on kinds without a model. */
export function validateAgainstSchema(object: ManifestObject): void {
  const key = `${object.apiVersion}/${object.kind}`;
  const Model = MODELS[key];
  if (!Model)
    throw new Error(
      `no schema model for ${key}: add one to charts/test/support/prometheus-operator-models.ts`,
    );
  new Model(structuredClone(object) as never).validate();
}
