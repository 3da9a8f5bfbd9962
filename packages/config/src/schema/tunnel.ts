import * as z from "zod";
import { hostname } from "./primitives.ts";

const httpRoute = z.strictObject({
  /** Public hostname, under the network's domain; gets a proxied CNAME to the Tunnel. */
  hostname,
  /** In-cluster origin, e.g. http://grafana.monitoring.svc.cluster.local:3000. */
  service: z.url({
    protocol: /^https?$/,
    error: "must be an http:// or https:// URL of an in-cluster service",
  }),
});

export const tunnelSchema = z.strictObject({
  /**
   * HTTP services the Tunnel publishes besides the Minecraft relay (a dashboard, a map). They are
   * public: protect anything private with an Access application of its own.
   * @default []
   */
  httpRoutes: z.array(httpRoute).default([]),
});
