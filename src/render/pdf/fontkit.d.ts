// Minimal typings for the parts of fontkit we use (the package ships none).
declare module "fontkit" {
  export interface Font {
    readonly postscriptName: string;
    readonly familyName: string;
    readonly unitsPerEm: number;
    /** Height of a lowercase x, in font units. */
    readonly xHeight: number;
    /** The OS/2 table: where the font's designer puts a strike-through line (font units above the baseline). */
    readonly "OS/2"?: { readonly yStrikeoutPosition?: number };
    hasGlyphForCodePoint(codePoint: number): boolean;
    layout(text: string): unknown;
  }
  export interface FontCollection {
    readonly fonts: Font[];
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font | FontCollection;
}
