# syntax=docker/dockerfile:1
#
# Kẻng image (DESIGN.md §9). Two stages:
#   build   – full `npm ci`, generates the Prisma client, type-checks the whole project, then
#             `npm run build`: the app compiled to JavaScript in dist/, with its assets beside it
#             (question bank, sandbox page, locales/, prisma/ — the repository's layout);
#   runtime – production dependencies only (prisma is a runtime dependency: the app applies
#             migrations with the Prisma CLI on start-up) and dist/ as /app; runs as the non-root
#             `node` user. Compiled JavaScript needs no TypeScript loader: one process holding
#             10,000 groups stays under 200 MB (BENCHMARKS.md, "memory"), where tsx costs ~60 MB more.
#
#   docker build -t keng .
#   docker run --rm -p 8080:8080 -e DATABASE_URL=… [-e REDIS_URL=…] keng   # no REDIS_URL: queues in PostgreSQL
#
# Install scripts of dependencies are skipped (--ignore-scripts), exactly as npm 11 does on the
# development and CI machines: @prisma/engines' postinstall would try to download native engines
# from Prisma's binary host, which this project never needs (PRISMA.md: wasm schema engine,
# `engineType = "client"`). The project's own postinstall (`prisma generate`) is run explicitly.

# Node 24, the maintained LTS line (Node 20 reaches end of life in 2026); package.json's engines
# still admit 20.19+ for `npm ci && npm start` on machines that have it.
ARG NODE_IMAGE=node:24-bookworm-slim

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV CI=true \
    CHECKPOINT_DISABLE=1 \
    PRISMA_HIDE_UPDATE_MESSAGE=1 \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false

# Dependencies first, so this layer is cached until package*.json or the schema change.
COPY package.json package-lock.json ./
COPY prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --ignore-scripts \
 && npx prisma generate

# Everything else (see .dockerignore), the type check of src/, test/, prisma/, configs, the build.
COPY . .
RUN npx tsc --noEmit -p . \
 && npm run build

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    PORT=8080 \
    CHECKPOINT_DISABLE=1 \
    PRISMA_HIDE_UPDATE_MESSAGE=1 \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false

COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts \
 && npm cache clean --force

# dist/ holds src/ compiled (with the generated Prisma client), locales/, prisma/, prisma.config.ts.
COPY --from=build /app/dist ./

# Files stay owned by root (read-only for the app).
USER node
EXPOSE 8080

# No curl in slim images: ask node. /healthz answers 200 when Postgres and Redis answer.
# The start period covers the first start, when `prisma migrate deploy` runs (10–25 s).
# A process started with KENG_ROLES without `http` has no HTTP server: disable the check for it.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

# Same as `npm run start:built`, but node is the process that receives SIGTERM, so `docker stop`
# triggers the app's graceful shutdown instead of killing npm. A 4 MB young generation keeps the
# resident size down (~30 MB) at no cost in send rate (BENCHMARKS.md).
CMD ["node", "--max-semi-space-size=4", "src/main.js"]
