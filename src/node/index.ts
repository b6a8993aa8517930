/**
 * The Node layer: everything that touches the file system. Re-exports the
 * pure core, so `clausewright/node` is a superset of `clausewright`.
 */
export * from "../index.js";
export { defaultFonts } from "./fonts.js";
export { chineseFonts, withChineseFonts } from "./cjk-fonts.js";
export { readPackFiles, loadPackDir } from "./pack-dir.js";
export { readDealFile } from "./deal-file.js";
export { writeFileAtomic, writeFilesAtomic } from "./write.js";
