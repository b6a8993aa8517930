import type { Rule } from "../types.js";

/** The provider's role under the data-protection regimes (see docs/checks.md). */
export const roleRules: readonly Rule[] = [];
