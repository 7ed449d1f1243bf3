import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** How a lock holder is waited for. */
export interface DirectoryLockOptions {
  /**
   * A lock whose holder cannot be checked (its pid file names another host sharing the folder) is
   * taken over after this long. A holder on this host is checked by its pid instead: waited for
   * while it runs, taken over once it is gone.
   */
  staleAfterMs: number;
  /** How often a waiter looks again. */
  pollMs: number;
  /** Called once, when the lock is found held by another process. */
  onWait?: () => void;
}

/** How long a lock with no pid file yet is left to its owner, which writes it right after `mkdir`. */
const OWNER_WRITE_GRACE_MS = 5000;

/**
 * Runs `work` holding the directory `lock`, so that parallel processes (Jest workers, two test
 * runs) build or install a shared cache entry once. `mkdir` is atomic; the owner's pid and host
 * inside let a waiter take over the lock of a process that is gone, and let the owner remove the
 * lock at the end only while it is still its own.
 */
export async function withDirectoryLock<T>(lock: string, options: DirectoryLockOptions, work: () => Promise<T>): Promise<T> {
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const me = `${process.pid} ${os.hostname()}`;
  let waited = false;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, "pid"), me);
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
    if (readOwner(lock) === me) fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** Whether the lock's holder is gone (this host), or silent for longer than staleAfterMs (another host). */
function isStale(lock: string, staleAfterMs: number): boolean {
  const owner = readOwner(lock);
  const age = Date.now() - modifiedAt(lock);
  // Not written yet: the owner is between mkdir and write; give it time.
  if (owner === undefined || owner === "") return age > OWNER_WRITE_GRACE_MS;
  const match = /^(\d+)(?: (.+))?$/.exec(owner);
  // Locks of older versions hold the pid alone.
  if (!match || (match[2] !== undefined && match[2] !== os.hostname())) return age > staleAfterMs;
  try {
    process.kill(Number(match[1]), 0);
    return false;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/** The lock's pid file: `<pid> <host>`; undefined when there is none. */
function readOwner(lock: string): string | undefined {
  try {
    return fs.readFileSync(path.join(lock, "pid"), "utf8").trim();
  } catch {
    return undefined;
  }
}

function modifiedAt(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return Date.now();
  }
}
