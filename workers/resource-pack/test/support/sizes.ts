/** The large upload of the tests: 150 MB, above the 100 MB request limit of the Free and Pro plans. */
export const BIG_PACK = { size: 150_000_000, seed: 0x5eed } as const;

export const ADMIN_TOKEN = "test-admin-token";
export const ORIGIN = "https://rp.example.net";
