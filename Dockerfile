# syntax=docker/dockerfile:1
# One image for the api and the worker. They run TypeScript through tsx, a devDependency, so the
# image keeps the full node_modules; the second stage leaves npm's download cache behind.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN npm ci && npm run build:web

FROM node:20-bookworm-slim
WORKDIR /app
# Set only here: during `npm ci` above, NODE_ENV=production would skip the devDependencies.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 3000
CMD ["sh", "-c", "npx tsx packages/db/src/cli/migrate.ts && exec npx tsx apps/api/src/server.ts"]
