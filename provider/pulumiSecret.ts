/**
 * Pulumi's secret envelope, as its wire protocol and its serialized state carry a secret:
 * `{"4dabf…": "1b47…", "value": …}` (or `plaintext`/`ciphertext` in a state file).
 */

/** The key that marks an object as Pulumi's secret envelope; it holds `SECRET_MARK`. */
export const SECRET_KEY = "4dabf18193072939515e22adb298388d";
/** The value under `SECRET_KEY` that tells a secret envelope from an object that happens to have that key. */
export const SECRET_MARK = "1b47061264138c4ac30d75fd1eb44270";
