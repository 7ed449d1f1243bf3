/** @type {import('jest').Config} */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  // The serialized provider requires the package by name; in this repository that is the source.
  moduleNameMapper: { "^pulumi-stripe-portal/dist/(.*)$": "<rootDir>/$1" },
  transform: { "^.+\\.ts$": ["ts-jest", { isolatedModules: true }] },
};
