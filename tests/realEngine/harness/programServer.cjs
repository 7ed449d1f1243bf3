// Serves a Pulumi program to the real CLI, as the Automation API does for inline programs: the CLI
// runs `pulumi preview|up --client=127.0.0.1:<port>` and asks this process to run the program.
// Needed because the Node.js language host (pulumi-language-nodejs) cannot be built here: its Go
// module has no version on the Go module proxy (see tests/realEngine/README.md).
//
//   node programServer.cjs <work dir>
// loads <work dir>/index.js (module.exports = the program function), with @pulumi/pulumi and the
// package from <work dir>/node_modules, prints `port <n>` once listening, and stays until killed.
"use strict";
const path = require("path");

const workDir = path.resolve(process.argv[2]);
const load = (name) => require(require.resolve(name, { paths: [workDir] }));
const grpc = load("@grpc/grpc-js");
const { LanguageServer } = load("@pulumi/pulumi/automation/server");
const langrpc = load("@pulumi/pulumi/proto/language_grpc_pb");
const { grpcChannelOptions } = load("@pulumi/pulumi/runtime");

const program = require(path.join(workDir, "index.js"));
const server = new grpc.Server(grpcChannelOptions);
server.addService(langrpc.LanguageRuntimeService, new LanguageServer(program));
server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, port) => {
  if (error) {
    process.stderr.write(`programServer: ${error.message}\n`);
    process.exit(1);
  }
  process.stdout.write(`port ${port}\n`);
});
