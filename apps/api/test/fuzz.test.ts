import { expect, it } from "vitest";
import { makeFuzzFixtures, type OpenApiDocument, operationsOf, runFuzz } from "./fuzz.js";
import { useTestApp } from "./helpers.js";

/** The short, seeded run of the fuzz (`npm run fuzz -- --requests N` is the long one). */
const t = useTestApp({
  RATE_LIMIT_PER_MINUTE: "1000000",
  AUTH_ATTEMPTS_PER_IP_PER_MINUTE: "1000000",
  AUTH_ATTEMPTS_PER_EMAIL_PER_15_MINUTES: "1000000",
});

const REQUESTS = 2_000;

it(`answers ${REQUESTS} hostile requests over every documented operation without a 5xx, every 4xx problem+json`, async () => {
  const document = (await t.app.inject({ method: "GET", url: "/openapi.json" })).json() as OpenApiDocument;
  const figures = await runFuzz({
    app: t.app,
    document,
    fixtures: await makeFuzzFixtures(t.app),
    requests: REQUESTS,
    seed: 20261207,
  });
  expect(figures.requests).toBeGreaterThanOrEqual(REQUESTS);
  expect(Object.keys(figures.byOperation).sort()).toEqual(
    operationsOf(document)
      .map((operation) => `${operation.method} ${operation.path}`)
      .sort(),
  );
  expect(figures.serverErrors).toEqual([]);
  expect(figures.notProblems).toEqual([]);
}, 180_000);
