export { freePort } from "./free-port.ts";
export {
  HOSTILE_BEHAVIOURS,
  type HostileBehaviour,
  type HostilePeer,
  startHostilePeer,
  startHostilePeers,
} from "./hostile-peers.ts";
export {
  type MinecraftServerOptions,
  type RunningMinecraftServer,
  startMinecraftServer,
} from "./minecraft-server.ts";
export { serverIconDataUrl, serverIconPng } from "./png.ts";
