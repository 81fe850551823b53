import { businessPath } from "../../../lib/navigation";

export function reportsPath(businessId: string, query?: Record<string, string | undefined>): string {
  const base = `${businessPath(businessId)}/reports`;
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) if (value) search.set(name, value);
  const text = search.toString();
  return text ? `${base}?${text}` : base;
}
