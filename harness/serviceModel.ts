/**
 * The official Lightsail service model (botocore's `service-2.json`, from Debian's
 * python3-botocore), typed as far as the tests read it.
 *
 * @module
 */

import { readFileSync } from "node:fs";
import { SERVICE_MODEL } from "./awsCli";

/** A reference to a shape by name. */
export interface ShapeRef {
    shape: string;
}

/** A shape: its type and the constraints the model states. */
export interface Shape {
    type: string;
    members?: Record<string, ShapeRef>;
    member?: ShapeRef;
    key?: ShapeRef;
    value?: ShapeRef;
    required?: string[];
    enum?: string[];
    pattern?: string;
    min?: number;
    max?: number;
    exception?: boolean;
}

/** The model: protocol metadata, operations and shapes. */
export interface Model {
    metadata: { protocol: string; targetPrefix: string; jsonVersion: string };
    operations: Record<string, { input?: ShapeRef; output?: ShapeRef; errors?: ShapeRef[] }>;
    shapes: Record<string, Shape>;
}

/** Reads the model from {@link SERVICE_MODEL}. */
export function loadServiceModel(): Model {
    return JSON.parse(readFileSync(SERVICE_MODEL, "utf8")) as Model;
}
