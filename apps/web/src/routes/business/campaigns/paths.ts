import { businessPath } from "../../../lib/navigation";

export function campaignsPath(businessId: string): string {
  return `${businessPath(businessId)}/campaigns`;
}

export function newCampaignPath(businessId: string): string {
  return `${campaignsPath(businessId)}/new`;
}

export function campaignPath(businessId: string, campaignId: string, section?: "edit"): string {
  const base = `${campaignsPath(businessId)}/${encodeURIComponent(campaignId)}`;
  return section ? `${base}/${section}` : base;
}
