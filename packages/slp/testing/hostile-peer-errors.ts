import type { SlpErrorKind } from "../src/errors.ts";
import type { HostileBehaviour } from "./hostile-peers.ts";

/**
 * The typed error each hostile peer must end in, for every client of the ping (Node and the Worker).
 * Type-only imports: workerd loads this file, and the peers themselves need Node's sockets.
 */
export const HOSTILE_PEER_ERRORS: Readonly<Record<HostileBehaviour, SlpErrorKind>> = {
  "varint-too-long": "varint-too-long",
  "length-over-limit": "packet-too-large",
  "json-too-long": "response-too-large",
  "json-length-over-limit": "response-too-large",
  "invalid-json": "invalid-json",
  silent: "timeout",
  trickle: "timeout",
  reset: "reset",
  "closes-early": "closed",
  "wrong-packet-id": "unexpected-packet",
  "wrong-pong": "unexpected-packet",
};
