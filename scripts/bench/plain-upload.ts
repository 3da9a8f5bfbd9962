import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Upload } from "@aws-sdk/lib-storage";
import { createS3Client } from "../src/lib/s3-client.ts";
import { s3SettingsFromEnv } from "../src/lib/s3-settings.ts";

/**
 * The benchmark's baseline, run as its own process like the backup: a plain lib-storage multipart
 * upload of an existing archive file, with the backup's part size and queue, nothing else.
 * Usage: node plain-upload.ts <file> <key> <partSize>
 */
const [file, key, partSize] = process.argv.slice(2);
const settings = s3SettingsFromEnv();
const { size } = await stat(file!);
await new Upload({
  client: createS3Client(settings),
  params: {
    Bucket: settings.bucket,
    Key: key!,
    Body: createReadStream(file!, { highWaterMark: 1024 * 1024 }),
    ContentLength: size,
  },
  partSize: Number(partSize),
  queueSize: 4,
}).done();
