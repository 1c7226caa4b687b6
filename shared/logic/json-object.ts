/** True when `text` is a JSON object (VOD takes UserData only as one). */
export function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

export const JSON_OBJECT_HINT = 'must be a JSON object, e.g. {"Extend":{"project":"x"}}';
