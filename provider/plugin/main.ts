/**
 * The native plugin `pulumi-resource-stripe-portal`, as the Pulumi engine starts it:
 * `pulumi-resource-stripe-portal [--logtostderr] [-v=N] [--tracing ADDRESS] ENGINE_ADDRESS`. It
 * serves the provider on a free port of 127.0.0.1 and prints that port, alone, on its standard
 * output, which the engine reads; nothing is printed before it. It ends when the engine stops it,
 * or when the engine is gone (engineWatch.ts).
 */
import * as grpc from "@grpc/grpc-js";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import { watchEngine } from "../engineWatch";
import { engineWarnings } from "./engineWarnings";
import { providerService } from "./providerService";

/** A running plugin server. */
export interface PluginServer {
  /** The port on 127.0.0.1 it listens on: the one line the plugin prints for the engine. */
  port: number;
  /** Stops taking calls, resolving once those under way are answered: for code serving the plugin inside its own process. */
  stop(): Promise<void>;
}

/** Serves the provider for the engine at `engineAddress` (where its warnings go). */
export function servePlugin(engineAddress: string): Promise<PluginServer> {
  // Pulumi's own limit for a message: a state with many large resources is big.
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(provrpc.ResourceProviderService, providerService(engineWarnings(engineAddress)) as grpc.UntypedServiceImplementation);
  return new Promise((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, port) => {
      if (error) return reject(error);
      resolve({ port, stop: () => new Promise<void>((done) => server.tryShutdown(() => done())) });
    }),
  );
}

/** The engine's address: the last argument that is not a flag. */
export function engineAddressOf(args: string[]): string | undefined {
  return args.filter((arg) => !arg.startsWith("-")).pop();
}

if (require.main === module) {
  const address = engineAddressOf(process.argv.slice(2));
  if (!address) {
    process.stderr.write("usage: pulumi-resource-stripe-portal ENGINE_ADDRESS (the Pulumi engine starts this plugin itself)\n");
    process.exit(2);
  }
  // The engine may be gone before a write: a closed pipe must not crash the plugin.
  process.stdout.on("error", () => undefined);
  servePlugin(address).then(
    ({ port }) => {
      watchEngine();
      process.stdout.write(`${port}\n`);
    },
    (error: Error) => {
      process.stderr.write(`pulumi-resource-stripe-portal: ${error.message}\n`);
      process.exit(1);
    },
  );
}
