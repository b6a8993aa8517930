/**
 * The data path of the first string in a deal sheet (depth first, in key
 * order) that contains `char`, or undefined: tells a user which field holds a
 * character the PDF cannot draw.
 */
export function pathOfCharacter(value: unknown, char: string): readonly (string | number)[] | undefined {
  if (typeof value === "string") return value.includes(char) ? [] : undefined;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = pathOfCharacter(item, char);
      if (found) return [i, ...found];
    }
    return undefined;
  }
  if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const found = pathOfCharacter(item, char);
      if (found) return [key, ...found];
    }
  }
  return undefined;
}
