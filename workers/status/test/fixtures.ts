/** The real server's answer, shared by the global setup (which serves it) and the tests (which expect it). */
export const SERVER_FIXTURE = {
  motd: "§6§lCraft§bNet §7— §aSurvival §8& §dCreative",
  maxPlayers: 100,
  onlinePlayers: 12,
  sample: [
    { name: "Alex", id: "ec561538-f3fd-461d-aff5-086b22154bce" },
    { name: "Steve", id: "8667ba71-b85a-4004-af54-457a9734eed7" },
  ],
} as const;

export const ADMIN_TOKEN_FOR_TESTS = "test-admin-token-not-a-secret";
