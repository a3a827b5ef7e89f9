/**
 * The CLI package's own directory. Every module of src/ sits one level below it, and so does
 * every chunk of the bundle in dist/ (scripts/build.mjs keeps the chunks flat), so this URL is
 * the same from source and from the build.
 */
export const PACKAGE_ROOT = new URL('../', import.meta.url);
