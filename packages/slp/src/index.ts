export {
  type Address,
  type ByteStream,
  type Dial,
  type PingOptions,
  type PingResult,
  ping,
} from "./client.ts";
export { isSlpError, SlpError, type SlpErrorKind } from "./errors.ts";
export {
  DEFAULT_TIMEOUT_MS,
  MAX_PACKET_BYTES,
  MAX_STATUS_JSON_BYTES,
  MAX_STATUS_JSON_CHARS,
  MAX_VARINT_BYTES,
} from "./limits.ts";
export { escapeHtml, type Motd, type MotdSegment, parseMotd, renderMotd } from "./motd.ts";
export { type PlayerSample, parseStatusJson, type ServerStatus } from "./status-response.ts";
