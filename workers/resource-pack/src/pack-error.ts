/** A failure the client can act on, with the HTTP status that says which. */
export class PackError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.name = "PackError";
    this.status = status;
  }
}
