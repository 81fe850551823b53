import type { FastifyInstance } from "fastify";

/**
 * What a service that changes delivery needs besides the database: the routes pass `app`, and the
 * service tells every api instance's decision index once its transaction has committed.
 */
export type DeliveryDeps = Pick<FastifyInstance, "db" | "publishDeliveryChange">;
