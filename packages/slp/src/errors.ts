/**
 * Every way a Server List Ping can fail, as one closed set: the Worker records the kind as the
 * status's error class, so the page can say "timeout" rather than a stack trace.
 */
export type SlpErrorKind =
  /** The TCP connection could not be opened (refused, unreachable, DNS). */
  | "connect"
  /** The whole exchange did not finish within the deadline (silence, trickle, slow server). */
  | "timeout"
  /** The peer closed the connection before a complete answer. */
  | "closed"
  /** The connection broke with an error (reset by the peer). */
  | "reset"
  /** A VarInt ran past 5 bytes. */
  | "varint-too-long"
  /** A packet declared a length over the protocol limit. */
  | "packet-too-large"
  /** The status JSON is longer than the protocol's 32,767 characters. */
  | "response-too-large"
  /** The status string is not JSON. */
  | "invalid-json"
  /** The JSON or the packet framing is not a status response. */
  | "invalid-response"
  /** A packet id other than the one the protocol state allows, or a pong for another ping. */
  | "unexpected-packet";

export class SlpError extends Error {
  readonly kind: SlpErrorKind;

  constructor(kind: SlpErrorKind, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "SlpError";
    this.kind = kind;
  }
}

export function isSlpError(error: unknown): error is SlpError {
  return error instanceof SlpError;
}
