import * as z from "zod";
import { IMAGES } from "../images.ts";
import { pinnedImage } from "./primitives.ts";

export const opsSchema = z.strictObject({
  /**
   * The ops image (backup, restore and log-shipping CLIs), built from the root Dockerfile.
   * @default IMAGES.ops
   */
  image: pinnedImage.default(IMAGES.ops),
});
