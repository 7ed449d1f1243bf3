/**
 * Peak memory and CPU time of the processes a CLI command starts, read from Linux's /proc while it
 * runs: every process working in a folder (the stack's program folder: the Pulumi engine, the
 * dynamic-provider host and the program all run there) is classified by its command line, and its
 * `VmHWM` (the peak resident set the kernel keeps for it) and CPU time read every interval. The last
 * reading of a process is its figure up to then, so it can miss only its last interval.
 */
import * as fs from "fs";

/** The peak resident set, in kB, from a /proc/<pid>/status text; undefined without one (a kernel thread). */
export function vmHwmKb(status: string): number | undefined {
  const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
  return match ? Number(match[1]) : undefined;
}

/** User plus system CPU time, in clock ticks, from a /proc/<pid>/stat text (fields 14 and 15). */
export function cpuTicks(stat: string): number {
  // The command name, in parentheses, may hold spaces: count fields after its closing one.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

/** Clock ticks per second of /proc's CPU times (USER_HZ), 100 on Linux. */
const TICKS_PER_SECOND = 100;

/** What a process of the command is, from its command line (arguments split on NUL), or undefined for one not counted. */
export type Classify = (argv: string[]) => string | undefined;

export interface MemorySampler {
  /** Stops sampling; per kind of process: the peak of its largest process (kB), and their CPU time together (s). */
  stop(): Record<string, { peakKb: number; cpuSeconds: number; processes: number }>;
}

/** Samples every `intervalMs` the processes whose working folder is `cwd`. */
export function sampleMemory(cwd: string, classify: Classify, intervalMs = 100): MemorySampler {
  const peaks = new Map<number, { kind: string; kb: number; ticks: number }>();
  const sample = () => {
    if (!fs.existsSync("/proc")) return;
    for (const entry of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const pid = Number(entry);
      try {
        if (fs.readlinkSync(`/proc/${pid}/cwd`) !== cwd) continue;
        const kind = peaks.get(pid)?.kind ?? classify(fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean));
        if (kind === undefined) continue;
        const kb = vmHwmKb(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
        const ticks = cpuTicks(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
        if (kb !== undefined) peaks.set(pid, { kind, kb: Math.max(kb, peaks.get(pid)?.kb ?? 0), ticks: Math.max(ticks, peaks.get(pid)?.ticks ?? 0) });
      } catch {
        // The process ended between the listing and the read.
      }
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      const byKind: Record<string, { peakKb: number; cpuSeconds: number; processes: number }> = {};
      for (const { kind, kb, ticks } of peaks.values()) {
        const seen = byKind[kind] ?? { peakKb: 0, cpuSeconds: 0, processes: 0 };
        byKind[kind] = { peakKb: Math.max(seen.peakKb, kb), cpuSeconds: seen.cpuSeconds + ticks / TICKS_PER_SECOND, processes: seen.processes + 1 };
      }
      return byKind;
    },
  };
}
