/**
 * Since Argo CD 1.8 an Application has no health of its own, so in an app-of-apps the parent marks
 * a sync wave done as soon as the child Application objects exist, not when their resources are
 * healthy: MetalLB's IPAddressPool would race MetalLB's CRDs. This health check, added to argocd-cm
 * once at bootstrap, restores the wait (Argo CD's documented 1.7→1.8 upgrade note).
 */
export const APPLICATION_HEALTH_LUA = `hs = {}
hs.status = "Progressing"
hs.message = ""
if obj.status ~= nil then
  if obj.status.health ~= nil then
    hs.status = obj.status.health.status
    if obj.status.health.message ~= nil then
      hs.message = obj.status.health.message
    end
  end
end
return hs
`;

/** A strategic-merge patch for argocd-cm: `kubectl -n argocd patch configmap argocd-cm --patch-file …`. */
export function argocdConfigPatch(): Record<string, unknown> {
  return { data: { "resource.customizations.health.argoproj.io_Application": APPLICATION_HEALTH_LUA } };
}
