/**
 * A provider process started as the Pulumi CLI starts it, and a gRPC client speaking
 * `pulumirpc.ResourceProvider` to it as the engine does: the real dynamic-provider host of the
 * installed @pulumi/pulumi (`ProviderHost.start`: `node .../cmd/dynamic-provider/index.js <engine>`,
 * cwd = the project), or the native plugin's executable `pulumi-resource-stripe-portal`
 * (`ProviderHost.startPlugin`: `<executable> <engine>`).
 *
 * Every exchange (request, response or error), and everything the process writes to stdout and
 * stderr from its start, is kept, so that tests can check what crossed the wire.
 */
import * as grpc from "@grpc/grpc-js";
import { ChildProcess, spawn } from "child_process";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import type { Json, Struct } from "./mockProgram";

/** The envelope Pulumi puts around a secret value on the wire. */
export const SECRET_SIG = "4dabf18193072939515e22adb298388d";
export const SECRET_MARKER = "1b47061264138c4ac30d75fd1eb44270";
/** The string Pulumi sends for a value not known yet (during a preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function secret(value: Json): Struct {
  return { [SECRET_SIG]: SECRET_MARKER, value };
}

/**
 * A secret as a stack's state holds it (`pulumi stack export`): the same envelope, with the
 * passphrase secrets provider's ciphertext (`v1:<nonce>:<sealed value>`, both base64) in place of
 * the value. For `toEqual` (a jest matcher stands for the ciphertext, which changes every time).
 */
export function encryptedSecret(): Struct {
  return { [SECRET_SIG]: SECRET_MARKER, ciphertext: expect.stringMatching(/^v1:[A-Za-z0-9+/]+={0,2}:[A-Za-z0-9+/]+={0,2}$/) as unknown as Json };
}

export type DiffChanges = "DIFF_UNKNOWN" | "DIFF_NONE" | "DIFF_SOME";

export interface CheckResult {
  inputs: Struct;
  failures: { property: string; reason: string }[];
}

export interface DiffResult {
  changes: DiffChanges;
  replaces: string[];
  stables: string[];
  diffs: string[];
  deleteBeforeReplace: boolean;
}

/** A gRPC error from the host, with everything the engine would get from it. */
export class HostError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    readonly details: string,
    readonly metadata: Record<string, string[]>,
  ) {
    super(`${method} failed with gRPC status ${code}: ${details}`);
    this.name = "HostError";
  }
}

export interface Exchange {
  method: string;
  request: unknown;
  response?: unknown;
  error?: { code: number; details: string; metadata: Record<string, string[]> };
}

/** What a resource's requests name besides their properties. */
export interface ResourceRef {
  urn: string;
  type: string;
  name: string;
}

const CHANGES: Record<number, DiffChanges> = {
  [provproto.DiffResponse.DiffChanges.DIFF_UNKNOWN]: "DIFF_UNKNOWN",
  [provproto.DiffResponse.DiffChanges.DIFF_NONE]: "DIFF_NONE",
  [provproto.DiffResponse.DiffChanges.DIFF_SOME]: "DIFF_SOME",
};

export interface HostOptions {
  /** The host process's environment (nothing else is inherited but PATH and HOME). */
  env?: Record<string, string>;
  /**
   * Give the host a pipe on its standard input, as the engine does (and closes only by dying):
   * `loseEngine()` closes it. Otherwise the host's standard input is /dev/null.
   */
  enginePipe?: boolean;
}

export class ProviderHost {
  readonly exchanges: Exchange[] = [];
  private exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    private readonly client: provrpc.ResourceProviderClient,
    /** Everything the process wrote so far, kept from its start. */
    private readonly output: { stdout: string; stderr: string },
    readonly port: number,
    readonly startMs: number,
  ) {
    // "close": the process exited and its stdout and stderr are drained.
    this.exited = new Promise((resolve) => child.once("close", () => resolve()));
  }

  /** Starts the dynamic-provider host in `programDir` and connects to it. */
  static start(programDir: string, options: HostOptions = {}): Promise<ProviderHost> {
    // The engine's address: the host needs the argument; these calls never log through the engine.
    return ProviderHost.spawn(process.execPath, ["node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js", "127.0.0.1:1"], programDir, options);
  }

  /**
   * Starts a native plugin's executable (`pulumi-resource-stripe-portal`) as the engine does, in
   * `cwd`, and connects to it. `engineAddress` is where it sends its warnings.
   */
  static startPlugin(executable: string, cwd: string, options: HostOptions & { engineAddress?: string } = {}): Promise<ProviderHost> {
    return ProviderHost.spawn(executable, [options.engineAddress ?? "127.0.0.1:1"], cwd, options);
  }

  private static async spawn(command: string, args: string[], cwd: string, options: HostOptions): Promise<ProviderHost> {
    const started = Date.now();
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env };
    const child = spawn(command, args, {
      cwd,
      env,
      stdio: [options.enginePipe ? "pipe" : "ignore", "pipe", "pipe"],
    });
    // Kept from the first byte, for the whole life of the process.
    const output = { stdout: "", stderr: "" };
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (output.stdout += chunk));
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (output.stderr += chunk));
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`The provider host printed no port within 30 s. stdout:\n${output.stdout}\nstderr:\n${output.stderr}`)), 30_000);
      // Registered after the listener above: `output.stdout` already holds the chunk.
      child.stdout!.on("data", () => {
        const line = /^(\d+)\s*\n/.exec(output.stdout);
        if (line) {
          clearTimeout(timer);
          resolve(Number(line[1]));
        }
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`The provider host exited with ${code} before printing its port. stdout:\n${output.stdout}\nstderr:\n${output.stderr}`));
      });
    });
    const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    return new ProviderHost(child, client, output, port, Date.now() - started);
  }

  /** Everything the process printed on its standard output so far, as it printed it (the port line first). */
  get stdoutText(): string {
    return this.output.stdout;
  }

  /**
   * Everything the process wrote to stderr so far. A write may still be in the pipe when an RPC
   * answer arrives: `stop()` first for the complete text.
   */
  stderr(): string {
    return this.output.stderr;
  }

  /** What a dying engine does to the host: its end of the standard input pipe closes. Resolves when the host has exited. */
  async loseEngine(): Promise<void> {
    this.child.stdin?.end();
    await this.exited;
  }

  /** Whether the host process is still running. */
  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Stops the host (as the engine does at the end of a command) and waits until its output is drained. */
  async stop(): Promise<void> {
    this.client.close();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGTERM");
    await this.exited;
  }

  /**
   * The stack config, as the engine sends it: every key in `variables` as text and in `args` as a
   * property value, secrets wrapped as Pulumi secrets in `args`.
   */
  async configure(config: Record<string, string>, secretKeys: readonly string[] = []): Promise<{ acceptSecrets: boolean; supportsPreview: boolean }> {
    const request = new provproto.ConfigureRequest();
    const args: Struct = {};
    for (const [key, value] of Object.entries(config)) {
      request.getVariablesMap().set(key, value);
      args[key] = secretKeys.includes(key) ? secret(value) : value;
    }
    request.setArgs(structproto.Struct.fromJavaScript(args as Record<string, structproto.JavaScriptValue>));
    request.setAcceptsecrets(true);
    request.setAcceptresources(true);
    request.setSendsOldInputs(true);
    request.setSendsOldInputsToDelete(true);
    const response = await this.call<provproto.ConfigureResponse>("configure", request, { variables: config, args });
    return this.record({ acceptSecrets: response.getAcceptsecrets(), supportsPreview: response.getSupportspreview() });
  }

  /**
   * A native plugin's configuration, as the engine sends it: each argument by its own name in
   * `args` (secrets wrapped), and in the older `variables` map as `<package>:config:<name>`.
   */
  async configurePlugin(pkg: string, args: Record<string, string>, secretKeys: readonly string[] = []): Promise<{ acceptSecrets: boolean; supportsPreview: boolean }> {
    const request = new provproto.ConfigureRequest();
    const wrapped: Struct = {};
    for (const [key, value] of Object.entries(args)) {
      request.getVariablesMap().set(`${pkg}:config:${key}`, value);
      wrapped[key] = secretKeys.includes(key) ? secret(value) : value;
    }
    request.setArgs(structproto.Struct.fromJavaScript(wrapped as Record<string, structproto.JavaScriptValue>));
    request.setAcceptsecrets(true);
    request.setAcceptresources(true);
    const response = await this.call<provproto.ConfigureResponse>("configure", request, { args: wrapped });
    return this.record({ acceptSecrets: response.getAcceptsecrets(), supportsPreview: response.getSupportspreview() });
  }

  /**
   * Check with the old inputs and the new ones. Newer engines also send the old outputs
   * (`CheckRequest.old_outputs`); the dynamic-provider host never reads them, and the protocol of
   * the locked @pulumi/pulumi 3.248 (the last release for Node 20) has no such field, so they are
   * not sent.
   */
  async check(ref: ResourceRef, olds: Struct, news: Struct): Promise<CheckResult> {
    const request = new provproto.CheckRequest();
    setRef(request, ref);
    request.setOlds(toStruct(olds));
    request.setNews(toStruct(news));
    request.setRandomseed(Buffer.from("engine-test-seed"));
    const response = await this.call<provproto.CheckResponse>("check", request, { ...ref, olds, news });
    return this.record({
      inputs: fromStruct(response.getInputs()),
      failures: response.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    });
  }

  async diff(ref: ResourceRef, id: string, olds: Struct, news: Struct, oldInputs: Struct): Promise<DiffResult> {
    const { detailed: _detailed, ...result } = await this.detailedDiff(ref, id, olds, news, oldInputs);
    return result;
  }

  /** The package schema the provider serves (`pulumi package get-schema`). */
  async getSchema(): Promise<string> {
    const response = await this.call<provproto.GetSchemaResponse>("getSchema", new provproto.GetSchemaRequest(), {});
    return this.record(response.getSchema());
  }

  /** Diff, with the per-property detailed diff a native provider gives (kind names; " (outputs)" for a change not of the inputs). */
  async detailedDiff(ref: ResourceRef, id: string, olds: Struct, news: Struct, oldInputs: Struct): Promise<DiffResult & { detailed: Record<string, string> | undefined }> {
    const request = new provproto.DiffRequest();
    setRef(request, ref);
    request.setId(id);
    request.setOlds(toStruct(olds));
    request.setNews(toStruct(news));
    request.setOldInputs(toStruct(oldInputs));
    const response = await this.call<provproto.DiffResponse>("diff", request, { ...ref, id, olds, news, oldInputs });
    const kinds = Object.fromEntries(Object.entries(provproto.PropertyDiff.Kind).map(([name, value]) => [value, name]));
    // The dynamic-provider host gives none; a native plugin does.
    let detailed: Record<string, string> | undefined;
    if (response.getHasdetaileddiff()) {
      detailed = {};
      response.getDetaileddiffMap().forEach((diff, path) => (detailed![path] = `${kinds[diff.getKind()]}${diff.getInputdiff() ? "" : " (outputs)"}`));
    }
    return this.record({
      changes: CHANGES[response.getChanges()],
      replaces: response.getReplacesList(),
      stables: response.getStablesList(),
      diffs: response.getDiffsList(),
      deleteBeforeReplace: response.getDeletebeforereplace(),
      detailed,
    });
  }

  async create(ref: ResourceRef, properties: Struct, preview = false): Promise<{ id: string; properties: Struct }> {
    const request = new provproto.CreateRequest();
    setRef(request, ref);
    request.setProperties(toStruct(properties));
    request.setPreview(preview);
    const response = await this.call<provproto.CreateResponse>("create", request, { ...ref, properties, preview });
    return this.record({ id: response.getId(), properties: fromStruct(response.getProperties()) });
  }

  async read(ref: ResourceRef, id: string, properties: Struct, inputs: Struct): Promise<{ id: string; properties: Struct; inputs?: Struct }> {
    const request = new provproto.ReadRequest();
    setRef(request, ref);
    request.setId(id);
    request.setProperties(toStruct(properties));
    request.setInputs(toStruct(inputs));
    const response = await this.call<provproto.ReadResponse>("read", request, { ...ref, id, properties, inputs });
    const newInputs = response.getInputs();
    return this.record({ id: response.getId(), properties: fromStruct(response.getProperties()), ...(newInputs ? { inputs: fromStruct(newInputs) } : {}) });
  }

  async update(ref: ResourceRef, id: string, olds: Struct, news: Struct, oldInputs: Struct, preview = false): Promise<{ properties: Struct }> {
    const request = new provproto.UpdateRequest();
    setRef(request, ref);
    request.setId(id);
    request.setOlds(toStruct(olds));
    request.setNews(toStruct(news));
    request.setOldInputs(toStruct(oldInputs));
    request.setPreview(preview);
    const response = await this.call<provproto.UpdateResponse>("update", request, { ...ref, id, olds, news, oldInputs, preview });
    return this.record({ properties: fromStruct(response.getProperties()) });
  }

  async delete(ref: ResourceRef, id: string, properties: Struct, oldInputs: Struct): Promise<void> {
    const request = new provproto.DeleteRequest();
    setRef(request, ref);
    request.setId(id);
    request.setProperties(toStruct(properties));
    request.setOldInputs(toStruct(oldInputs));
    await this.call("delete", request, { ...ref, id, properties, oldInputs });
    this.record({});
  }

  private record<T>(response: T): T {
    this.exchanges[this.exchanges.length - 1].response = JSON.parse(JSON.stringify(response));
    return response;
  }

  private call<T>(method: string, request: unknown, logged: unknown): Promise<T> {
    const exchange: Exchange = { method, request: JSON.parse(JSON.stringify(logged)) };
    this.exchanges.push(exchange);
    const invoke = (this.client as unknown as Record<string, Function>)[method].bind(this.client);
    return new Promise<T>((resolve, reject) => {
      invoke(request, (error: grpc.ServiceError | null, response: T) => {
        if (!error) return resolve(response);
        const metadata: Record<string, string[]> = {};
        for (const [key, values] of Object.entries(error.metadata?.getMap() ?? {})) {
          metadata[key] = [Buffer.isBuffer(values) ? values.toString("base64") : String(values)];
        }
        exchange.error = { code: error.code, details: error.details, metadata };
        reject(new HostError(method, error.code, error.details, metadata));
      });
    });
  }
}

function setRef(request: { setUrn(v: string): unknown; setType(v: string): unknown; setName(v: string): unknown }, ref: ResourceRef): void {
  request.setUrn(ref.urn);
  request.setType(ref.type);
  request.setName(ref.name);
}

function toStruct(value: Struct): structproto.Struct {
  // JSON first: the protobuf converter refuses `undefined`.
  return structproto.Struct.fromJavaScript(JSON.parse(JSON.stringify(value)) as Record<string, structproto.JavaScriptValue>);
}

function fromStruct(value: structproto.Struct | undefined): Struct {
  return (value?.toJavaScript() ?? {}) as Struct;
}
