import { parseArgs } from "node:util";
import { runVerify } from "../backup/verify.ts";
import { UsageError } from "../lib/cli-runner.ts";
import { CliError } from "../lib/errors.ts";
import { createS3Client } from "../lib/s3-client.ts";
import { s3SettingsFromEnv } from "../lib/s3-settings.ts";
import { type Command, S3_ENV } from "./command.ts";

export const command: Command = {
  usage: `Usage: pnpm backup:verify --server <name>... [--scratch <dir>]

Restores each server's newest backup into a scratch directory (default: the system temp dir) and
checks that it is a loadable world: level.dat parses as gzip NBT, region files have valid headers.
Exits non-zero if any server's backup fails.
${S3_ENV}`,
  async run(args, { reporter, signal }) {
    const { values } = parseArgs({
      args,
      options: {
        server: { type: "string", multiple: true, default: [] },
        scratch: { type: "string" },
      },
      strict: true,
    });
    if (values.server.length === 0) throw new UsageError("--server is required");
    const settings = s3SettingsFromEnv();
    const client = createS3Client(settings);
    const failed: string[] = [];
    for (const server of values.server) {
      try {
        const result = await runVerify({
          server,
          settings,
          client,
          reporter,
          signal,
          scratchDir: values.scratch,
        });
        for (const problem of result.problems) reporter.step(`${server}: ${problem}`);
        if (result.problems.length > 0) failed.push(`${server}/${result.manifest.id}`);
      } catch (error) {
        // One server's broken backup must not hide whether the others are good.
        if (!(error instanceof CliError)) throw error;
        reporter.step(`${server}: ${error.message}`);
        failed.push(server);
      }
    }
    if (failed.length > 0) throw new CliError(`verification FAILED for ${failed.join(", ")}`);
    reporter.step(`verified ${values.server.join(", ")}: each newest backup restores to a loadable world`);
    return 0;
  },
};
