/** The large upload of the tests: 150 MB, above the 100 MB request limit of the Free and Pro plans. */
export const BIG_PACK = { size: 150_000_000, seed: 0x5eed } as const;

export const ADMIN_TOKEN = "test-admin-token";
export const ORIGIN = "https://rp.example.net";

/**
 * The error an aborted upload's body fails with. workerd re-reports a request body's error as an
 * unhandled rejection of its own body pump, after the Worker has handled it; the config ignores
 * exactly this one.
 */
export const SIMULATED_DISCONNECT = "simulated client disconnect";
