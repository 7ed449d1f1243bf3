/** The JSON state file: read once at start, rewritten atomically (temp file + rename) after each change. */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { IdempotencySnapshot } from "./idempotency";
import type { StoreSnapshot } from "./store";

/** What the file holds: the configurations, and the idempotency keys' saved answers (absent in files from before they were kept). */
export interface StateSnapshot extends StoreSnapshot {
  idempotency?: IdempotencySnapshot;
}

/** The state file's snapshot; undefined when there is no file yet (a first start). */
export function readStateFile(path: string): StateSnapshot | undefined {
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, "utf8");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`The emulator state file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const snapshot = parsed as Partial<StateSnapshot>;
  if (snapshot.version !== 1 || typeof snapshot.platformAccount !== "string" || typeof snapshot.scopes !== "object" || snapshot.scopes === null) {
    throw new Error(`The emulator state file ${path} does not hold emulator state (expected {"version": 1, "platformAccount", "scopes"}).`);
  }
  return snapshot as StateSnapshot;
}

/** Writes next to the target and renames over it, so a crash never leaves half a file. */
export function writeStateFile(path: string, snapshot: StateSnapshot): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(snapshot, null, 2)}\n`);
  renameSync(temporary, path);
}

/**
 * The state file's writer: a change rewrites the whole file, so the changes of one request (a
 * create adds the configuration, then saves its idempotency answer) are written once, after it.
 */
export class StateFileWriter {
  private depth = 0;
  private pending = false;

  constructor(
    private readonly path: string,
    private readonly snapshot: () => StateSnapshot,
  ) {}

  /** The stores' `onChange`: writes now, or once at the end of the `batch` it happens in. */
  readonly changed = (): void => {
    if (this.depth > 0) this.pending = true;
    else writeStateFile(this.path, this.snapshot());
  };

  /** Runs `work`, then writes the file once if it changed anything (even when it throws). */
  batch<T>(work: () => T): T {
    this.depth++;
    try {
      return work();
    } finally {
      this.depth--;
      if (this.depth === 0 && this.pending) {
        this.pending = false;
        writeStateFile(this.path, this.snapshot());
      }
    }
  }
}
