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

/**
 * Where a signed-in user starts: admins at the admin area (they belong to no business), creators at
 * their inbox; others at the business they used last, else their first, else creating one.
 */
export function homePath(me: Me): string {
  if (me.user.role === "admin") return ADMIN_PATH;
  if (me.user.role === "creator") return CREATOR_HOME_PATH;
  const last = lastBusinessId();
  const business = me.businesses.find(({ id }) => id === last) ?? me.businesses[0];
  return business ? businessPath(business.id) : "/businesses/new";
}

export type BusinessSection = "settings" | "members" | "activity" | "wallet" | "wallet/history";

export function businessPath(businessId: string, section?: BusinessSection): string {
  const base = `/b/${encodeURIComponent(businessId)}`;
  return section ? `${base}/${section}` : base;
}

export const ADMIN_PATH = "/admin";
export const CREATOR_HOME_PATH = "/creator";

export function adminPath(
  section?: "businesses" | "withdrawals" | "late-payments" | "audit",
  businessId?: string,
): string {
  if (!section) return ADMIN_PATH;
  const base = `${ADMIN_PATH}/${section}`;
  return businessId ? `${base}/${encodeURIComponent(businessId)}` : base;
}

/**
 * The `next` parameter of the sign-in and sign-up pages, if it is a path on this site; anything
 * else (`//evil.example`, `https://...`) is dropped so the pages cannot be used to redirect away.
 */
export function safeNextPath(next: string | null): string | null {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return null;
  return next;
}

/**
 * A link from the API that leaves this site (a payment page, an e-wallet deep link) only if it is
 * plain http(s): a `javascript:` URL in an href would run in this page.
 */
export function safeExternalUrl(url: string | undefined): string | null {
  if (!url) return null;
  try {
    // A relative URL stays on this site, so it resolves against any http base.
    const { protocol } = new URL(url, "http://relative.invalid");
    return protocol === "https:" || protocol === "http:" ? url : null;
  } catch {
    return null;
  }
}

export function withNext(path: string, next: string): string {
  return `${path}?${new URLSearchParams({ next })}`;
}
