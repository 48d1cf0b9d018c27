/**
 * The AWS account the tests, benchmarks and reliability runs present to the emulator: dummy
 * credentials (the emulator reads the credential scope but never verifies a signature) and the
 * region their snapshots live in.
 *
 * @module
 */

/** Dummy credentials, in the shape the AWS SDK takes. */
export const DUMMY_CREDENTIALS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "SECRETEXAMPLE" } as const;

/** {@link DUMMY_CREDENTIALS} as the environment variables the SDK, the CLI and the provider read. */
export const DUMMY_CREDENTIAL_ENV = {
    AWS_ACCESS_KEY_ID: DUMMY_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: DUMMY_CREDENTIALS.secretAccessKey,
} as const;

/** The region the test beds point the provider at, and where their disks and snapshots are. */
export const REGION = "us-east-1";
