import { type Check, fail, pass } from "../check.ts";
import { fetchText } from "../http.ts";

/**
 * An admin endpoint refuses a request without credentials with 401, before it looks at the body
 * (an empty one is sent). Anything else, even a 4xx about the body, means the auth check is not first.
 */
export function adminAuthCheck(label: string, method: string, url: string): Check {
  return {
    name: `${label}: ${method} ${new URL(url).pathname} without token → 401`,
    run: async (signal) => {
      const response = await fetchText(url, { method, signal, body: "" });
      if (response.status === 401) return pass("401");
      return fail(`expected 401, got ${response.status}`);
    },
  };
}
