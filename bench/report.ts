/** The table on stdout and `bench/results.json`. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Metric, Target } from "./metric";

export const RESULTS_FILE = path.join(__dirname, "results.json");

export function printTable(metrics: Metric[]): void {
  const rows = metrics.map((m) => [m.group, m.name, formatValue(m), formatTarget(m.target), m.pass === null ? "info" : m.pass ? "pass" : "FAIL"]);
  const header = ["group", "metric", "value", "target", "result"];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 2 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join("  ").trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
}

export function writeResults(metrics: Metric[], extra: { totalMs: number; failed: string[] }): void {
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    totalMs: extra.totalMs,
    passed: extra.failed.length === 0,
    failed: extra.failed,
    metrics,
  };
  fs.writeFileSync(RESULTS_FILE, JSON.stringify(results, null, 2) + "\n");
}

function formatValue(metric: Metric): string {
  if (!Number.isFinite(metric.value)) return "n/a";
  return `${metric.value} ${metric.unit}`;
}

function formatTarget(target: Target | null): string {
  return target ? `${target.comparison} ${target.value}` : "-";
}
