export {
  APPLICATIONS,
  type ApplicationDefinition,
  type HelmApplication,
  type RenderedApplication,
  WAVES,
} from "./applications.ts";
export { CLUSTER_SCOPED_KINDS, type ManifestObject } from "./lib/kinds.ts";
export { MANAGED_DIRS, type RenderedTree, renderNetwork } from "./render.ts";
export { diffTree, writeTree } from "./write.ts";
