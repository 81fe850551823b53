import { Readable } from "node:stream";
import type { FastifyReply, FastifyRequest } from "fastify";

/** A list route answers CSV instead of JSON when the caller asks for it with `Accept: text/csv`. */
export function wantsCsv(request: FastifyRequest): boolean {
  return request.headers.accept?.includes("text/csv") ?? false;
}

/** Streams CSV lines (core's csvLines) as a download named `filename`. */
export function sendCsv(reply: FastifyReply, filename: string, lines: AsyncIterable<string>) {
  // A stream bypasses the JSON serializer of the route's typed reply.
  return reply
    .type("text/csv; charset=utf-8")
    .header("content-disposition", `attachment; filename="${filename}"`)
    .send(Readable.from(lines));
}

/** Every page of a cursor-paginated list, fetched one after another as the CSV stream asks for them. */
export async function* allPages<Item>(
  pageAfter: (cursor: string | undefined) => Promise<{ items: Item[]; nextCursor: string | null }>,
): AsyncGenerator<Item[]> {
  let cursor: string | undefined;
  do {
    const page = await pageAfter(cursor);
    yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
