/**
 * Where NSG priorities are allocated: each rule's priority comes from a hash of its name inside the user's range, so
 * a rule keeps its priority while other rules come and go.
 */
import { ConfigurationError } from "../../errors";
import { stableNumber } from "../naming";

/**
 * Gives each key a slot in [start, end] from a hash of the key, probing upward on collisions. Keys are placed in
 * sorted order, so the result depends only on the set of keys; a key keeps its slot while no colliding key appears.
 */
export function allocateSlots(keys: readonly string[], start: number, end: number): Map<string, number> {
  const span = end - start + 1;
  if (keys.length > span)
    throw new ConfigurationError(
      `${keys.length} rules need more than the ${span} priorities between ${start} and ${end}.`,
    );
  const taken = new Set<number>();
  const slots = new Map<string, number>();
  for (const key of [...new Set(keys)].sort()) {
    let offset = stableNumber(key) % span;
    while (taken.has(offset)) offset = (offset + 1) % span;
    taken.add(offset);
    slots.set(key, start + offset);
  }
  return slots;
}
