import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { FontSet } from "../render/pdf/fonts.js";

let cached: FontSet | undefined;

/**
 * The bundled Noto Serif faces (SIL Open Font License), read from disk once per
 * process. Reuse the returned object: fonts are parsed once per FontSet.
 */
export function defaultFonts(): FontSet {
  if (cached) return cached;
  // `import.meta.url` in the ESM build; tsup's shim provides it in the CJS build.
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve("@expo-google-fonts/noto-serif/package.json"));
  const face = (folder: string, file: string): Uint8Array => readFileSync(join(dir, folder, file));
  cached = {
    regular: face("400Regular", "NotoSerif_400Regular.ttf"),
    bold: face("700Bold", "NotoSerif_700Bold.ttf"),
    italic: face("400Regular_Italic", "NotoSerif_400Regular_Italic.ttf"),
    boldItalic: face("700Bold_Italic", "NotoSerif_700Bold_Italic.ttf"),
  };
  return cached;
}
