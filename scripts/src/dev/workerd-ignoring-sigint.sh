#!/bin/sh
# `pnpm dev` starts workerd through this script (MINIFLARE_WORKERD_PATH). Ctrl-C in a terminal
# signals the whole foreground process group: workerd dying of it at once makes Miniflare report a
# crash and restart it while pnpm dev is closing it. Ignored here (the ignore survives exec), the
# signal reaches pnpm dev alone, which closes workerd itself.
trap '' INT
exec "$DEV_WORKERD_PATH" "$@"
