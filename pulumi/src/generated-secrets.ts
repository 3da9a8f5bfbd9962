import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";

/**
 * A random secret kept only in Pulumi state (encrypted) and where it is delivered. Letters and
 * digits only: these end up in TOML, env files and shell commands, where quoting bites.
 */
export function generatedSecret(name: string, parent: pulumi.Resource, length = 48): pulumi.Output<string> {
  return pulumi.secret(new random.RandomPassword(name, { length, special: false }, { parent }).result);
}
