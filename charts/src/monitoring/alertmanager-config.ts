import type { Construct } from "constructs";
import { ExternalCustomResource } from "../lib/external-custom-resource.ts";

export interface Matcher {
  readonly name: string;
  readonly value: string;
  /** @default "=" */
  readonly matchType?: "=" | "!=" | "=~" | "!~";
}

export interface DiscordReceiver {
  readonly name: string;
  /** The Secret (in the AlertmanagerConfig's namespace) and key holding the webhook URL. */
  readonly webhookSecret: { readonly name: string; readonly key: string };
  /** Go templates for the message, as Alertmanager's discord_config takes them. */
  readonly title?: string;
  readonly message?: string;
}

export interface AlertmanagerConfigProps {
  readonly name: string;
  readonly route: {
    readonly receiver: string;
    readonly matchers?: readonly Matcher[];
    readonly groupBy?: readonly string[];
    readonly groupWait?: string;
    readonly groupInterval?: string;
    readonly repeatInterval?: string;
  };
  readonly discordReceivers: readonly DiscordReceiver[];
}

/**
 * monitoring.coreos.com/v1alpha1 AlertmanagerConfig with Discord receivers. The webhook URL is
 * a reference to a Secret, never a value: the URL is a credential (anyone holding it can post).
 */
export class AlertmanagerConfig extends ExternalCustomResource {
  constructor(scope: Construct, id: string, props: AlertmanagerConfigProps) {
    const receivers = new Set(props.discordReceivers.map((receiver) => receiver.name));
    if (!receivers.has(props.route.receiver)) {
      throw new Error(
        `AlertmanagerConfig ${props.name}: route receiver "${props.route.receiver}" is not defined`,
      );
    }
    const { route } = props;
    super(scope, id, {
      apiVersion: "monitoring.coreos.com/v1alpha1",
      kind: "AlertmanagerConfig",
      metadata: { name: props.name },
      spec: {
        route: {
          receiver: route.receiver,
          ...(route.groupBy ? { groupBy: [...route.groupBy] } : {}),
          ...(route.groupWait ? { groupWait: route.groupWait } : {}),
          ...(route.groupInterval ? { groupInterval: route.groupInterval } : {}),
          ...(route.repeatInterval ? { repeatInterval: route.repeatInterval } : {}),
          ...(route.matchers
            ? {
                matchers: route.matchers.map((matcher) => ({
                  name: matcher.name,
                  value: matcher.value,
                  matchType: matcher.matchType ?? "=",
                })),
              }
            : {}),
        },
        receivers: props.discordReceivers.map((receiver) => ({
          name: receiver.name,
          discordConfigs: [
            {
              apiURL: { name: receiver.webhookSecret.name, key: receiver.webhookSecret.key },
              sendResolved: true,
              ...(receiver.title ? { title: receiver.title } : {}),
              ...(receiver.message ? { message: receiver.message } : {}),
            },
          ],
        })),
      },
    });
  }
}
