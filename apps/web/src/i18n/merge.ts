/** The intersection of every tree in a list: what merging them in order yields. */
type Merged<Trees extends readonly object[]> = Trees extends readonly [
  infer Head,
  ...infer Rest extends readonly object[],
]
  ? Head & Merged<Rest>
  : unknown;

function isTree(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object";
}

function mergeInto(target: Record<string, unknown>, source: object): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (isTree(existing) && isTree(value)) mergeInto(existing, value);
    else target[key] = isTree(value) ? mergeMessages(value) : value;
  }
}

/**
 * Message trees as one, subtree by subtree, as i18next's deep `addResourceBundle` merges them at
 * run time: the shell keeps an area's few words it shows on every page (a nav label) and the area's
 * own file the rest of that subtree, and the whole catalogue is both. A new object; the inputs stay.
 */
export function mergeMessages<const Trees extends readonly object[]>(...trees: Trees): Merged<Trees> {
  const merged: Record<string, unknown> = {};
  for (const tree of trees) mergeInto(merged, tree);
  return merged as Merged<Trees>;
}
