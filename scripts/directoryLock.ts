import * as fs from "node:fs";
import * as path from "node:path";

/** How a lock holder is waited for. */
export interface DirectoryLockOptions {
  /** A lock older than this is taken over: its owner died or hung. */
  staleAfterMs: number;
  /** How often a waiter looks again. */
  pollMs: number;
  /** Called once, when the lock is found held by another process. */
  onWait?: () => void;
}

/**
 * Runs `work` holding the directory `lock`, so that parallel processes (Jest workers, two test
 * runs) build or install a shared cache entry once. `mkdir` is atomic; the owner's pid inside lets
 * a waiter take over the lock of a process that is gone.
 */
export async function withDirectoryLock<T>(lock: string, options: DirectoryLockOptions, work: () => Promise<T>): Promise<T> {
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  let waited = false;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, "pid"), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (isStale(lock, options.staleAfterMs)) {
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (!waited) options.onWait?.();
      waited = true;
      await new Promise((resolve) => setTimeout(resolve, options.pollMs));
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

function isStale(lock: string, staleAfterMs: number): boolean {
  try {
    const pid = Number(fs.readFileSync(path.join(lock, "pid"), "utf8"));
    if (Date.now() - fs.statSync(lock).mtimeMs > staleAfterMs) return true;
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // No pid file yet: the owner is between mkdir and write; give it time.
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return Date.now() - modifiedAt(lock) > 5000;
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

function modifiedAt(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return Date.now();
  }
}
