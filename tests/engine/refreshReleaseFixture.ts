/**
 * Rewrites tests/engine/fixtures/previous-release.json with what the package of this checkout
 * leaves in a stack's state: the provider text and a configuration's inputs and outputs.
 * Run it on the commit of each release (`npx ts-node tests/engine/refreshReleaseFixture.ts`) and
 * commit the result: the upgrade test then checks that the next versions still read, update and
 * delete what this release left behind.
 */
import { FIXTURE_PATH, produceReleaseFixture, writeReleaseFixture } from "./harness/releaseFixture";

produceReleaseFixture()
  .then((fixture) => {
    writeReleaseFixture(fixture);
    process.stdout.write(`Wrote ${FIXTURE_PATH} (version ${fixture.version}, provider ${Buffer.byteLength(fixture.provider)} bytes).\n`);
  })
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
