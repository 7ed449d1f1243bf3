// Preloaded (NODE_OPTIONS=--require) into a program run under mocks by the engine-test harness:
// writes to $BENCH_CPU_FILE the CPU time (user + system, ms) the process spent from the moment the
// program file is required until it exits. Wall-clock time on a shared machine swings with other
// processes; the CPU time a program itself burns does much less.
"use strict";
const Module = require("module");
const fs = require("fs");
const path = require("path");

const programFile = path.resolve(process.argv[2] || "");
let started;
const load = Module._load;
Module._load = function timedLoad(request, parent) {
  if (started === undefined && parent && typeof request === "string" && path.resolve(path.dirname(parent.filename || ""), request) === programFile) {
    started = process.cpuUsage();
  }
  return load.apply(this, arguments);
};
process.on("exit", () => {
  if (started === undefined || !process.env.BENCH_CPU_FILE) return;
  const used = process.cpuUsage(started);
  fs.writeFileSync(process.env.BENCH_CPU_FILE, JSON.stringify({ cpuMs: (used.user + used.system) / 1000 }));
});
