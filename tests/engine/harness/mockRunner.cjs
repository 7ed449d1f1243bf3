// Runs a Pulumi program under `pulumi.runtime.setMocks`, as `pulumi preview`/`pulumi up` would run
// it, and writes what the program registered (exactly the struct the engine would receive) as JSON.
//
//   node mockRunner.cjs <program.js> <result.json>
//
// Every module is loaded from the program's own directory (its node_modules holds the packed and
// installed package and its @pulumi/pulumi), never from the repository. Environment:
//   ENGINE_TEST_PREVIEW=true  runs as a preview: values not known yet stay unknown.
//   PULUMI_CONFIG             the stack config, as the Pulumi CLI passes it to a program.
"use strict";
const { createRequire } = require("module");
const fs = require("fs");
const path = require("path");
const { performance } = require("perf_hooks");

const programFile = path.resolve(process.argv[2]);
const resultFile = path.resolve(process.argv[3]);
const fromProgram = createRequire(programFile);
const preview = process.env.ENGINE_TEST_PREVIEW === "true";

const pulumi = fromProgram("@pulumi/pulumi");
const { MockMonitor } = fromProgram("@pulumi/pulumi/runtime/mocks");
const settings = fromProgram("@pulumi/pulumi/runtime/settings");
const serializeClosure = fromProgram("@pulumi/pulumi/runtime/closure/serializeClosure");

// Every closure serialization: `pulumi.dynamic.Resource` calls this (looked up at call time) to
// turn the provider into the `__provider` text.
const serialization = { calls: 0, ms: 0 };
const serializeFunction = serializeClosure.serializeFunction;
serializeClosure.serializeFunction = async function countedSerializeFunction(...args) {
  serialization.calls += 1;
  const started = performance.now();
  try {
    return await serializeFunction.apply(this, args);
  } finally {
    serialization.ms += performance.now() - started;
  }
};

// The RegisterResource requests, as the engine would receive them over gRPC.
const registrations = [];
const registerResource = MockMonitor.prototype.registerResource;
MockMonitor.prototype.registerResource = function capture(request, callback) {
  registrations.push({
    type: request.getType(),
    name: request.getName(),
    custom: request.getCustom(),
    inputs: request.getObject().toJavaScript(),
  });
  return registerResource.call(this, request, callback);
};

pulumi.runtime.setMocks(
  {
    // During a preview the engine answers no id and no outputs: they stay unknown.
    newResource: (args) => (preview ? { id: undefined, state: {} } : { id: `${args.name}-id`, state: args.inputs }),
    call: (args) => args.inputs,
  },
  process.env.ENGINE_TEST_PROJECT || "engine-test",
  process.env.ENGINE_TEST_STACK || "dev",
  preview,
);

let failed = false;
const fail = (error) => {
  if (failed) return;
  failed = true;
  process.stderr.write(`program failed: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
};
process.on("unhandledRejection", fail);
process.on("uncaughtException", fail);

(async () => {
  const started = performance.now();
  fromProgram(programFile);
  await settings.waitForRPCs();
  const programMs = performance.now() - started;
  fs.writeFileSync(resultFile, JSON.stringify({ registrations, serialization, programMs }));
})().catch(fail);
