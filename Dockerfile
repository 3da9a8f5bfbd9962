# syntax=docker/dockerfile:1
# The ops image: the backup, restore and log-shipping CLIs (scripts/src/cli.ts) on Node 22, run by
# the CronJobs and the restore Job. Build from the repository root:
#   docker build -t ghcr.io/<owner>/minecraft-infra-ops:<git sha> .   (CI: deploy.yml, job ops-image)
# and pin the tag in packages/config/src/images.ts (IMAGES.ops) or the network config's ops.image.

# Node 22, as the project runs everywhere: its zlib has zstd and it strips TypeScript types, so the
# sources run as they are, with no build step.
FROM node:22.23.3-slim AS deps
ENV COREPACK_ENABLE_DOWNLOAD_PROMPT=0 CI=true
WORKDIR /app
COPY . .
# Only the scripts package and what it depends on (the config package), production dependencies only.
RUN corepack enable && pnpm install --frozen-lockfile --prod --filter "@mc-infra/scripts..."

FROM node:22.23.3-slim
WORKDIR /app
COPY --from=deps /app/package.json /app/network.config.ts /app/tsconfig.base.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=deps /app/packages/config ./packages/config
COPY --from=deps /app/scripts/package.json ./scripts/package.json
COPY --from=deps /app/scripts/node_modules ./scripts/node_modules
COPY --from=deps /app/scripts/src ./scripts/src
# network.config.ts (read for defaults such as the retention) imports the config package from the
# root, which a filtered install does not link.
RUN mkdir -p node_modules/@mc-infra && ln -s ../../packages/config node_modules/@mc-infra/config
# glibc otherwise raises its mmap threshold after the first large free and serves every later part
# buffer from per-thread arenas that never shrink: tens of MiB of resident memory for nothing.
# The memory test runs the CLI with these same settings (scripts/test/helpers/run-cli.ts reads them here).
ENV MALLOC_ARENA_MAX=2 \
    MALLOC_MMAP_THRESHOLD_=131072 \
    NODE_ENV=production
# The itzg images' uid/gid, so the jobs can read (and the restore write) the world files.
USER 1000:1000
ENTRYPOINT ["node", "/app/scripts/src/cli.ts"]
CMD ["--help"]
