import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { ADMIN_TOKEN_FOR_TESTS } from "./test/fixtures.ts";

// wrangler.jsonc lists ADMIN_TOKEN as a required secret; wrangler looks for it in the process
// environment and warns on every test file otherwise. A test value, not a credential.
process.env.ADMIN_TOKEN ??= ADMIN_TOKEN_FOR_TESTS;

// The Worker's own tests, run inside workerd. The peers they ping run in Node (test/global-setup.ts);
// the real server's loopback port reaches the Worker as its STATUS_TARGET binding.
export default defineConfig({
  plugins: [
    cloudflareTest(({ inject }) => ({
      wrangler: { configPath: "./wrangler.jsonc" },
      miniflare: {
        bindings: {
          STATUS_TARGET: `127.0.0.1:${inject("minecraft").port}`,
          ADMIN_TOKEN: ADMIN_TOKEN_FOR_TESTS,
        },
      },
    })),
  ],
  test: {
    name: "status-worker",
    include: ["test/*.test.ts"],
    globalSetup: ["./test/global-setup.ts"],
  },
});
