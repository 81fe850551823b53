import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import fp from "fastify-plugin";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";

/** The OpenAPI 3.1 document is generated from the routes' zod schemas, so it cannot drift from them. */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: "3.1.0",
        info: {
          title: "Sorot API",
          version: "1.0.0",
          description:
            "Self-serve ads for Indonesian small businesses. Money is integer micro-rupiah (1 IDR = 1,000,000 micros) " +
            "sent as decimal strings in fields ending in `Micros`. Errors are RFC 9457 problem+json.",
        },
        components: {
          securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
        },
      },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    });
    await app.register(swaggerUi, { routePrefix: "/docs" });
    app.get("/openapi.json", { schema: { hide: true } }, () => app.swagger());
  },
  { name: "openapi" },
);
