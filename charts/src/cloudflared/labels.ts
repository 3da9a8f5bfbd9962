/** cloudflared's pods; the Minecraft namespace admits game traffic from exactly these. */
export const CLOUDFLARED_SELECTOR = {
  "app.kubernetes.io/name": "cloudflared",
  "app.kubernetes.io/instance": "cloudflared",
} as const;
