import * as path from "node:path";
import {
  DEMO_API_KEY,
  DEMO_PASSPHRASE,
  demoPaths,
  DemoUsageError,
  emulatorPort,
  fileBackendUrl,
  findLanguageHost,
  needsBuild,
  noCliMessage,
  parseDemoArgs,
  parseStackOutputs,
  pulumiEnvironment,
  runFailure,
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

describe("when no CLI runs", () => {
  it("says what npm run pulumi's search tried, and how to install the CLI", () => {
    const tried = "No Pulumi CLI could be found or built:\n  pulumi on PATH: none found\n  built from the Go module proxy: `go` is not on PATH.\n";
    expect(noCliMessage(tried).split("\n")).toEqual([
      "npm run demo needs the Pulumi CLI, and none could run here.",
      "No Pulumi CLI could be found or built:",
      "  pulumi on PATH: none found",
      "  built from the Go module proxy: `go` is not on PATH.",
      "",
      "Install the Pulumi CLI, then run `npm run demo` again:",
      "  curl -fsSL https://get.pulumi.com | sh      # Linux, macOS",
      "  brew install pulumi/tap/pulumi              # macOS, Homebrew",
      "  https://www.pulumi.com/docs/install/        # Windows and every other way",
      "or set PULUMI_CLI to a pulumi binary.",
    ]);
  });

  it("explains a failed run in one line", () => {
    expect(runFailure({ error: Object.assign(new Error("spawn x ENOENT"), { code: "ENOENT" }), code: null, stderr: "" })).toBe("not found");
    expect(runFailure({ error: Object.assign(new Error("spawn x EACCES"), { code: "EACCES" }), code: null, stderr: "" })).toBe("could not start (spawn x EACCES)");
    expect(runFailure({ code: 1, stderr: "Downloading pulumi v3.265.0...\npulumi: fetch failed\n" })).toBe("exited with code 1: pulumi: fetch failed");
    expect(runFailure({ code: 255, stderr: "" })).toBe("exited with code 255");
    expect(runFailure({ code: null, signal: "SIGKILL", stderr: "" })).toBe("stopped by SIGKILL");
  });
});

describe("findLanguageHost", () => {
  it("finds pulumi-language-nodejs on the CLI's PATH, first folder first", () => {
    const files = ["/opt/pulumi/pulumi-language-nodejs", "/usr/bin/pulumi-language-nodejs"];
    expect(findLanguageHost("/cache/plugins:/opt/pulumi:/usr/bin", (file) => files.includes(file), "linux")).toBe("/opt/pulumi/pulumi-language-nodejs");
  });

  it("finds none where only the CLI and the dynamic-provider plugin are", () => {
    const files = ["/cache/pulumi-v3.274.1/pulumi", "/cache/pulumi-v3.274.1/pulumi-resource-pulumi-nodejs"];
    expect(findLanguageHost("/cache/pulumi-v3.274.1::/usr/bin", (file) => files.includes(file), "linux")).toBeUndefined();
    expect(findLanguageHost("", () => true, "linux")).toBeUndefined();
  });

  it("knows Windows names and separators", () => {
    expect(findLanguageHost("C:\\bin;C:\\Pulumi\\bin", (file) => file === "C:\\Pulumi\\bin\\pulumi-language-nodejs.exe", "win32")).toBe("C:\\Pulumi\\bin\\pulumi-language-nodejs.exe");
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

  it("points up at the program the demo serves, when it serves one", () => {
    expect(pulumiRuns({ destroy: false }, "127.0.0.1:40123").change).toEqual(["up", "--yes", "--stack", "dev", "--client=127.0.0.1:40123"]);
  });

  it("runs destroy with --destroy, which needs no program", () => {
    expect(pulumiRuns({ destroy: true }).change).toEqual(["destroy", "--yes", "--stack", "dev"]);
    expect(pulumiRuns({ destroy: true }, "127.0.0.1:40123").change).toEqual(["destroy", "--yes", "--stack", "dev"]);
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
