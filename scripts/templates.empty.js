// Stands in for src/catalog/builtin/templates.generated.js in the CommonJS build (see tsup.config.ts).
export const PRECOMPILED = [];
