/** URL parameters as a test writes them: a string (`'?scenario=x'` or `'scenario=x'`) or an object (arrays repeat). */
export type LabQuery = string | Record<string, string | number | boolean | readonly (string | number)[] | undefined>;

/** `?a=1&c=…&c=…` from an object or a string, merged over defaults (the object's keys win). */
export function toQuery(query: LabQuery | undefined, defaults: Exclude<LabQuery, string> = {}): string {
  const params = new URLSearchParams();
  const append = (obj: Exclude<LabQuery, string>) => {
    for (const [key, value] of Object.entries(obj)) {
      params.delete(key);
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) params.append(key, String(v));
    }
  };
  append(defaults);
  if (typeof query === 'string') {
    for (const [key] of new URLSearchParams(query.replace(/^\?/, ''))) params.delete(key);
    for (const [key, value] of new URLSearchParams(query.replace(/^\?/, ''))) params.append(key, value);
  } else if (query) {
    append(query);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
