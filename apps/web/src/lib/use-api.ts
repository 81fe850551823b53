import { page } from "@sorot/contracts";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { z } from "zod";
import { apiRequest } from "./api";

export type Resource<T> =
  | { status: "loading" }
  | { status: "error"; error: unknown }
  | { status: "ready"; data: T };

/**
 * GETs `path` whenever it changes. `reload` fetches again while the old data stays on screen, so
 * a list does not flash a spinner after every edit.
 */
export function useApiGet<S extends z.ZodType>(path: string, schema: S) {
  const [resource, setResource] = useState<Resource<z.output<S>>>({ status: "loading" });
  const load = useCallback(
    (signal?: AbortSignal) =>
      apiRequest("GET", path, { schema, signal }).then(
        (data) => setResource({ status: "ready", data }),
        (error: unknown) => {
          if (!signal?.aborted) setResource({ status: "error", error });
        },
      ),
    [path, schema],
  );

  useEffect(() => {
    const controller = new AbortController();
    setResource({ status: "loading" });
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const reload = useCallback(() => void load(), [load]);
  return { resource, reload };
}

type LoadMoreStatus = { status: "idle" } | { status: "loading" } | { status: "error"; error: unknown };

/** Query parameters, without those left empty: an unset filter is simply not sent. */
function searchOf(query: Record<string, string | undefined>): URLSearchParams {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value) search.set(name, value);
  return search;
}

/**
 * A cursor-paginated list (`{items, nextCursor}`): the first page on mount, further pages on demand.
 * `query` holds filters; a change of filter starts the list over.
 */
export function useCursorList<S extends z.ZodType>(
  path: string,
  itemSchema: S,
  limit = 25,
  query: Record<string, string | undefined> = {},
) {
  type Page = { items: z.output<S>[]; nextCursor: string | null };
  const pageSchema = useMemo(() => page(itemSchema), [itemSchema]);
  // A string, so that an equal query object made anew on each render fetches nothing again.
  const filter = searchOf(query).toString();
  const pageUrl = useCallback(
    (cursor?: string) => {
      const search = new URLSearchParams(filter);
      search.set("limit", String(limit));
      if (cursor) search.set("cursor", cursor);
      return `${path}?${search}`;
    },
    [path, filter, limit],
  );
  const { resource, reload } = useApiGet(pageUrl(), pageSchema);
  const firstPage: Page | null = resource.status === "ready" ? resource.data : null;

  // Further pages continue one particular first page; once that is fetched again they no longer apply.
  const [more, setMore] = useState<{ after: Page | null; pages: Page[]; status: LoadMoreStatus }>({
    after: null,
    pages: [],
    status: { status: "idle" },
  });
  const current: typeof more =
    more.after === firstPage ? more : { after: firstPage, pages: [], status: { status: "idle" } };
  const nextCursor = (current.pages.at(-1) ?? firstPage)?.nextCursor ?? null;

  const loadMore = useCallback(() => {
    if (!nextCursor) return;
    const { after, pages } = current;
    setMore({ after, pages, status: { status: "loading" } });
    apiRequest("GET", pageUrl(nextCursor), { schema: pageSchema }).then(
      (next) => setMore({ after, pages: [...pages, next], status: { status: "idle" } }),
      (error: unknown) => setMore({ after, pages, status: { status: "error", error } }),
    );
  }, [pageUrl, nextCursor, pageSchema, current]);

  const items = firstPage ? [firstPage, ...current.pages].flatMap((loaded) => loaded.items) : [];
  return { resource, items, hasMore: nextCursor !== null, loadMore, loadMoreStatus: current.status, reload };
}
