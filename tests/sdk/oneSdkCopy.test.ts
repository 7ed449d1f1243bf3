import { loadedSdkCopies, twoCopiesError } from "../../sdk/oneSdkCopy";

const program = "/app/node_modules/@pulumi/pulumi";
const nested = "/app/node_modules/pulumi-stripe-portal/node_modules/@pulumi/pulumi";

test("the copies loaded are read from the module cache's file names, each folder once", () => {
  const copies = loadedSdkCopies([`${program}/runtime/state.js`, `${program}/index.js`, "/app/index.js", `${nested}/index.js`]);
  expect(copies.map((copy) => copy.dir)).toEqual([program, nested]);
});

test("one copy is no error; two name the program's and this package's, and the fix", () => {
  expect(twoCopiesError([{ dir: program, version: "3.215.0" }], program, "^3.215.0")).toBeUndefined();
  const error = twoCopiesError(
    [
      { dir: program, version: "3.100.0" },
      { dir: nested, version: "3.248.0" },
    ],
    nested,
    "^3.215.0",
  );
  expect(error?.message).toBe(
    `pulumi-stripe-portal: two copies of @pulumi/pulumi are loaded, the program's 3.100.0 (${program}) and the one this package loads, 3.248.0 (${nested}); ` +
      'Pulumi cannot register a resource across them. Give the program a version this package accepts (^3.215.0): `npm install @pulumi/pulumi@"^3.215.0"`, ' +
      'or keep the program\'s own with `"overrides": { "@pulumi/pulumi": "$@pulumi/pulumi" }` in its package.json, then `npm install` again.',
  );
});
