/**
 * Safe insertion. A template never receives data as text: every value it
 * prints is stored in a per-render table and replaced by a placeholder made of
 * private-use characters. The markup parser treats a placeholder as one opaque
 * literal, so a party called `**Acme** | {{x}}` can never become markup.
 */

/** Opens a placeholder. Private-use code points never occur in pack text (pack checks refuse them). */
export const TOKEN_OPEN = "\uE000";
/** Closes a placeholder. */
export const TOKEN_CLOSE = "\uE001";

/** A value printed by a template: literal text, or a cross-reference to a clause id. */
export type Token = { readonly kind: "text"; readonly text: string } | { readonly kind: "ref"; readonly id: string; readonly line: number };

/** Per-render store of the values a template printed. */
export class TokenTable {
  readonly tokens: Token[] = [];

  /** Stores a token and returns its placeholder. */
  add(token: Token): string {
    this.tokens.push(token);
    return `${TOKEN_OPEN}${this.tokens.length - 1}${TOKEN_CLOSE}`;
  }

  /** The token behind placeholder number `index`. */
  get(index: number): Token {
    const t = this.tokens[index];
    if (!t) throw new Error(`internal: unknown template token ${index}`);
    return t;
  }
}

/** A marker object that helpers return to ask for a cross-reference instead of text. */
export class RefRequest {
  constructor(readonly id: string) {}
}
