/**
 * A provider test bed: an emulator on loopback, and the environment the provider reads pointing
 * at it with dummy credentials. Restores the environment when stopped.
 */

import { type EmulatorOptions, type RunningEmulator, startEmulator } from "../emulator";
import { DUMMY_CREDENTIAL_ENV, REGION } from "./account";

/** An emulator plus the environment pointing at it. */
export interface LightsailTestBed {
    /** The running emulator (replaced when a caller restarts it). */
    emulator: RunningEmulator;
    /** The environment variables set for the provider. */
    env: Record<string, string>;
    /** Stops the emulator and restores the environment. */
    stop(): Promise<void>;
}

/** Starts an emulator and points `process.env` (endpoint, region, credentials) at it. */
export async function startTestBed(options: EmulatorOptions = {}): Promise<LightsailTestBed> {
    const emulator = await startEmulator(options);
    const env: Record<string, string> = {
        ...DUMMY_CREDENTIAL_ENV,
        AWS_ENDPOINT_URL_LIGHTSAIL: emulator.url,
        AWS_REGION: REGION,
    };
    const saved: Record<string, string | undefined> = {};
    for (const [key, value] of Object.entries(env)) {
        saved[key] = process.env[key];
        process.env[key] = value;
    }
    const bed: LightsailTestBed = {
        emulator,
        env,
        stop: async () => {
            // The emulator running now: a test that restarted it replaced the first one.
            await bed.emulator.stop();
            for (const [key, value] of Object.entries(saved)) {
                if (value === undefined) delete process.env[key];
                else process.env[key] = value;
            }
        },
    };
    return bed;
}

/** The AWS operations in the emulator's log, in order. */
export function operations(emulator: RunningEmulator): string[] {
    return emulator.requests().map((r) => r.operation ?? "?");
}
