#!/bin/sh
# Writes the network's current resource pack into server.properties before Paper starts, so no one
# copies a hash by hand. Runs as an init container; when the edge cannot be reached, or answers
# anything but a well-formed pack record, the values from the last start stay as they are and the
# server starts anyway.
#
# Environment:
#   RESOURCE_PACK_LATEST_URL       https://<resource-pack host>/api/pack/latest (required)
#   RESOURCE_PACK_ORIGIN           where pack URLs must point: https://<resource-pack host>
#                                  (default: the origin of RESOURCE_PACK_LATEST_URL)
#   RESOURCE_PACK_REQUIRED         true|false: require-resource-pack
#   RESOURCE_PACK_PROMPT           resource-pack-prompt as a JSON text component (optional)
#   SERVER_PROPERTIES              the file to update (default /data/server.properties)
#   RESOURCE_PACK_TIMEOUT_SECONDS  how long the edge may take to answer (default 10)
set -eu

: "${RESOURCE_PACK_LATEST_URL:?must be set}"
origin="${RESOURCE_PACK_ORIGIN:-$(printf '%s' "$RESOURCE_PACK_LATEST_URL" | sed 's#^\([a-z]*://[^/]*\).*#\1#')}"
properties="${SERVER_PROPERTIES:-/data/server.properties}"
timeout="${RESOURCE_PACK_TIMEOUT_SECONDS:-10}"
# Scratch files beside server.properties: the container's root filesystem is read-only.
wanted="$properties.wanted"
trap 'rm -f "$wanted" "$properties.tmp"' EXIT
: >"$wanted"

log() { echo "resource-pack-init: $*" >&2; }

fetch() {
  if command -v curl >/dev/null 2>&1; then
    curl --fail --silent --show-error --location --max-time "$timeout" --max-filesize 65536 "$1"
  else
    wget -q -T "$timeout" -O - "$1"
  fi
}

# The value of a top-level string field of the Worker's flat JSON record.
field() {
  printf '%s' "$record" | tr -d '\n' | sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\"\([^\"\\\\]*\)\".*/\1/p"
}

# Only these settings come from config and always apply.
case "${RESOURCE_PACK_REQUIRED:-false}" in
  true | false) echo "require-resource-pack=${RESOURCE_PACK_REQUIRED:-false}" >>"$wanted" ;;
  *) log "RESOURCE_PACK_REQUIRED must be true or false" && exit 1 ;;
esac
if [ -n "${RESOURCE_PACK_PROMPT:-}" ]; then
  # Properties files treat a backslash as an escape; double it so the JSON survives.
  printf 'resource-pack-prompt=%s\n' "$(printf '%s' "$RESOURCE_PACK_PROMPT" | tr -d '\n' | sed 's/\\/\\\\/g')" >>"$wanted"
fi

if record="$(fetch "$RESOURCE_PACK_LATEST_URL" 2>/dev/null)"; then
  sha1="$(field sha1)"
  url="$(field url)"
  id="$(field id)"
  # Strict shapes: whatever reaches server.properties is exactly a hash, the Worker's own URL for
  # that hash (nothing another host or a misconfigured Worker could point clients at) and a UUID.
  if printf '%s' "$sha1" | grep -Eq '^[0-9a-f]{40}$' &&
    [ "$url" = "$origin/packs/$sha1.zip" ] &&
    printf '%s' "$id" | grep -Eq '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'; then
    # Properties files escape ':' in values; Minecraft reads both forms, and writes this one itself.
    printf 'resource-pack=%s\n' "$(printf '%s' "$url" | sed 's/:/\\:/g')" >>"$wanted"
    printf 'resource-pack-sha1=%s\nresource-pack-id=%s\n' "$sha1" "$id" >>"$wanted"
    log "pack $sha1 from $RESOURCE_PACK_LATEST_URL"
  else
    log "unexpected answer from $RESOURCE_PACK_LATEST_URL; keeping the last known pack"
  fi
else
  log "cannot fetch $RESOURCE_PACK_LATEST_URL (no pack published yet, or the edge is unreachable); keeping the last known pack"
fi

# Replace the wanted keys in place (or append them), keep every other line, swap the file atomically.
touch "$properties"
awk '
  NR == FNR { key = substr($0, 1, index($0, "=") - 1); want[key] = $0; order[++n] = key; next }
  {
    key = $0; sub(/[ \t]*[=:].*/, "", key)
    if (key in want) { if (!(key in done)) print want[key]; done[key] = 1; next }
    print
  }
  END { for (i = 1; i <= n; i++) if (!(order[i] in done)) print want[order[i]] }
' "$wanted" "$properties" >"$properties.tmp"
mv "$properties.tmp" "$properties"
