/** @type {import('jest').Config} */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  // The serialized provider requires the package by name; in this repository that is the source.
  // The examples import it by bare name; that is the SDK's source too.
  moduleNameMapper: {
    "^pulumi-stripe-portal/dist/provider/portalConfigurationProvider$": "<rootDir>/provider/dynamic/portalConfigurationProvider",
    "^pulumi-stripe-portal/dist/(.*)$": "<rootDir>/$1",
    "^pulumi-stripe-portal/plugin$": "<rootDir>/sdk/plugin",
    "^pulumi-stripe-portal$": "<rootDir>/sdk",
  },
  transform: { "^.+\\.ts$": "ts-jest" },
};
