/** @type {import('jest').Config} */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  // The provider text (the dynamic provider as Pulumi stores it) requires the package by name; in
  // this repository that is the source. dist/provider/portalConfigurationProvider is the public
  // path that stored states name (package.json's exports keep it), so it maps to the source's
  // provider/dynamic/, where that file lives now. The examples import the package by bare name;
  // that is the SDK's source too.
  moduleNameMapper: {
    "^pulumi-stripe-portal/dist/provider/portalConfigurationProvider$": "<rootDir>/provider/dynamic/portalConfigurationProvider",
    "^pulumi-stripe-portal/dist/(.*)$": "<rootDir>/$1",
    "^pulumi-stripe-portal/plugin$": "<rootDir>/sdk/plugin",
    "^pulumi-stripe-portal$": "<rootDir>/sdk",
  },
  transform: { "^.+\\.ts$": "ts-jest" },
};
