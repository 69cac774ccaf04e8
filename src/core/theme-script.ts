/**
 * The reader's chosen colour scheme is set on <html> before the first paint by a script inline
 * in every page's head: a request of its own would hold up the first paint of every page. The
 * Content-Security-Policy allows exactly this script, by its hash. The header's button that
 * changes the choice is src/client/theme.js, deferred.
 */
import { createHash } from "node:crypto";

/** Where the choice is remembered (src/client/theme.js writes it under the same name). */
const THEME_STORAGE_KEY = "trellis-theme";

export const THEME_SCRIPT = `try{var t=localStorage.getItem("${THEME_STORAGE_KEY}");if(t==="light"||t==="dark")document.documentElement.dataset.theme=t}catch(e){}`;

/** The script's source for `script-src`. */
export const THEME_SCRIPT_SOURCE = `'sha256-${createHash("sha256").update(THEME_SCRIPT).digest("base64")}'`;
