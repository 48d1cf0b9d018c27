/**
 * Section 3, per resource: the serialized provider (`__provider`) as the dynamic resource
 * serializes it, once with the package installed from its tarball (a consumer folder, as users
 * have it) and once imported from source (this process, TypeScript through tsx, serialized by
 * value). The state of 100 snapshots is measured by a real `pulumi up` (see engine.ts).
 */

import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { serializeFunction } from "@pulumi/pulumi/runtime";
import { PACKAGE_NAME } from "../harness/repo";
import { diskSnapshotProvider } from "../provider";

/** What one serialization produced. */
export interface SerializedProvider {
    bytes: number;
    /** Bytes once written as a JSON string (as the state holds it). */
    jsonBytes: number;
    /** Modules the text `require`s. */
    requires: string[];
    containsSecrets: boolean;
}

function describe(text: string, containsSecrets: boolean): SerializedProvider {
    return {
        bytes: Buffer.byteLength(text),
        jsonBytes: Buffer.byteLength(JSON.stringify(text)),
        requires: [...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]).sort(),
        containsSecrets,
    };
}

/** Serialized from source, in this process. */
export async function serializeFromSource(): Promise<SerializedProvider> {
    const serialized = await serializeFunction(() => diskSnapshotProvider, { allowSecrets: true });
    return describe(serialized.text, serialized.containsSecrets);
}

/** Serialized with the package installed in `consumer`, in a node process there. */
export async function serializeFromPackage(consumer: string): Promise<SerializedProvider> {
    const file = path.join(consumer, `bench-serialize-${process.pid}.js`);
    fs.writeFileSync(
        file,
        `const { serializeFunction } = require("@pulumi/pulumi/runtime");
const { diskSnapshotProvider } = require(${JSON.stringify(PACKAGE_NAME)});
serializeFunction(() => diskSnapshotProvider, { allowSecrets: true }).then((sf) =>
    console.log(JSON.stringify({ text: sf.text, containsSecrets: sf.containsSecrets })),
);
`,
    );
    try {
        const out = await new Promise<string>((resolve, reject) =>
            execFile(process.execPath, [file], { cwd: consumer }, (error, stdout, stderr) =>
                error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
            ),
        );
        const { text, containsSecrets } = JSON.parse(out) as { text: string; containsSecrets: boolean };
        return describe(text, containsSecrets);
    } finally {
        fs.rmSync(file, { force: true });
    }
}
