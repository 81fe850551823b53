import type { Me } from "@sorot/contracts";

const LAST_BUSINESS_KEY = "sorot.lastBusinessId";

export function rememberBusiness(businessId: string): void {
  try {
    localStorage.setItem(LAST_BUSINESS_KEY, businessId);
  } catch {
    // Without storage the first business is opened next time instead; nothing else depends on it.
  }
}

function lastBusinessId(): string | null {
  try {
    return localStorage.getItem(LAST_BUSINESS_KEY);
  } catch {
    return null;
  }
}

/** Where a signed-in user starts: the business they used last, else their first, else creating one. */
export function homePath(me: Me): string {
  const last = lastBusinessId();
  const business = me.businesses.find(({ id }) => id === last) ?? me.businesses[0];
  return business ? businessPath(business.id) : "/businesses/new";
}

export function businessPath(businessId: string, section?: "settings" | "members" | "activity"): string {
  const base = `/b/${encodeURIComponent(businessId)}`;
  return section ? `${base}/${section}` : base;
}

/**
 * The `next` parameter of the sign-in and sign-up pages, if it is a path on this site; anything
 * else (`//evil.example`, `https://...`) is dropped so the pages cannot be used to redirect away.
 */
export function safeNextPath(next: string | null): string | null {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return null;
  return next;
}

export function withNext(path: string, next: string): string {
  return `${path}?${new URLSearchParams({ next })}`;
}
