// What test/support/global-setup.ts (Node) hands to the tests running in workerd.
declare module "vitest" {
  export interface ProvidedContext {
    /** Node's own SHA-1 of the big generated pack: the reference the Worker's hash must equal. */
    bigPackSha1: string;
  }
}

export {};
