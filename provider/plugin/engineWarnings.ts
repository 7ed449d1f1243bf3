/**
 * The plugin's messages to the user: the engine's `Log` service at the address it starts every
 * plugin with. The plugin's own output streams are the engine's to read (its standard output
 * carries the port), so a warning goes through the engine, which shows it with the resource.
 */
import * as grpc from "@grpc/grpc-js";
import * as enginerpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engineproto from "@pulumi/pulumi/proto/engine_pb";

/** Shows `message` as a warning on the resource `urn`. */
export type Warn = (message: string, urn?: string) => Promise<void>;

/** A logger sending to the engine at `address`; a message the engine cannot take is dropped, never thrown. */
export function engineWarnings(address: string): Warn {
  let client: enginerpc.EngineClient | undefined;
  return (message, urn) =>
    new Promise((resolve) => {
      client ??= new enginerpc.EngineClient(address, grpc.credentials.createInsecure());
      const request = new engineproto.LogRequest();
      request.setSeverity(engineproto.LogSeverity.WARNING);
      request.setMessage(message);
      if (urn) request.setUrn(urn);
      client.log(request, () => resolve());
    });
}
