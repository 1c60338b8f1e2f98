/** A nested scenario as `a.b.c = value` lines, in the scenario's own key order. */
export function flattenParameters(value: unknown, prefix = ""): { parameter: string; value: string }[] {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => flattenParameters(inner, prefix ? `${prefix}.${key}` : key));
  }
  return [{ parameter: prefix, value: Array.isArray(value) ? JSON.stringify(value) : String(value) }];
}
