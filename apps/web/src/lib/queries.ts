import { page } from "@sorot/contracts";
import { type QueryKey, queryOptions, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import { apiRequest } from "./api";

/**
 * A cached view's key: the segments of its API path, then its query string. Keys nest as the API
 * does (a business, its campaigns, one campaign, its ads), so lib/stale.ts marks every view under
 * a prefix stale at once.
 */
export function apiKey(path: string): QueryKey {
  const [pathname = "", search] = path.split("?");
  const segments = pathname.split("/").filter(Boolean).map(decodeURIComponent);
  return search ? [...segments, search] : segments;
}

interface ApiQueryOptions {
  /** False while a parameter the path needs is still unknown. */
  enabled?: boolean;
  /** Fetch again every so many milliseconds while the view is on screen. */
  refetchInterval?: number | false;
}

/** A GET of `path` as a cached view, for useQuery or, for several paths at once, useQueries. */
export function apiQuery<S extends z.ZodType>(path: string, schema: S) {
  return queryOptions({
    queryKey: apiKey(path),
    queryFn: ({ signal }): Promise<z.output<S>> => apiRequest("GET", path, { schema, signal }),
  });
}

/** GETs `path` through the cache: views showing the same path share one request and one answer. */
export function useApiQuery<S extends z.ZodType>(path: string, schema: S, options: ApiQueryOptions = {}) {
  return useQuery({ ...apiQuery(path, schema), ...options });
}

/** Query parameters, without those left empty: an unset filter is simply not sent. */
function searchOf(query: Record<string, string | undefined>): URLSearchParams {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value) search.set(name, value);
  return search;
}

export type LoadMoreStatus = { status: "idle" } | { status: "loading" } | { status: "error"; error: unknown };

/**
 * A cursor-paginated list (`{items, nextCursor}`): the first page on mount, further pages on demand.
 * `query` holds filters; a change of filter is another cached list. A failed further page leaves
 * the pages already shown in place and reports itself in `loadMoreStatus`.
 */
export function useCursorList<S extends z.ZodType>(
  path: string,
  itemSchema: S,
  limit = 25,
  query: Record<string, string | undefined> = {},
  options: Pick<ApiQueryOptions, "refetchInterval"> = {},
) {
  const search = searchOf(query);
  search.set("limit", String(limit));
  const listPath = `${path}?${search}`;
  const pageSchema = page(itemSchema);
  const list = useInfiniteQuery({
    queryKey: apiKey(listPath),
    queryFn: ({ pageParam, signal }): Promise<{ items: z.output<S>[]; nextCursor: string | null }> =>
      apiRequest("GET", pageParam ? `${listPath}&cursor=${encodeURIComponent(pageParam)}` : listPath, {
        schema: pageSchema,
        signal,
      }),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor,
    ...options,
  });
  const loadMoreStatus: LoadMoreStatus = list.isFetchingNextPage
    ? { status: "loading" }
    : list.isFetchNextPageError
      ? { status: "error", error: list.error }
      : { status: "idle" };
  return {
    isPending: list.isPending,
    isError: list.isError && !list.isFetchNextPageError,
    isSuccess: list.isSuccess || list.isFetchNextPageError,
    error: list.error,
    refetch: list.refetch,
    items: list.data?.pages.flatMap((loaded) => loaded.items) ?? [],
    hasMore: list.hasNextPage,
    loadMore: () => void list.fetchNextPage(),
    loadMoreStatus,
  };
}
