import * as path from "node:path";
import {
  cliCandidates,
  CliLookup,
  DEMO_API_KEY,
  DEMO_PASSPHRASE,
  demoPaths,
  DemoUsageError,
  emulatorPort,
  fileBackendUrl,
  needsBuild,
  noCliMessage,
  parseCliVersion,
  parseDemoArgs,
  parseStackOutputs,
  probeFailure,
  pulumiEnvironment,
  pulumiRuns,
  summary,
} from "../../scripts/demoSteps";

describe("parseDemoArgs", () => {
  it("deploys for the demo customer by default", () => {
    expect(parseDemoArgs([])).toEqual({ destroy: false, serve: false, customer: "cus_demo", skipBuild: false, help: false });
  });

  it("reads every option", () => {
    expect(parseDemoArgs(["--destroy", "--dir", "/tmp/x", "--skip-build"])).toEqual({ destroy: true, serve: false, customer: "cus_demo", dir: "/tmp/x", skipBuild: true, help: false });
    expect(parseDemoArgs(["--serve", "--customer", "cus_42"])).toMatchObject({ serve: true, customer: "cus_42" });
    expect(parseDemoArgs(["-h"]).help).toBe(true);
  });

  it("refuses what it does not know, with the usage", () => {
    expect(() => parseDemoArgs(["--destory"])).toThrow(DemoUsageError);
    expect(() => parseDemoArgs(["--destory"])).toThrow(/Unknown argument "--destory"[\s\S]*usage: npm run demo/);
    expect(() => parseDemoArgs(["--customer"])).toThrow("--customer needs a value.");
    expect(() => parseDemoArgs(["--customer", "--serve"])).toThrow("--customer needs a value.");
    expect(() => parseDemoArgs(["--customer", "bob"])).toThrow('--customer needs a customer id (cus_...), not "bob".');
    expect(() => parseDemoArgs(["--destroy", "--serve"])).toThrow(/does not go with --destroy/);
  });
});

describe("demoPaths", () => {
  it("keeps everything in .pulumi-demo/ of the project, or in --dir", () => {
    expect(demoPaths("/repo")).toEqual({
      projectDir: "/repo",
      demoDir: "/repo/.pulumi-demo",
      backendDir: "/repo/.pulumi-demo/state",
      pulumiHome: "/repo/.pulumi-demo/home",
      emulatorStateFile: "/repo/.pulumi-demo/emulator-state.json",
    });
    expect(demoPaths("/repo", "elsewhere").demoDir).toBe("/repo/elsewhere");
    expect(demoPaths("/repo", "/tmp/demo").backendDir).toBe("/tmp/demo/state");
  });

  it("makes file:// backend URLs", () => {
    expect(fileBackendUrl("/repo/.pulumi-demo/state")).toBe("file:///repo/.pulumi-demo/state");
    expect(fileBackendUrl("C:\\repo\\.pulumi-demo\\state")).toBe("file:///C:/repo/.pulumi-demo/state");
  });
});

describe("emulatorPort", () => {
  it("reuses the last run's port, else asks for a free one", () => {
    expect(emulatorPort("43117\n")).toBe(43117);
    expect(emulatorPort(undefined)).toBe(0);
    expect(emulatorPort("")).toBe(0);
    expect(emulatorPort("http")).toBe(0);
    expect(emulatorPort("70000")).toBe(0);
    expect(emulatorPort("-1")).toBe(0);
  });
});

describe("pulumiEnvironment", () => {
  const paths = demoPaths("/repo");
  const shell = {
    PATH: "/usr/bin",
    HOME: "/home/me",
    STRIPE_API_KEY: "sk_live_real",
    STRIPE_API_BASE: "https://api.stripe.com",
    STRIPE_API_VERSION: "2020-01-01",
    STRIPE_ACCOUNT: "acct_real",
    PULUMI_CONFIG_PASSPHRASE: "mine",
    PULUMI_CONFIG_PASSPHRASE_FILE: "/home/me/pass",
    PULUMI_ACCESS_TOKEN: "pul-123",
    PULUMI_BACKEND_URL: "https://api.pulumi.com",
  };

  it("uses a local file backend, the demo passphrase and a PULUMI_HOME in the demo folder", () => {
    const env = pulumiEnvironment(shell, paths);
    expect(env).toMatchObject({
      PATH: "/usr/bin",
      HOME: "/home/me",
      PULUMI_BACKEND_URL: "file:///repo/.pulumi-demo/state",
      PULUMI_CONFIG_PASSPHRASE: DEMO_PASSPHRASE,
      PULUMI_HOME: "/repo/.pulumi-demo/home",
      PULUMI_SKIP_UPDATE_CHECK: "true",
    });
    for (const gone of ["PULUMI_CONFIG_PASSPHRASE_FILE", "PULUMI_ACCESS_TOKEN", "STRIPE_API_KEY", "STRIPE_API_BASE", "STRIPE_API_VERSION", "STRIPE_ACCOUNT"]) {
      expect(env).not.toHaveProperty(gone);
    }
  });

  it("points the provider at the emulator with a throwaway test key once it runs", () => {
    const env = pulumiEnvironment(shell, paths, "http://127.0.0.1:4567");
    expect(env.STRIPE_API_KEY).toBe(DEMO_API_KEY);
    expect(DEMO_API_KEY).toMatch(/^sk_test_/);
    expect(env.STRIPE_API_BASE).toBe("http://127.0.0.1:4567");
    expect(env).not.toHaveProperty("STRIPE_ACCOUNT");
    expect(env).not.toHaveProperty("STRIPE_API_VERSION");
  });

  it("leaves the caller's environment alone", () => {
    const copy = { ...shell };
    pulumiEnvironment(shell, paths, "http://127.0.0.1:1");
    expect(shell).toEqual(copy);
  });
});

describe("cliCandidates", () => {
  function lookup(files: string[], runner?: string, platform: NodeJS.Platform = "linux"): CliLookup {
    return { isExecutable: (file) => files.includes(file), npmPackageRunner: () => runner, nodePath: "/usr/bin/node", platform };
  }
  const runner = "/repo/node_modules/pulumi/run.js";

  it("takes PULUMI_CLI alone when it is set", () => {
    expect(cliCandidates({ PULUMI_CLI: " /opt/pulumi/bin/pulumi ", PATH: "/usr/bin" }, lookup(["/usr/bin/pulumi"], runner))).toEqual([
      { command: "/opt/pulumi/bin/pulumi", args: [], source: "PULUMI_CLI" },
    ]);
  });

  it("tries pulumi on PATH, then the npm package, skipping node_modules/.bin", () => {
    const env = { PATH: "/repo/node_modules/.bin:/home/me/.pulumi/bin:/usr/bin:/usr/local/bin" };
    const files = ["/repo/node_modules/.bin/pulumi", "/home/me/.pulumi/bin/pulumi", "/usr/local/bin/pulumi"];
    expect(cliCandidates(env, lookup(files, runner))).toEqual([
      { command: "/home/me/.pulumi/bin/pulumi", args: [], source: "PATH" },
      { command: "/usr/local/bin/pulumi", args: [], source: "PATH" },
      { command: "/usr/bin/node", args: [runner], source: "the pulumi npm package" },
    ]);
  });

  it("finds nothing when there is no CLI and no npm package", () => {
    expect(cliCandidates({ PATH: "/usr/bin:" }, lookup([]))).toEqual([]);
    expect(cliCandidates({}, lookup([]))).toEqual([]);
    expect(cliCandidates({ PULUMI_CLI: "  ", PATH: "/usr/bin" }, lookup(["/usr/bin/pulumi"]))).toEqual([{ command: "/usr/bin/pulumi", args: [], source: "PATH" }]);
  });

  it("knows Windows names and separators", () => {
    const env = { Path: "C:\\repo\\node_modules\\.bin;C:\\Pulumi\\bin" };
    expect(cliCandidates(env, lookup(["C:\\repo\\node_modules\\.bin\\pulumi.cmd", "C:\\Pulumi\\bin\\pulumi.exe"], undefined, "win32"))).toEqual([
      { command: "C:\\Pulumi\\bin\\pulumi.exe", args: [], source: "PATH" },
    ]);
  });
});

describe("when no CLI runs", () => {
  it("says what was tried and how to install the CLI", () => {
    const message = noCliMessage([
      { cli: { command: "/nope/pulumi", args: [], source: "PULUMI_CLI" }, reason: "not found" },
      { cli: { command: "/usr/bin/node", args: ["/repo/node_modules/pulumi/run.js"], source: "the pulumi npm package" }, reason: "exited with code 1: pulumi: fetch failed" },
    ]);
    expect(message).toContain("/nope/pulumi (PULUMI_CLI): not found");
    expect(message).toContain(
      "the pulumi npm package, which downloads the CLI on first use (/repo/node_modules/pulumi/run.js): exited with code 1: pulumi: fetch failed",
    );
    expect(message).not.toContain("PATH: none found");
    expect(message).toContain("https://www.pulumi.com/docs/install/");
    expect(message).toContain("curl -fsSL https://get.pulumi.com | sh");
    expect(message).toContain("brew install pulumi/tap/pulumi");
    expect(noCliMessage([]).split("\n").slice(0, 3)).toEqual([
      "npm run demo needs the Pulumi CLI, and none could run here. Tried:",
      "  pulumi on PATH: none found",
      "  the pulumi npm package: not installed (run npm install)",
    ]);
    // Without PATH candidates, the npm package's failure says where the download came from.
    expect(
      noCliMessage([{ cli: { command: "/usr/bin/node", args: ["/r/node_modules/pulumi/run.js"], source: "the pulumi npm package" }, reason: "exited with code 1: pulumi: fetch failed" }])
        .split("\n")
        .slice(1, 3),
    ).toEqual(["  pulumi on PATH: none found", "  the pulumi npm package, which downloads the CLI on first use (/r/node_modules/pulumi/run.js): exited with code 1: pulumi: fetch failed"]);
  });

  it("explains a failed probe in one line", () => {
    expect(probeFailure({ error: Object.assign(new Error("spawn x ENOENT"), { code: "ENOENT" }), code: null, stderr: "" })).toBe("not found");
    expect(probeFailure({ error: Object.assign(new Error("spawn x EACCES"), { code: "EACCES" }), code: null, stderr: "" })).toBe("could not start (spawn x EACCES)");
    expect(probeFailure({ code: 1, stderr: "Downloading pulumi v3.265.0...\npulumi: fetch failed\n" })).toBe("exited with code 1: pulumi: fetch failed");
    expect(probeFailure({ code: null, signal: "SIGKILL", stderr: "" })).toBe("stopped by SIGKILL");
  });

  it("reads the CLI's version", () => {
    expect(parseCliVersion("v3.265.0\n")).toBe("v3.265.0");
    expect(parseCliVersion("v3.270.1-dev.0\n")).toBe("v3.270.1-dev.0");
    expect(parseCliVersion("")).toBeUndefined();
  });
});

describe("pulumiRuns", () => {
  it("selects or creates stack dev, then runs up, then reads the outputs", () => {
    expect(pulumiRuns({ destroy: false })).toEqual({
      select: ["stack", "select", "--create", "dev", "--non-interactive"],
      change: ["up", "--yes", "--stack", "dev"],
      outputs: ["stack", "output", "--json", "--stack", "dev"],
    });
  });

  it("runs destroy with --destroy", () => {
    expect(pulumiRuns({ destroy: true }).change).toEqual(["destroy", "--yes", "--stack", "dev"]);
  });
});

describe("parseStackOutputs", () => {
  it("reads the quick-start program's outputs", () => {
    expect(parseStackOutputs('{"configurationId": "bpc_123", "loginUrl": "http://127.0.0.1:1/p/login/abc"}\n')).toEqual({
      configurationId: "bpc_123",
      loginUrl: "http://127.0.0.1:1/p/login/abc",
    });
    expect(parseStackOutputs('{"configurationId": "bpc_123", "loginUrl": null}')).toEqual({ configurationId: "bpc_123", loginUrl: undefined });
  });

  it("says what is wrong with anything else", () => {
    expect(() => parseStackOutputs("warning: x")).toThrow(/not JSON/);
    expect(() => parseStackOutputs("[1]")).toThrow("did not print an object");
    expect(() => parseStackOutputs("{}")).toThrow("The stack has no configurationId output (got undefined); did pulumi up succeed?");
  });
});

describe("needsBuild", () => {
  it("builds when a built file is missing or older than the newest source", () => {
    expect(needsBuild(100, [undefined, 200])).toBe(true);
    expect(needsBuild(100, [])).toBe(true);
    expect(needsBuild(300, [200, 400])).toBe(true);
    expect(needsBuild(100, [200, 400])).toBe(false);
  });
});

describe("summary", () => {
  const outputs = { configurationId: "bpc_1", loginUrl: "http://127.0.0.1:9/p/login/x" };
  it("prints the configuration id, the session link and how to go on", () => {
    const text = summary({ outputs, customer: "cus_demo", sessionUrl: "http://127.0.0.1:9/p/session/abc", serve: false, demoDir: path.join("/repo", ".pulumi-demo") });
    expect(text).toContain("Portal configuration: bpc_1");
    expect(text).toContain("Portal preview for cus_demo: http://127.0.0.1:9/p/session/abc");
    expect(text).toContain("Hosted login page: http://127.0.0.1:9/p/login/x");
    expect(text).toContain("npm run demo -- --serve");
    expect(text).toContain("npm run demo -- --destroy");
  });

  it("says the emulator keeps running with --serve", () => {
    expect(summary({ outputs: { configurationId: "bpc_1" }, customer: "cus_demo", sessionUrl: "u", serve: true, demoDir: "/d" })).toContain("Ctrl-C stops it");
  });
});
