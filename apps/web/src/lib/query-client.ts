import { QueryClient } from "@tanstack/react-query";

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A failure shows at once with its own retry button, as pages did before the cache; an
      // automatic retry would keep the user waiting on a 404 or a refused request.
      retry: false,
      // Views refresh when something changes them (lib/stale.ts) or on their own poll, not when a tab regains focus.
      refetchOnWindowFocus: false,
    },
  },
});
