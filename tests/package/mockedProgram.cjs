// Runs a compiled Pulumi program under Pulumi's mocks (`pulumi.runtime.setMocks`), the way
// Pulumi's documentation tests programs, and writes what it registered and exported as JSON:
//
//   node mockedProgram.cjs <program.js> <result.json>
//
// Every module is loaded from the program's own directory (its node_modules holds the installed
// tarball and the user's @pulumi/pulumi), never from this repository. The mocked engine answers
// each resource with the id `<name>-id` and its inputs as outputs, plus a login page URL.
"use strict";
const { createRequire } = require("module");
const fs = require("fs");
const path = require("path");

const programFile = path.resolve(process.argv[2]);
const resultFile = path.resolve(process.argv[3]);
const fromProgram = createRequire(programFile);
const pulumi = fromProgram("@pulumi/pulumi");

const LOGIN_URL = "https://billing.stripe.com/p/login/test_mocked";
const resources = [];

pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      resources.push({ type: args.type, name: args.name, inputs: args.inputs });
      const loginPage = args.inputs.loginPage && args.inputs.loginPage.enabled ? { enabled: true, url: LOGIN_URL } : args.inputs.loginPage;
      return { id: `${args.name}-id`, state: { ...args.inputs, loginPage, loginUrl: loginPage && loginPage.url } };
    },
    call: (args) => args.inputs,
  },
  "stripe-portal-quickstart",
  "dev",
  false,
);

const fail = (error) => {
  process.stderr.write(`program failed: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
};
process.on("unhandledRejection", fail);

(async () => {
  const program = fromProgram(programFile);
  const exported = {};
  for (const [name, value] of Object.entries(program)) {
    exported[name] = await new Promise((resolve) => pulumi.output(value).apply(resolve));
  }
  fs.writeFileSync(resultFile, JSON.stringify({ node: process.version, resources, exported }));
})().catch(fail);
