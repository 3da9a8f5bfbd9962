/**
 * An error the operator can act on: the CLI prints its message without a stack trace and exits 1.
 * Everything else is a bug and is printed with its stack.
 */
export class CliError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CliError";
  }
}

/** The `code` of a Node system error (ENOSPC, ECONNREFUSED, …), if it is one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "code" in error && typeof error.code === "string") {
    return error.code;
  }
  return undefined;
}

/**
 * Local file-system failures in words an operator acts on. Returns undefined for anything else, so
 * callers can chain it with their own explanations.
 */
export function explainFsError(error: unknown, what: string): string | undefined {
  const code = errorCode(error);
  const path =
    typeof error === "object" && error !== null && "path" in error ? String(error.path) : undefined;
  const where = path ? ` (${path})` : "";
  switch (code) {
    case "ENOSPC":
      return `disk full while ${what}${where}: free space on that volume and run again`;
    case "EDQUOT":
      return `disk quota exceeded while ${what}${where}`;
    case "EACCES":
    case "EPERM":
      return `permission denied while ${what}${where}: run as the user that owns the files`;
    case "EROFS":
      return `read-only file system while ${what}${where}`;
    case "ENOENT":
      return `no such file or directory while ${what}${where}`;
    default:
      return undefined;
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
