// Apart from the estimate: every campaign read names the shape, and the estimate's regency
// lookups (cities.ts) would come along with it to pages that estimate nothing.

/** A campaign's audience; in every list, empty means everyone. */
export interface Targeting {
  provinces: string[];
  cities: string[];
  ageBands: string[];
  genders: string[];
  interests: string[];
  devices: string[];
  languages: string[];
}

/** No list narrows the audience: the campaign is shown to everyone. A new object each call. */
export function everyone(): { [List in keyof Targeting]: never[] } {
  return { provinces: [], cities: [], ageBands: [], genders: [], interests: [], devices: [], languages: [] };
}
