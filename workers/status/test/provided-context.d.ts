import type { HostileBehaviour } from "@mc-infra/slp/testing";

/** Values test/global-setup.ts starts in Node and hands to the tests running in workerd. */
declare module "vitest" {
  export interface ProvidedContext {
    /** The real Minecraft server every cron test pings. */
    minecraft: { host: string; port: number };
    /** A second real server the tests stop and start through `controlUrl`. */
    stoppable: { host: string; port: number };
    /** POST `${controlUrl}/stoppable/stop` or `/start`. */
    controlUrl: string;
    hostilePorts: Record<HostileBehaviour, number>;
    /** What minecraft-server-util's status() reads from `minecraft`, the reference for our parse. */
    reference: {
      version: { name: string; protocol: number };
      players: { online: number; max: number; sample: { name: string; id: string }[] };
      motd: { raw: string; clean: string; html: string };
      favicon: string | null;
    };
  }
}
