import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface SelfSignedCertificate {
  readonly cert: Buffer;
  readonly key: Buffer;
}

/**
 * A throwaway P-256 certificate for the health agent's HTTPS listener, as the VPS makes its own at
 * first boot. Uses the machine's openssl (in the base image; the VPS installs it too).
 */
export function selfSignedCertificate(commonName: string): SelfSignedCertificate {
  const dir = mkdtempSync(join(tmpdir(), "agent-tls-"));
  try {
    const key = join(dir, "key.pem");
    const cert = join(dir, "cert.pem");
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        "1",
      ].concat(["-subj", `/CN=${commonName}`, "-keyout", key, "-out", cert]),
      { stdio: "ignore" },
    );
    return { cert: readFileSync(cert), key: readFileSync(key) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
